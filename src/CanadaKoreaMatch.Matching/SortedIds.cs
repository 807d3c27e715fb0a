namespace CanadaKoreaMatch.Matching;

/// <summary>Look-ups in the short ascending id arrays of a compiled profile.</summary>
internal static class SortedIds
{
    /// <summary>The index of <paramref name="value"/> in <paramref name="sorted"/>, or -1. A linear scan: profile lists are short.</summary>
    public static int IndexOf(int[] sorted, int value)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i] >= value)
            {
                return sorted[i] == value ? i : -1;
            }
        }

        return -1;
    }

    public static bool Contains(int[] sorted, int value) => IndexOf(sorted, value) >= 0;
}
