using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Simulated annealing over complete assignments. Hard-constraint violations are penalised; the cost adds a small
/// weight per idle slot inside a participant's span so that closing a gap is rewarded before the break disappears.
/// Moves: one meeting to another slot, a swap of two meetings of one participant, and Kempe chains between two
/// slots (which keep participants free of double bookings). Rounds restart from the best schedule with a reheat.
/// </summary>
internal sealed class LocalSearch
{
    private const int ViolationWeight = 30;
    private const int BreakWeight = 10;
    private const long CheckInterval = 1024;
    private const int MaxChain = 24;
    private const int RepairSize = 10;
    private const int RepairSteps = 50;
    private const long RepairNodes = 20_000;

    private readonly B2bspModel model;
    private readonly Incumbent? incumbent;
    private readonly Random random;
    private readonly int[][] domainSlots;
    private readonly int[] movable;
    private readonly int[] chainStamp;
    private readonly List<int> chain = [];
    private readonly List<int> chainFrom = [];
    private int stamp;

    public LocalSearch(B2bspModel model, int seed, Incumbent? incumbent = null)
    {
        this.model = model;
        this.incumbent = incumbent;
        random = new Random(seed);
        domainSlots = model.Domain.Select(d => SlotMask.Slots(d).ToArray()).ToArray();
        movable = Enumerable.Range(0, model.MeetingCount).Where(m => domainSlots[m].Length > 1).ToArray();
        chainStamp = new int[model.MeetingCount];
    }

    public int[]? Best { get; private set; }
    public int BestBreaks { get; private set; } = int.MaxValue;
    public long Iterations { get; private set; }

    public void Run(int[] start, int target, long maxIterations, CancellationToken cancellation)
    {
        var state = new SearchState(model, start);
        Record(state);
        if (movable.Length == 0)
        {
            return;
        }
        var roundLength = Math.Max(100_000L, 20_000L * model.MeetingCount);
        var round = 0;
        while (BestBreaks > target && Iterations < maxIterations && !cancellation.IsCancellationRequested)
        {
            var idleWeight = random.Next(4);
            var t0 = round == 0 ? 20.0 : 2.0 + 8.0 * random.NextDouble();
            Anneal(state, idleWeight, t0, 0.3, Math.Min(roundLength, maxIterations - Iterations), target, cancellation);
            round++;
            if (Best is not null && BestBreaks > target)
            {
                state = new SearchState(model, Best);
                Repair(state, target, cancellation);
                if (random.Next(2) == 0)
                {
                    state = new SearchState(model, Best);
                }
            }
        }
    }

    private void Anneal(SearchState state, int idleWeight, double t0, double t1, long length, int target, CancellationToken cancellation)
    {
        var cost = state.Cost(ViolationWeight, BreakWeight, idleWeight);
        var cooling = Math.Pow(t1 / t0, 1.0 / Math.Max(1, length));
        var temperature = t0;
        for (long i = 0; i < length; i++)
        {
            Iterations++;
            if (i % CheckInterval == 0 && cancellation.IsCancellationRequested)
            {
                return;
            }
            temperature *= cooling;
            var m = movable[random.Next(movable.Length)];
            var kind = random.Next(8);
            if (kind < 3 && SwapPartner(state, m) is var other && other >= 0)
            {
                Chain(m, other, state);
            }
            else if (kind < 6 && BuildKempeChain(state, m, Target(state, m)))
            {
            }
            else
            {
                var to = Target(state, m);
                if (to == state.Slot[m])
                {
                    continue;
                }
                chain.Clear();
                chainFrom.Clear();
                chain.Add(m);
                chainFrom.Add(to);
            }
            if (chain.Count == 0)
            {
                continue;
            }
            Apply(state);
            var delta = state.Cost(ViolationWeight, BreakWeight, idleWeight) - cost;
            if (delta <= 0 || random.NextDouble() < Math.Exp(-delta / temperature))
            {
                cost += delta;
                if (state.Breaks < BestBreaks && state.IsFeasible)
                {
                    Record(state);
                    if (BestBreaks <= target)
                    {
                        return;
                    }
                }
            }
            else
            {
                Undo(state);
            }
        }
    }

    private void Repair(SearchState state, int target, CancellationToken cancellation)
    {
        var repair = new ExactRepair(model, RepairNodes);
        for (var step = 0; step < RepairSteps && !cancellation.IsCancellationRequested; step++)
        {
            var withBreaks = Enumerable.Range(0, model.Participants).Where(p => state.BreaksOf(p) > 0).ToArray();
            if (withBreaks.Length == 0)
            {
                return;
            }
            var subset = Neighbourhood(withBreaks[random.Next(withBreaks.Length)], state);
            if (repair.Improve(state, subset))
            {
                Record(state);
                if (BestBreaks <= target)
                {
                    return;
                }
            }
        }
    }

