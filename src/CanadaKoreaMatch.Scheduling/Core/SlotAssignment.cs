namespace CanadaKoreaMatch.Scheduling.Core;

/// <summary>Bipartite assignment of items to slots, each slot holding up to a capacity (Kuhn's augmenting paths).</summary>
internal static class SlotAssignment
{
    /// <summary>A slot per item within its domain, or null when Hall's condition fails.</summary>
    public static int[]? Find(IReadOnlyList<ulong> domains, int capacity)
    {
        var slotOf = new int[domains.Count];
        Array.Fill(slotOf, -1);
        var holders = new List<int>[64];
        for (var s = 0; s < 64; s++)
        {
            holders[s] = [];
        }
        for (var item = 0; item < domains.Count; item++)
        {
            var visited = 0UL;
            if (!Augment(item, domains, capacity, slotOf, holders, ref visited))
            {
                return null;
            }
        }
        return slotOf;
    }

    private static bool Augment(int item, IReadOnlyList<ulong> domains, int capacity, int[] slotOf, List<int>[] holders, ref ulong visited)
    {
        foreach (var s in SlotMask.Slots(domains[item] & ~visited))
        {
            visited |= SlotMask.Bit(s);
            if (holders[s].Count < capacity)
            {
                holders[s].Add(item);
                slotOf[item] = s;
                return true;
            }
            for (var i = 0; i < holders[s].Count; i++)
            {
                var other = holders[s][i];
                holders[s].RemoveAt(i);
                if (Augment(other, domains, capacity, slotOf, holders, ref visited))
                {
                    holders[s].Insert(i, item);
                    slotOf[item] = s;
                    return true;
                }
                holders[s].Insert(i, other);
            }
        }
        return false;
    }
}
