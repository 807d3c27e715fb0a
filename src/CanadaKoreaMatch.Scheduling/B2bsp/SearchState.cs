using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// A complete assignment of meetings to slots in which hard constraints may be violated; the violations
/// and the breaks are maintained incrementally so that a move costs a few bit operations.
/// </summary>
internal sealed class SearchState
{
    private readonly B2bspModel model;
    private readonly byte[] load;
    private readonly ulong[] busy;
    private readonly int[] breaksOf;
    private readonly int[] idleOf;
    private readonly int[] breakHistogram;
    private readonly int[] tableLoad;

    public SearchState(B2bspModel model, int[] slots)
    {
        this.model = model;
        Slot = new int[model.MeetingCount];
        Array.Fill(Slot, -1);
        load = new byte[model.Participants * model.Slots];
        busy = new ulong[model.Participants];
        breaksOf = new int[model.Participants];
        idleOf = new int[model.Participants];
        breakHistogram = new int[model.Slots + 1];
        breakHistogram[0] = model.Participants;
        tableLoad = new int[model.Slots];
        for (var m = 0; m < slots.Length; m++)
        {
            Place(m, slots[m]);
        }
    }

    public int[] Slot { get; }
    public int Clashes { get; private set; }
    public int Overflow { get; private set; }
    public int PrecedenceViolations { get; private set; }
    public int Breaks { get; private set; }

    /// <summary>Idle slots inside participants' spans: a smoother companion of <see cref="Breaks"/> that guides the search.</summary>
    public int Idle { get; private set; }

    public int Violations => Clashes + Overflow + PrecedenceViolations + FairnessExcess();

    public bool IsFeasible => Violations == 0;

    public int BreaksOf(int participant) => breaksOf[participant];

    public ulong Busy(int participant) => busy[participant];

    public int Cost(int violationWeight, int breakWeight, int idleWeight) =>
        violationWeight * Violations + breakWeight * Breaks + idleWeight * Idle;

    /// <summary>How far the spread of breaks exceeds the fairness limit, summed over participants.</summary>
    public int FairnessExcess()
    {
        if (model.Fairness is not { } d)
        {
            return 0;
        }
        var min = 0;
        while (breakHistogram[min] == 0)
        {
            min++;
        }
        var excess = 0;
        for (var h = min + d + 1; h < breakHistogram.Length; h++)
        {
            excess += breakHistogram[h] * (h - min - d);
        }
        return excess;
    }

    public void Move(int meeting, int slot)
    {
        Remove(meeting);
        Place(meeting, slot);
    }

    public void Remove(int m)
    {
        var s = Slot[m];
        if (--tableLoad[s] >= model.Tables)
        {
            Overflow--;
        }
        Leave(model.First[m], s);
        Leave(model.Second[m], s);
        PrecedenceViolations -= PrecedenceViolationsAt(m, s);
        Slot[m] = -1;
    }

    public void Place(int m, int s)
    {
        if (tableLoad[s]++ >= model.Tables)
        {
            Overflow++;
        }
        Join(model.First[m], s);
        Join(model.Second[m], s);
        PrecedenceViolations += PrecedenceViolationsAt(m, s);
        Slot[m] = s;
    }

    public int TableLoad(int slot) => tableLoad[slot];

    public int LoadOf(int participant, int slot) => load[participant * model.Slots + slot];

    private int PrecedenceViolationsAt(int m, int s)
    {
        var v = 0;
        foreach (var p in model.Predecessors[m])
        {
            if (Slot[p] >= s)
            {
                v++;
            }
        }
        foreach (var q in model.Successors[m])
        {
            if (Slot[q] >= 0 && Slot[q] <= s)
            {
                v++;
            }
        }
        return v;
    }

    private void Join(int p, int s)
    {
        if (load[p * model.Slots + s]++ > 0)
        {
            Clashes++;
            return;
        }
        busy[p] |= SlotMask.Bit(s);
        Rebreak(p);
    }

    private void Leave(int p, int s)
    {
        if (--load[p * model.Slots + s] > 0)
        {
            Clashes--;
            return;
        }
        busy[p] &= ~SlotMask.Bit(s);
        Rebreak(p);
    }

    private void Rebreak(int p)
    {
        Idle -= idleOf[p];
        idleOf[p] = busy[p] == 0 ? 0 : SlotMask.Highest(busy[p]) - SlotMask.Lowest(busy[p]) + 1 - SlotMask.Count(busy[p]);
        Idle += idleOf[p];
        var h = model.Counter.Breaks(busy[p]);
        var old = breaksOf[p];
        if (h == old)
        {
            return;
        }
        breakHistogram[old]--;
        breakHistogram[h]++;
        breaksOf[p] = h;
        Breaks += h - old;
    }
}
