using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>Enumerates every assignment of slots to meetings of a tiny instance; the reference for property tests.</summary>
internal static class ExhaustiveB2bsp
{
    /// <summary>The optimal total breaks, or null when no assignment satisfies the constraints.</summary>
    public static int? Optimum(B2bspInstance instance, int? fairness)
    {
        var slots = new int[instance.Meetings.Count];
        int? best = null;
        void Visit(int m)
        {
            if (m == slots.Length)
            {
                if (B2bspChecker.Violations(instance, slots, fairness).Count == 0)
                {
                    var value = B2bspChecker.TotalBreaks(instance, slots);
                    best = best is null ? value : Math.Min(best.Value, value);
                }
                return;
            }
            for (var s = 1; s <= instance.SlotCount; s++)
            {
                slots[m] = s;
                Visit(m + 1);
            }
        }
        Visit(0);
        return best;
    }
}
