using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Large-neighbourhood step: unschedule a few meetings of a feasible schedule and re-place them by branch and bound,
/// everything else fixed, looking for fewer breaks. The bound lets each unfinished participant close at most as
/// many of its gaps (shortest first) as it has meetings left to place.
/// </summary>
internal sealed class ExactRepair(B2bspModel model, long nodeLimit)
{
    private readonly List<int> gapLengths = [];
    private SearchState state = null!;
    private int[] subset = [];
    private int[] pendingOf = [];
    private int[] affected = [];
    private int[]? best;
    private int bestBreaks;
    private long nodes;

    /// <summary>Re-places <paramref name="meetings"/> in <paramref name="current"/>; returns true when it lowered the breaks.</summary>
    public bool Improve(SearchState current, IReadOnlyList<int> meetings)
    {
        state = current;
        subset = meetings.OrderBy(m => SlotMask.Count(model.Domain[m])).ToArray();
        var original = subset.Select(m => state.Slot[m]).ToArray();
        bestBreaks = state.Breaks;
        best = null;
        nodes = 0;
        pendingOf = new int[model.Participants];
        affected = subset.SelectMany(m => new[] { model.First[m], model.Second[m] }).Distinct().ToArray();
        foreach (var m in subset)
        {
            state.Remove(m);
            pendingOf[model.First[m]]++;
            pendingOf[model.Second[m]]++;
        }
        Search(0, original);
        var chosen = best ?? original;
        for (var i = 0; i < subset.Length; i++)
        {
            if (state.Slot[subset[i]] >= 0)
            {
                state.Remove(subset[i]);
            }
        }
        for (var i = 0; i < subset.Length; i++)
        {
            state.Place(subset[i], chosen[i]);
        }
        return best is not null;
    }

    private bool Search(int depth, int[] original)
    {
        if (++nodes > nodeLimit)
        {
            return false;
        }
        if (Bound() >= bestBreaks)
        {
            return true;
        }
        if (depth == subset.Length)
        {
            if (state.Violations == 0)
            {
                bestBreaks = state.Breaks;
                best = subset.Select(m => state.Slot[m]).ToArray();
            }
            return true;
        }
        var m = subset[depth];
        var a = model.First[m];
        var b = model.Second[m];
        var candidates = model.Domain[m] & ~state.Busy(a) & ~state.Busy(b) & PrecedenceWindow(m);
        foreach (var s in OrderedSlots(candidates, original[depth]))
        {
            if (state.TableLoad(s) >= model.Tables)
            {
                continue;
            }
            state.Place(m, s);
            pendingOf[a]--;
            pendingOf[b]--;
            var finished = Search(depth + 1, original);
            pendingOf[a]++;
            pendingOf[b]++;
            state.Remove(m);
            if (!finished)
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<int> OrderedSlots(ulong candidates, int first)
    {
        if (SlotMask.Contains(candidates, first))
        {
            yield return first;
        }
        foreach (var s in SlotMask.Slots(candidates & ~SlotMask.Bit(first)))
        {
            yield return s;
        }
    }

    private int Bound()
    {
        var bound = state.Breaks;
        foreach (var p in affected)
        {
            if (pendingOf[p] > 0)
            {
                var h = state.BreaksOf(p);
                bound -= Math.Min(h, ClosableGaps(state.Busy(p), pendingOf[p]));
            }
        }
        return bound;
    }

    private int ClosableGaps(ulong busy, int meetingsLeft)
    {
        if (busy == 0)
        {
            return 0;
        }
        gapLengths.Clear();
        var inside = SlotMask.FirstSlots(SlotMask.Highest(busy) + 1) & ~SlotMask.FirstSlots(SlotMask.Lowest(busy)) & ~busy;
        foreach (var gap in SlotMask.Runs(inside, 1UL))
        {
            gapLengths.Add(SlotMask.Count(gap));
        }
        gapLengths.Sort();
        var closed = 0;
        foreach (var length in gapLengths)
        {
            if (length > meetingsLeft)
            {
                break;
            }
            meetingsLeft -= length;
            closed++;
        }
        return closed;
    }

    private ulong PrecedenceWindow(int m)
    {
        var window = ulong.MaxValue;
        foreach (var p in model.Predecessors[m])
        {
            if (state.Slot[p] >= 0)
            {
                window &= ~SlotMask.FirstSlots(state.Slot[p] + 1);
            }
        }
        foreach (var q in model.Successors[m])
        {
            if (state.Slot[q] >= 0)
            {
                window &= SlotMask.FirstSlots(state.Slot[q]);
            }
        }
        return window;
    }
}
