using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>Recomputes every B2BSP constraint and the breaks from a list of slots, independently of the engine.</summary>
internal static class B2bspChecker
{
    public static List<string> Violations(B2bspInstance instance, IReadOnlyList<int> slots, int? fairness)
    {
        var errors = new List<string>();
        if (slots.Count != instance.Meetings.Count)
        {
            errors.Add($"{slots.Count} slots for {instance.Meetings.Count} meetings");
            return errors;
        }
        var perSlot = new int[instance.SlotCount + 1];
        var occupied = new HashSet<(int Participant, int Slot)>();
        for (var m = 0; m < slots.Count; m++)
        {
            var meeting = instance.Meetings[m];
            var s = slots[m];
            if (s < 1 || s > instance.SlotCount)
            {
                errors.Add($"meeting {m + 1} in slot {s} outside the grid");
                continue;
            }
            var morning = s <= instance.MorningSlots;
            if ((meeting.Session == Session.Morning && !morning) || (meeting.Session == Session.Afternoon && morning))
            {
                errors.Add($"meeting {m + 1} in slot {s} outside its session {meeting.Session}");
            }
            if (meeting.FixedSlot != 0 && meeting.FixedSlot != s)
            {
                errors.Add($"meeting {m + 1} fixed to {meeting.FixedSlot} but in {s}");
            }
            foreach (var p in new[] { meeting.First, meeting.Second })
            {
                if (instance.Forbidden[p - 1].Contains(s))
                {
                    errors.Add($"participant {p} meets in forbidden slot {s}");
                }
                if (!occupied.Add((p, s)))
                {
                    errors.Add($"participant {p} has two meetings in slot {s}");
                }
            }
            foreach (var before in meeting.Predecessors)
            {
                if (slots[before - 1] >= s)
                {
                    errors.Add($"meeting {before} must precede meeting {m + 1}");
                }
            }
            perSlot[s]++;
        }
        for (var s = 1; s <= instance.SlotCount; s++)
        {
            if (perSlot[s] > instance.Tables)
            {
                errors.Add($"slot {s} holds {perSlot[s]} meetings for {instance.Tables} tables");
            }
        }
        if (fairness is { } d)
        {
            var breaks = BreaksPerParticipant(instance, slots);
            if (breaks.Max() - breaks.Min() > d)
            {
                errors.Add($"breaks range {breaks.Min()}..{breaks.Max()} exceeds fairness {d}");
            }
        }
        return errors;
    }

    public static int[] BreaksPerParticipant(B2bspInstance instance, IReadOnlyList<int> slots)
    {
        var result = new int[instance.ParticipantCount];
        for (var p = 1; p <= instance.ParticipantCount; p++)
        {
            var mine = Enumerable.Range(0, slots.Count)
                .Where(m => instance.Meetings[m].First == p || instance.Meetings[m].Second == p)
                .Select(m => slots[m]).Distinct().Order().ToList();
            for (var i = 1; i < mine.Count; i++)
            {
                if (mine[i] > mine[i - 1] + 1)
                {
                    result[p - 1]++;
                }
            }
        }
        return result;
    }

    public static int TotalBreaks(B2bspInstance instance, IReadOnlyList<int> slots) =>
        BreaksPerParticipant(instance, slots).Sum();
}
