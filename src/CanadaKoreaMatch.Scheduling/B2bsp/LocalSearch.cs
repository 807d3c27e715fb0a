using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Simulated annealing over complete assignments: hard-constraint violations are penalised, single-meeting moves
/// and swaps within a participant's meetings explore, and rounds restart from the best schedule with a reheat.
/// Stops at the target value, the iteration budget or cancellation.
/// </summary>
internal sealed class LocalSearch
{
    private const int ViolationWeight = 3;
    private const long CheckInterval = 4096;

    private readonly B2bspModel model;
    private readonly Random random;
    private readonly int[][] domainSlots;
    private readonly int[] movable;

    public LocalSearch(B2bspModel model, int seed)
    {
        this.model = model;
        random = new Random(seed);
        domainSlots = model.Domain.Select(d => SlotMask.Slots(d).ToArray()).ToArray();
        movable = Enumerable.Range(0, model.MeetingCount).Where(m => domainSlots[m].Length > 1).ToArray();
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
        var roundLength = Math.Max(200_000L, 4000L * model.MeetingCount);
        var round = 0;
        while (BestBreaks > target && Iterations < maxIterations && !cancellation.IsCancellationRequested)
        {
            var t0 = round == 0 ? 2.0 : 0.6 + 0.6 * random.NextDouble();
            Anneal(state, t0, 0.03, Math.Min(roundLength, maxIterations - Iterations), target, cancellation);
            round++;
            if (Best is not null && random.Next(3) > 0)
            {
                state = new SearchState(model, Best);
            }
        }
    }

    private void Anneal(SearchState state, double t0, double t1, long length, int target, CancellationToken cancellation)
    {
        var cost = state.Cost(ViolationWeight);
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
            var from = state.Slot[m];
            var other = random.Next(3) == 0 ? SwapPartner(state, m) : -1;
            if (other >= 0)
            {
                var to = state.Slot[other];
                state.Move(m, to);
                state.Move(other, from);
                var delta = state.Cost(ViolationWeight) - cost;
                if (Accept(delta, temperature))
                {
                    cost += delta;
                }
                else
                {
                    state.Move(other, to);
                    state.Move(m, from);
                }
            }
            else
            {
                var slots = domainSlots[m];
                var to = slots[random.Next(slots.Length)];
                if (to == from)
                {
                    continue;
                }
                state.Move(m, to);
                var delta = state.Cost(ViolationWeight) - cost;
                if (Accept(delta, temperature))
                {
                    cost += delta;
                }
                else
                {
                    state.Move(m, from);
                }
            }
            if (cost < BestBreaks && state.IsFeasible)
            {
                Record(state);
                if (BestBreaks <= target)
                {
                    return;
                }
            }
        }
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

    private bool Accept(int delta, double temperature) =>
        delta <= 0 || random.NextDouble() < Math.Exp(-delta / temperature);

    private void Record(SearchState state)
    {
        if (state.IsFeasible && state.Breaks < BestBreaks)
        {
            BestBreaks = state.Breaks;
            Best = (int[])state.Slot.Clone();
        }
    }
}
