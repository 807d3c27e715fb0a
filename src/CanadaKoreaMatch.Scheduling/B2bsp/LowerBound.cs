using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Per participant, the fewest runs of usable slots that can hold all its meetings (each meeting in a slot of its
/// own domain), minus one. The usual bound counts slots only; requiring an assignment within the chosen runs also
/// accounts for sessions, fixed slots and the partners' forbidden slots.
/// </summary>
internal static class LowerBound
{
    public static int[] PerParticipant(B2bspModel model)
    {
        var bounds = new int[model.Participants];
        for (var p = 0; p < model.Participants; p++)
        {
            bounds[p] = ForParticipant(model, model.MeetingsOf[p].Select(m => model.Domain[m]).ToArray());
        }
        return bounds;
    }

    public static int ForParticipant(B2bspModel model, ulong[] domains)
    {
        if (domains.Length <= 1)
        {
            return 0;
        }
        var usable = domains.Aggregate(0UL, (acc, d) => acc | d);
        var runs = SlotMask.Runs(usable, model.Counter.BlockStarts);
        for (var r = 1; r <= runs.Count; r++)
        {
            if (AnySubsetFits(runs, r, 0, 0UL, domains))
            {
                return r - 1;
            }
        }
        return runs.Count - 1;
    }

    private static bool AnySubsetFits(List<ulong> runs, int left, int from, ulong chosen, ulong[] domains)
    {
        if (left == 0)
        {
            return SlotMask.Count(chosen) >= domains.Length
                && SlotAssignment.Find(domains.Select(d => d & chosen).ToArray(), 1) is not null;
        }
        for (var i = from; i <= runs.Count - left; i++)
        {
            if (AnySubsetFits(runs, left - 1, i + 1, chosen | runs[i], domains))
            {
                return true;
            }
        }
        return false;
    }
}
