using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>0-based, mask-based form of an instance that the search works on.</summary>
internal sealed class B2bspModel
{
    public required int Participants { get; init; }
    public required int Slots { get; init; }
    public required int Tables { get; init; }
    public required int[] First { get; init; }
    public required int[] Second { get; init; }
    public required ulong[] Domain { get; init; }
    public required int[][] Predecessors { get; init; }
    public required int[][] Successors { get; init; }
    public required int[][] MeetingsOf { get; init; }
    public required ulong[] ParticipantAllowed { get; init; }
    public required int? Fairness { get; init; }
    public required BreakCounter Counter { get; init; }

    public int MeetingCount => First.Length;

    public static B2bspModel From(B2bspInstance instance, int? fairness)
    {
        var n = instance.Meetings.Count;
        var all = SlotMask.FirstSlots(instance.SlotCount);
        var morning = SlotMask.FirstSlots(instance.MorningSlots);
        var allowed = instance.Forbidden
            .Select(f => f.Where(s => s >= 1 && s <= instance.SlotCount).Aggregate(all, (mask, s) => mask & ~SlotMask.Bit(s - 1)))
            .ToArray();
        var first = new int[n];
        var second = new int[n];
        var domain = new ulong[n];
        var preds = new int[n][];
        var succs = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var meetingsOf = Enumerable.Range(0, instance.ParticipantCount).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < n; m++)
        {
            var meeting = instance.Meetings[m];
            first[m] = meeting.First - 1;
            second[m] = meeting.Second - 1;
            var session = meeting.Session switch
            {
                Session.Morning => morning,
                Session.Afternoon => all & ~morning,
                _ => all,
            };
            domain[m] = session & allowed[first[m]] & allowed[second[m]];
            if (meeting.FixedSlot > 0)
            {
                domain[m] &= SlotMask.Bit(meeting.FixedSlot - 1);
            }
            preds[m] = meeting.Predecessors.Select(p => p - 1).Distinct().ToArray();
            foreach (var p in preds[m])
            {
                succs[p].Add(m);
            }
            meetingsOf[first[m]].Add(m);
            meetingsOf[second[m]].Add(m);
        }
        return new B2bspModel
        {
            Participants = instance.ParticipantCount,
            Slots = instance.SlotCount,
            Tables = instance.Tables,
            First = first,
            Second = second,
            Domain = domain,
            Predecessors = preds,
            Successors = succs.Select(s => s.ToArray()).ToArray(),
            MeetingsOf = meetingsOf.Select(l => l.ToArray()).ToArray(),
            ParticipantAllowed = allowed,
            Fairness = fairness,
            Counter = BreakCounter.SingleBlock(instance.SlotCount),
        };
    }
}
