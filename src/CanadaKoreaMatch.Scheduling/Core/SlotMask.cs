using System.Numerics;

namespace CanadaKoreaMatch.Scheduling.Core;

/// <summary>Bit operations on sets of slots (bit <c>s</c> stands for slot <c>s</c>, 0-based).</summary>
internal static class SlotMask
{
    public const int MaxSlots = 64;

    public static ulong Bit(int slot) => 1UL << slot;

    public static ulong FirstSlots(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;

    public static ulong Range(int fromInclusive, int toExclusive) =>
        FirstSlots(toExclusive) & ~FirstSlots(fromInclusive);

    public static bool Contains(ulong mask, int slot) => (mask & (1UL << slot)) != 0;

    public static int Count(ulong mask) => BitOperations.PopCount(mask);

    public static int Lowest(ulong mask) => BitOperations.TrailingZeroCount(mask);

    public static int Highest(ulong mask) => 63 - BitOperations.LeadingZeroCount(mask);

    public static IEnumerable<int> Slots(ulong mask)
    {
        while (mask != 0)
        {
            yield return BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
        }
    }

    /// <summary>Maximal runs of consecutive slots in <paramref name="mask"/>, each as a mask.</summary>
    public static List<ulong> Runs(ulong mask, ulong blockStarts)
    {
        var runs = new List<ulong>();
        while (mask != 0)
        {
            var start = BitOperations.TrailingZeroCount(mask);
            var run = 0UL;
            var s = start;
            do
            {
                run |= 1UL << s;
                s++;
            }
            while (s < 64 && Contains(mask, s) && !Contains(blockStarts, s));
            runs.Add(run);
            mask &= ~run;
        }
        return runs;
    }
}

/// <summary>
/// Counts breaks: maximal runs of idle slots between two meetings of one participant, inside one block
/// (a block is a stretch of consecutive slots such as a day; idle time across blocks is never a break).
/// </summary>
internal readonly struct BreakCounter(ulong blockStarts, ulong[] blocks)
{
    public ulong BlockStarts { get; } = blockStarts;

    public static BreakCounter SingleBlock(int slots) => new(1UL, [SlotMask.FirstSlots(slots)]);

    public static BreakCounter FromBlocks(IReadOnlyList<ulong> blocks) =>
        new(blocks.Aggregate(0UL, (starts, block) => starts | (block & (~block + 1))), [.. blocks]);

    public int Breaks(ulong busy)
    {
        if (busy == 0)
        {
            return 0;
        }
        var runStarts = busy & ~((busy << 1) & ~BlockStarts);
        var used = 0;
        foreach (var block in blocks)
        {
            if ((busy & block) != 0)
            {
                used++;
            }
        }
        return BitOperations.PopCount(runStarts) - used;
    }
}
