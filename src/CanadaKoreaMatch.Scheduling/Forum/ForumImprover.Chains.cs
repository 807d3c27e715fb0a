using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// Ejection chains: an unscheduled request takes a slot, pushing out the meetings in its way (the participants' own
/// meetings there and, when the slot has no table or interpreter left, the lightest meeting whose departure makes room);
/// each pushed-out meeting then looks for a place the same way, one level shallower; finally the freed participants'
/// unscheduled requests are given free slots. The whole chain is kept when the scheduled weight rose, or stayed equal
/// without more breaks (a sideways step that lets later chains reach further), and undone otherwise.
/// </summary>
internal sealed partial class ForumImprover
{
    private const int ChainDepth = 3;
    private const int SlotsTried = 3;

    private readonly List<(int Request, int From)> journal = [];
    private readonly List<int> freed = [];

    /// <summary>One round: a chain from every unscheduled request (heaviest first, ties shuffled). True when the weight rose.</summary>
    public bool EjectionChains(CancellationToken cancellation)
    {
        var start = state.Weight;
        var order = Enumerable.Range(0, model.RequestCount)
            .Where(r => !state.IsScheduled(r) && model.Domain[r] != 0)
            .ToArray();
        random.Shuffle(order);
        foreach (var r in order.OrderByDescending(r => model.Weight[r]))
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }
            if (!state.IsScheduled(r))
            {
                Chain(r);
            }
        }
        return state.Weight > start;
    }

    private void Chain(int r)
    {
        var weight = state.Weight;
        var breaks = state.Breaks;
        journal.Clear();
        freed.Clear();
        if (!Insert(r, ChainDepth, -1))
        {
            Undo();
            return;
        }
        Refill();
        if (state.Weight > weight || (state.Weight == weight && state.Breaks <= breaks))
        {
            return;
        }
        Undo();
    }

    /// <summary>Places <paramref name="r"/>: in a free slot if there is one, else by pushing out what is in its way.</summary>
    private bool Insert(int r, int depth, int except)
    {
        var free = BestFreeSlot(r, except);
        if (free >= 0)
        {
            Do(r, free);
            return true;
        }
        if (depth == 0)
        {
            return false;
        }
        var best = new List<(int Slot, int Cost)>();
        foreach (var s in SlotMask.Slots(model.Domain[r] & ~(except >= 0 ? SlotMask.Bit(except) : 0)))
        {
            var cost = EvictionCost(r, s);
            if (cost < int.MaxValue)
            {
                best.Add((s, cost + random.Next(2)));
            }
        }
        foreach (var (s, _) in best.OrderBy(x => x.Cost).Take(SlotsTried))
        {
            var evicted = Evict(r, s);
            if (evicted is null)
            {
                continue;
            }
            Do(r, s);
            foreach (var x in evicted)
            {
                if (!Insert(x, depth - 1, s))
                {
                    freed.Add(x);
                }
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// Weight lost outright if <paramref name="r"/> took slot <paramref name="s"/> (meetings in the way with no free slot
    /// elsewhere), or int.MaxValue when something in the way cannot move.
    /// </summary>
    private int EvictionCost(int r, int s)
    {
        var cost = 0;
        var inWay = 0;
        foreach (var p in new[] { model.First[r], model.Second[r] })
        {
            var x = state.MeetingAt(p, s);
            if (x >= 0)
            {
                if (!Movable(x))
                {
                    return int.MaxValue;
                }
                inWay++;
                cost += FreeSlotsExcept(x, s) == 0 ? model.Weight[x] : 0;
            }
        }
        if (inWay == 0 && !state.HasRoom(r, s))
        {
            var victim = CapacityVictim(r, s);
            if (victim < 0)
            {
                return int.MaxValue;
            }
            cost += FreeSlotsExcept(victim, s) == 0 ? model.Weight[victim] : 0;
        }
        return cost;
    }

    private ulong FreeSlotsExcept(int x, int s) => state.FreeSlots(x) & ~SlotMask.Bit(s);

    /// <summary>Removes what keeps <paramref name="r"/> out of <paramref name="s"/>; null (and nothing removed) when it cannot.</summary>
    private List<int>? Evict(int r, int s)
    {
        var mark = journal.Count;
        var evicted = new List<int>();
        foreach (var p in new[] { model.First[r], model.Second[r] })
        {
            var x = state.MeetingAt(p, s);
            if (x >= 0)
            {
                if (!Movable(x))
                {
                    UndoTo(mark);
                    return null;
                }
                Do(x, -1);
                evicted.Add(x);
            }
        }
        while (!state.HasRoom(r, s))
        {
            var victim = CapacityVictim(r, s);
            if (victim < 0)
            {
                UndoTo(mark);
                return null;
            }
            Do(victim, -1);
            evicted.Add(victim);
        }
        return evicted;
    }

    /// <summary>The lightest movable meeting of slot <paramref name="s"/> whose departure gives <paramref name="r"/> a table and an interpreter.</summary>
    private int CapacityVictim(int r, int s)
    {
        var needTable = state.Load[s] >= model.TablesPerSlot[s];
        var needInterpreter = model.NeedsInterpreter[r] && !state.InterpreterFits(r, s);
        var best = -1;
        foreach (var x in state.MeetingsIn(s))
        {
            if (!Movable(x) || (needInterpreter && (!model.NeedsInterpreter[x] || !state.InterpreterFitsWithout(r, s, x))))
            {
                continue;
            }
            if (!needTable && !needInterpreter)
            {
                continue;
            }
            if (best < 0 || model.Weight[x] < model.Weight[best] || (model.Weight[x] == model.Weight[best] && random.Next(2) == 0))
            {
                best = x;
            }
        }
        return best;
    }

    /// <summary>Gives free slots to unscheduled requests of the participants whose meetings were pushed out.</summary>
    private void Refill()
    {
        foreach (var x in freed.ToArray())
        {
            foreach (var p in new[] { model.First[x], model.Second[x] })
            {
                foreach (var y in model.RequestsOf[p])
                {
                    if (!state.IsScheduled(y) && model.Domain[y] != 0 && BestFreeSlot(y, -1) is var s && s >= 0)
                    {
                        Do(y, s);
                    }
                }
            }
        }
    }

    private void Do(int r, int to)
    {
        journal.Add((r, state.Slot[r]));
        if (state.IsScheduled(r))
        {
            state.Remove(r);
        }
        if (to >= 0)
        {
            state.Place(r, to);
        }
    }

    private void Undo() => UndoTo(0);

    private void UndoTo(int mark)
    {
        for (var i = journal.Count - 1; i >= mark; i--)
        {
            var (r, from) = journal[i];
            if (state.IsScheduled(r))
            {
                state.Remove(r);
            }
            if (from >= 0)
            {
                state.Place(r, from);
            }
        }
        journal.RemoveRange(mark, journal.Count - mark);
    }
}
