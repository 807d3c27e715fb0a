using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>The construction and improvement moves of the forum solver; every move keeps the schedule feasible.</summary>
internal sealed partial class ForumImprover(ForumModel model, ForumState state, Random random, bool[] pinned)
{
    private const int CapacityVictimsTried = 4;

    private bool Movable(int r) => model.LockedSlot[r] < 0 && !pinned[r];

    /// <summary>Places unscheduled requests by decreasing weight, each in the free slot that adds the fewest breaks.</summary>
    public void Greedy()
    {
        var order = Enumerable.Range(0, model.RequestCount)
            .Where(r => !state.IsScheduled(r) && model.Domain[r] != 0)
            .OrderByDescending(r => model.Weight[r])
            .ThenBy(r => SlotMask.Count(model.Domain[r]))
            .ThenBy(r => r)
            .ToList();
        foreach (var r in order)
        {
            var best = BestFreeSlot(r, -1);
            if (best >= 0)
            {
                state.Place(r, best);
            }
        }
    }

    /// <summary>Tries to schedule each unscheduled request by relocating (or, for a net gain, dropping) the meetings in its way.</summary>
    public bool InsertWithRelocation(CancellationToken cancellation)
    {
        var improved = false;
        var order = Enumerable.Range(0, model.RequestCount)
            .Where(r => !state.IsScheduled(r) && model.Domain[r] != 0)
            .OrderByDescending(r => model.Weight[r])
            .ThenBy(r => r)
            .ToList();
        foreach (var r in order)
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }
            if (state.IsScheduled(r))
            {
                continue;
            }
            var free = BestFreeSlot(r, -1);
            if (free >= 0)
            {
                state.Place(r, free);
                improved = true;
                continue;
            }
            foreach (var s in SlotMask.Slots(model.Domain[r]))
            {
                if (TryInsertAt(r, s))
                {
                    improved = true;
                    break;
                }
            }
        }
        return improved;
    }

    private bool TryInsertAt(int r, int s)
    {
        var evicted = new List<(int Request, int From)>();
        foreach (var p in new[] { model.First[r], model.Second[r] })
        {
            var x = state.MeetingAt(p, s);
            if (x >= 0)
            {
                if (!Movable(x))
                {
                    Restore(evicted, []);
                    return false;
                }
                evicted.Add((x, s));
                state.Remove(x);
            }
        }
        if (!state.HasRoom(r, s) && !EvictForCapacity(r, s, evicted))
        {
            Restore(evicted, []);
            return false;
        }
        state.Place(r, s);
        var relocated = new List<int>();
        var lost = 0;
        foreach (var (x, _) in evicted)
        {
            var to = BestFreeSlot(x, s);
            if (to >= 0)
            {
                state.Place(x, to);
                relocated.Add(x);
            }
            else
            {
                lost += model.Weight[x];
            }
        }
        if (lost < model.Weight[r])
        {
            return true;
        }
        state.Remove(r);
        Restore(evicted, relocated);
        return false;
    }

    private bool EvictForCapacity(int r, int s, List<(int Request, int From)> evicted)
    {
        var needsInterpreter = model.NeedsInterpreter[r] && !state.InterpreterFits(r, s);
        var candidates = state.MeetingsIn(s)
            .Where(x => Movable(x) && (!needsInterpreter || (model.NeedsInterpreter[x] && state.InterpreterFitsWithout(r, s, x))))
            .ToList();
        for (var i = 0; i < CapacityVictimsTried && candidates.Count > 0; i++)
        {
            var k = random.Next(candidates.Count);
            var x = candidates[k];
            candidates.RemoveAt(k);
            state.Remove(x);
            if (BestFreeSlot(x, s) >= 0 || model.Weight[x] < model.Weight[r])
            {
                evicted.Add((x, s));
                if (state.HasRoom(r, s))
                {
                    return true;
                }
                continue;
            }
            state.Place(x, s);
        }
        return false;
    }

    private void Restore(List<(int Request, int From)> evicted, List<int> relocated)
    {
        foreach (var x in relocated)
        {
            state.Remove(x);
        }
        foreach (var (x, from) in evicted)
        {
            state.Place(x, from);
        }
    }

    /// <summary>Moves scheduled meetings to free slots where the total breaks drop.</summary>
    public bool ReduceBreaks(CancellationToken cancellation)
    {
        var improved = false;
        var order = Enumerable.Range(0, model.RequestCount).Where(r => state.IsScheduled(r) && Movable(r)).ToArray();
        random.Shuffle(order);
        foreach (var r in order)
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }
            var from = state.Slot[r];
            state.Remove(r);
            var stay = state.BreakDelta(r, from);
            var best = from;
            var bestDelta = stay;
            foreach (var s in SlotMask.Slots(state.FreeSlots(r)))
            {
                var delta = state.BreakDelta(r, s);
                if (delta < bestDelta)
                {
                    best = s;
                    bestDelta = delta;
                }
            }
            state.Place(r, best);
            improved |= best != from;
        }
        return improved;
    }

    /// <summary>Moves meetings out of the busiest slots when it adds no break.</summary>
    public void BalanceLoad()
    {
        for (var round = 0; round < 3; round++)
        {
            var order = Enumerable.Range(0, model.RequestCount).Where(r => state.IsScheduled(r) && Movable(r))
                .OrderByDescending(r => state.Load[state.Slot[r]]).ToArray();
            foreach (var r in order)
            {
                var from = state.Slot[r];
                state.Remove(r);
                var stay = state.BreakDelta(r, from);
                var best = from;
                foreach (var s in SlotMask.Slots(state.FreeSlots(r)))
                {
                    if (state.BreakDelta(r, s) <= stay && state.Load[s] + 1 < state.Load[best])
                    {
                        best = s;
                    }
                }
                state.Place(r, best);
            }
        }
    }

    private int BestFreeSlot(int r, int except)
    {
        var best = -1;
        var bestScore = int.MaxValue;
        var a = state.Busy(model.First[r]);
        var b = state.Busy(model.Second[r]);
        var near = (a << 1) | (a >> 1) | (b << 1) | (b >> 1);
        foreach (var s in SlotMask.Slots(state.FreeSlots(r)))
        {
            if (s == except)
            {
                continue;
            }
            var score = 1000 * state.BreakDelta(r, s) - (SlotMask.Contains(near, s) ? 10 : 0) + state.Load[s] * 4 / Math.Max(1, model.TablesPerSlot[s]);
            if (score < bestScore)
            {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }
}
