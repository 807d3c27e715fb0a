using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Depth-first branch and bound over all assignments, with a node budget. When it finishes within the budget its
/// answer is a proof: the best schedule found is optimal, or no schedule exists.
/// </summary>
internal sealed class ExactSearch
{
    private readonly B2bspModel model;
    private readonly int[] bounds;
    private readonly int[] order;
    private readonly int[] slot;
    private readonly ulong[] busy;
    private readonly int[] remaining;
    private readonly int[] tableLoad;
    private readonly long nodeLimit;
    private readonly CancellationToken cancellation;
    private int completedBreaks;
    private int pendingBound;
    private long nodes;

    public ExactSearch(B2bspModel model, int[] bounds, long nodeLimit, CancellationToken cancellation)
    {
        this.model = model;
        this.bounds = bounds;
        this.nodeLimit = nodeLimit;
        this.cancellation = cancellation;
        order = Enumerable.Range(0, model.MeetingCount)
            .OrderBy(m => SlotMask.Count(model.Domain[m]))
            .ThenByDescending(m => model.MeetingsOf[model.First[m]].Length + model.MeetingsOf[model.Second[m]].Length)
            .ToArray();
        slot = new int[model.MeetingCount];
        Array.Fill(slot, -1);
        busy = new ulong[model.Participants];
        remaining = model.MeetingsOf.Select(ms => ms.Length).ToArray();
        tableLoad = new int[model.Slots];
        pendingBound = Enumerable.Range(0, model.Participants).Where(p => remaining[p] > 0).Sum(p => bounds[p]);
    }

    /// <summary>True when the whole tree was explored, so <see cref="Best"/> is optimal (or null: infeasible).</summary>
    public bool Complete { get; private set; }
    public int[]? Best { get; private set; }
    public int BestBreaks { get; private set; } = int.MaxValue;
    public long Nodes => nodes;

    public void Run(int upperBoundExclusive = int.MaxValue)
    {
        BestBreaks = upperBoundExclusive;
        Complete = Search(0);
    }

    private bool Search(int depth)
    {
        if (++nodes > nodeLimit || ((nodes & 1023) == 0 && cancellation.IsCancellationRequested))
        {
            return false;
        }
        if (completedBreaks + pendingBound >= BestBreaks || !FairSoFar())
        {
            return true;
        }
        if (depth == order.Length)
        {
            BestBreaks = completedBreaks;
            Best = (int[])slot.Clone();
            return true;
        }
        var m = order[depth];
        var a = model.First[m];
        var b = model.Second[m];
        var candidates = model.Domain[m] & ~busy[a] & ~busy[b] & PrecedenceWindow(m);
        foreach (var s in SlotMask.Slots(candidates))
        {
            if (tableLoad[s] >= model.Tables)
            {
                continue;
            }
            Assign(m, s);
            var finished = Search(depth + 1);
            Unassign(m, s);
            if (!finished)
            {
                return false;
            }
        }
        return true;
    }

    private ulong PrecedenceWindow(int m)
    {
        var window = ulong.MaxValue;
        foreach (var p in model.Predecessors[m])
        {
            if (slot[p] >= 0)
            {
                window &= ~SlotMask.FirstSlots(slot[p] + 1);
            }
        }
        foreach (var q in model.Successors[m])
        {
            if (slot[q] >= 0)
            {
                window &= SlotMask.FirstSlots(slot[q]);
            }
        }
        return window;
    }

    private bool FairSoFar()
    {
        if (model.Fairness is not { } d)
        {
            return true;
        }
        int min = int.MaxValue, max = 0, maxBound = 0;
        for (var p = 0; p < model.Participants; p++)
        {
            if (remaining[p] == 0)
            {
                var h = model.Counter.Breaks(busy[p]);
                min = Math.Min(min, h);
                max = Math.Max(max, h);
            }
            else
            {
                maxBound = Math.Max(maxBound, bounds[p]);
            }
        }
        return min == int.MaxValue || Math.Max(max, maxBound) - min <= d;
    }

    private void Assign(int m, int s)
    {
        slot[m] = s;
        tableLoad[s]++;
        Join(model.First[m], s);
        Join(model.Second[m], s);
    }

    private void Unassign(int m, int s)
    {
        Leave(model.Second[m], s);
        Leave(model.First[m], s);
        tableLoad[s]--;
        slot[m] = -1;
    }

    private void Join(int p, int s)
    {
        busy[p] |= SlotMask.Bit(s);
        if (--remaining[p] == 0)
        {
            pendingBound -= bounds[p];
            completedBreaks += model.Counter.Breaks(busy[p]);
        }
    }

    private void Leave(int p, int s)
    {
        if (remaining[p]++ == 0)
        {
            pendingBound += bounds[p];
            completedBreaks -= model.Counter.Breaks(busy[p]);
        }
        busy[p] &= ~SlotMask.Bit(s);
    }
}