    private List<int> Neighbourhood(int participant, SearchState state)
    {
        var chosen = new HashSet<int>();
        var meetings = model.MeetingsOf[participant].Where(m => domainSlots[m].Length > 1).ToArray();
        random.Shuffle(meetings);
        foreach (var m in meetings.Take(RepairSize))
        {
            chosen.Add(m);
        }
        var partners = meetings.Select(m => model.First[m] == participant ? model.Second[m] : model.First[m])
            .Where(q => state.BreaksOf(q) > 0).ToArray();
        if (partners.Length > 0)
        {
            var more = model.MeetingsOf[partners[random.Next(partners.Length)]].Where(m => domainSlots[m].Length > 1).ToArray();
            random.Shuffle(more);
            foreach (var m in more)
            {
                if (chosen.Count >= RepairSize + 4)
                {
                    break;
                }
                chosen.Add(m);
            }
        }
        return [.. chosen];
    }

    // chain holds the meetings to move and chainFrom their target slots until Apply turns it into their old slots.
    private void Apply(SearchState state)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            var old = state.Slot[chain[i]];
            state.Move(chain[i], chainFrom[i]);
            chainFrom[i] = old;
        }
    }

    private void Undo(SearchState state)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            state.Move(chain[i], chainFrom[i]);
        }
    }

    private void Chain(int a, int b, SearchState state)
    {
        chain.Clear();
        chainFrom.Clear();
        chain.Add(a);
        chainFrom.Add(state.Slot[b]);
        chain.Add(b);
        chainFrom.Add(state.Slot[a]);
    }

    private bool BuildKempeChain(SearchState state, int m, int t)
    {
        chain.Clear();
        chainFrom.Clear();
        var s = state.Slot[m];
        if (s == t)
        {
            return false;
        }
        stamp++;
        chain.Add(m);
        chainStamp[m] = stamp;
        for (var i = 0; i < chain.Count; i++)
        {
            var x = chain[i];
            var to = state.Slot[x] == s ? t : s;
            if (!SlotMask.Contains(model.Domain[x], to) || chain.Count > MaxChain)
            {
                chain.Clear();
                return false;
            }
            chainFrom.Add(to);
            AddNeighbours(state, model.First[x], to, x);
            AddNeighbours(state, model.Second[x], to, x);
        }
        return true;
    }

    private void AddNeighbours(SearchState state, int p, int slot, int except)
    {
        if (state.LoadOf(p, slot) == 0)
        {
            return;
        }
        foreach (var y in model.MeetingsOf[p])
        {
            if (y != except && state.Slot[y] == slot && chainStamp[y] != stamp)
            {
                chainStamp[y] = stamp;
                chain.Add(y);
            }
        }
    }

    /// <summary>Half the time a slot next to one of the participants' meetings, where a move can close a gap.</summary>
    private int Target(SearchState state, int m)
    {
        if (random.Next(2) == 0)
        {
            var busy = state.Busy(random.Next(2) == 0 ? model.First[m] : model.Second[m]);
            var near = ((busy << 1) | (busy >> 1)) & model.Domain[m];
            if (near != 0)
            {
                return RandomSlot(near);
            }
        }
        return domainSlots[m][random.Next(domainSlots[m].Length)];
    }

    private int RandomSlot(ulong mask)
    {
        var k = random.Next(SlotMask.Count(mask));
        for (; k > 0; k--)
        {
            mask &= mask - 1;
        }
        return SlotMask.Lowest(mask);
    }

    private int SwapPartner(SearchState state, int m)
    {
        var p = random.Next(2) == 0 ? model.First[m] : model.Second[m];
        var meetings = model.MeetingsOf[p];
        var other = meetings[random.Next(meetings.Length)];
        if (other == m)
        {
            return -1;
        }
        var a = state.Slot[m];
        var b = state.Slot[other];
        return a != b && SlotMask.Contains(model.Domain[m], b) && SlotMask.Contains(model.Domain[other], a) ? other : -1;
    }

    private void Record(SearchState state)
    {
        if (state.IsFeasible && state.Breaks < BestBreaks)
        {
            BestBreaks = state.Breaks;
            Best = (int[])state.Slot.Clone();
            incumbent?.Offer(BestBreaks, Best, "local search");
        }
    }
}
