using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>Small random B2BSP instances with every kind of constraint, small enough for exhaustive search.</summary>
internal static class RandomB2bsp
{
    public static B2bspInstance Create(int seed)
    {
        var random = new Random(seed);
        var participants = random.Next(3, 6);
        var slots = random.Next(3, 6);
        var meetingCount = Math.Min(random.Next(3, 7), participants * (participants - 1) / 2);
        var pairs = new HashSet<(int, int)>();
        var meetings = new List<B2bspMeeting>();
        while (meetings.Count < meetingCount)
        {
            var a = random.Next(1, participants + 1);
            var b = random.Next(1, participants + 1);
            if (a == b || !pairs.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                continue;
            }
            var session = random.NextDouble() < 0.7 ? Session.Any : random.Next(2) == 0 ? Session.Morning : Session.Afternoon;
            var fixedSlot = random.NextDouble() < 0.1 ? random.Next(1, slots + 1) : 0;
            int[] predecessors = meetings.Count > 0 && random.NextDouble() < 0.15 ? [random.Next(1, meetings.Count + 1)] : [];
            meetings.Add(new B2bspMeeting(a, b, session, fixedSlot, predecessors));
        }
        var forbidden = Enumerable.Range(0, participants)
            .Select(_ => (IReadOnlyCollection<int>)Enumerable.Range(1, slots).Where(_ => random.NextDouble() < 0.12).ToArray())
            .ToList();
        return new B2bspInstance
        {
            Name = $"random-{seed}",
            ParticipantCount = participants,
            SlotCount = slots,
            MorningSlots = random.Next(1, slots),
            Tables = random.Next(1, 4),
            Meetings = meetings,
            Forbidden = forbidden,
        };
    }
}
