using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>A partial schedule that always satisfies every hard constraint; breaks are maintained incrementally.</summary>
internal sealed class ForumState
{
    private readonly ForumModel model;
    private readonly ulong[] busy;
    private readonly int[] breaksOf;
    private readonly int[] meetingAt;
    private readonly HashSet<(int Slot, int Table)> lockedTables = [];
    private readonly List<int>[] inSlot;
    private readonly int[] position;
    private readonly InterpreterModel interpreting;
    private readonly int[] interpreterCount;

    public ForumState(ForumModel model)
    {
        this.model = model;
        Slot = new int[model.RequestCount];
        Array.Fill(Slot, -1);
        busy = new ulong[model.Instance.Participants.Count];
        breaksOf = new int[busy.Length];
        meetingAt = new int[busy.Length * model.SlotCount];
        Array.Fill(meetingAt, -1);
        Load = new int[model.SlotCount];
        InterpreterLoad = new int[model.SlotCount];
        inSlot = Enumerable.Range(0, model.SlotCount).Select(_ => new List<int>()).ToArray();
        position = new int[model.RequestCount];
        interpreting = model.Interpreting;
        interpreterCount = new int[model.SlotCount * interpreting.ConstraintCount];
    }

    public IReadOnlyList<int> MeetingsIn(int slot) => inSlot[slot];

    public int[] Slot { get; }
    public int[] Load { get; }
    public int[] InterpreterLoad { get; }
    public long Weight { get; private set; }
    public int Breaks { get; private set; }

    public ulong Busy(int participant) => busy[participant];

    public int MeetingAt(int participant, int slot) => meetingAt[participant * model.SlotCount + slot];

    public bool IsScheduled(int r) => Slot[r] >= 0;

    /// <summary>Slots where <paramref name="r"/> could be placed now without moving anything.</summary>
    public ulong FreeSlots(int r)
    {
        var free = model.Domain[r] & ~busy[model.First[r]] & ~busy[model.Second[r]];
        var result = 0UL;
        foreach (var s in SlotMask.Slots(free))
        {
            if (HasRoom(r, s))
            {
                result |= SlotMask.Bit(s);
            }
        }
        return result;
    }

    /// <summary>Whether an interpreter can still be found for <paramref name="r"/> in slot <paramref name="s"/> (reassigning the slot's interpreters if need be).</summary>
    public bool InterpreterFits(int r, int s) => InterpreterFitsWithout(r, s, -1);

    /// <summary>Whether <paramref name="r"/> would get an interpreter in slot <paramref name="s"/> if the meeting <paramref name="x"/> (held there) left.</summary>
    public bool InterpreterFitsWithout(int r, int s, int x)
    {
        var c = interpreting.ClassOf[r];
        if (c < 0)
        {
            return c == InterpreterModel.NoNeed;
        }
        var cx = x >= 0 ? interpreting.ClassOf[x] : -1;
        var offset = s * interpreting.ConstraintCount;
        foreach (var t in interpreting.ConstraintsOfClass[c])
        {
            var count = interpreterCount[offset + t];
            if (cx >= 0 && (interpreting.ClassKinds[cx] & ~interpreting.ConstraintKinds[t]) == 0)
            {
                count--;
            }
            if (count >= interpreting.ConstraintCapacity[t])
            {
                return false;
            }
        }
        return true;
    }

    public bool HasRoom(int r, int s) =>
        Load[s] < model.TablesPerSlot[s]
        && (!model.NeedsInterpreter[r] || InterpreterFits(r, s))
        && (model.LockedTable[r] < 0 || !lockedTables.Contains((s, model.LockedTable[r])));

    public bool CanPlace(int r, int s) =>
        SlotMask.Contains(model.Domain[r], s)
        && (busy[model.First[r]] & SlotMask.Bit(s)) == 0
        && (busy[model.Second[r]] & SlotMask.Bit(s)) == 0
        && HasRoom(r, s);

    /// <summary>Change in total breaks if <paramref name="r"/> were added at <paramref name="s"/>.</summary>
    public int BreakDelta(int r, int s)
    {
        var bit = SlotMask.Bit(s);
        var a = model.First[r];
        var b = model.Second[r];
        return model.Counter.Breaks(busy[a] | bit) - breaksOf[a] + model.Counter.Breaks(busy[b] | bit) - breaksOf[b];
    }

    public void Place(int r, int s)
    {
        Slot[r] = s;
        Load[s]++;
        position[r] = inSlot[s].Count;
        inSlot[s].Add(r);
        if (model.NeedsInterpreter[r])
        {
            InterpreterLoad[s]++;
            Count(r, s, 1);
        }
        if (model.LockedTable[r] >= 0)
        {
            lockedTables.Add((s, model.LockedTable[r]));
        }
        Weight += model.Weight[r];
        Join(model.First[r], s, r);
        Join(model.Second[r], s, r);
    }

    public void Remove(int r)
    {
        var s = Slot[r];
        Slot[r] = -1;
        Load[s]--;
        var list = inSlot[s];
        var last = list[^1];
        list[position[r]] = last;
        position[last] = position[r];
        list.RemoveAt(list.Count - 1);
        if (model.NeedsInterpreter[r])
        {
            InterpreterLoad[s]--;
            Count(r, s, -1);
        }
        if (model.LockedTable[r] >= 0)
        {
            lockedTables.Remove((s, model.LockedTable[r]));
        }
        Weight -= model.Weight[r];
        Leave(model.First[r], s);
        Leave(model.Second[r], s);
    }

    private void Count(int r, int s, int delta)
    {
        var offset = s * interpreting.ConstraintCount;
        foreach (var t in interpreting.ConstraintsOfClass[interpreting.ClassOf[r]])
        {
            interpreterCount[offset + t] += delta;
        }
    }

    private void Join(int p, int s, int r)
    {
        busy[p] |= SlotMask.Bit(s);
        meetingAt[p * model.SlotCount + s] = r;
        Rebreak(p);
    }

    private void Leave(int p, int s)
    {
        busy[p] &= ~SlotMask.Bit(s);
        meetingAt[p * model.SlotCount + s] = -1;
        Rebreak(p);
    }

    private void Rebreak(int p)
    {
        var h = model.Counter.Breaks(busy[p]);
        Breaks += h - breaksOf[p];
        breaksOf[p] = h;
    }
}
