namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// An upper bound on the schedulable weight: the least of (1) the weight of requests with at least one possible slot,
/// (2) half the sum over participants of the heaviest requests that fit its available slots, and (3) the heaviest
/// requests that fit the table–slot capacity with interpreted meetings limited, for every set T of interpreter kinds,
/// to the slots' capacity of T (the requests only T can serve) — a matroid, so taking requests by weight is exact.
/// </summary>
/// <remarks>The solver then tightens it with <see cref="ForumFlowBound"/>.</remarks>
internal static class ForumUpperBound
{
    public static long Compute(ForumModel model)
    {
        var possible = Enumerable.Range(0, model.RequestCount).Where(r => model.Domain[r] != 0).ToArray();
        var all = possible.Sum(r => (long)model.Weight[r]);
        return Math.Min(all, Math.Min(ParticipantBound(model, possible), CapacityBound(model, possible)));
    }

    private static long ParticipantBound(ForumModel model, int[] possible)
    {
        var byParticipant = new List<int>[model.Instance.Participants.Count];
        for (var p = 0; p < byParticipant.Length; p++)
        {
            byParticipant[p] = [];
        }
        foreach (var r in possible)
        {
            byParticipant[model.First[r]].Add(model.Weight[r]);
            byParticipant[model.Second[r]].Add(model.Weight[r]);
        }
        long twice = 0;
        for (var p = 0; p < byParticipant.Length; p++)
        {
            var usable = Core.SlotMask.Count(model.ParticipantAvailable[p]);
            twice += byParticipant[p].OrderByDescending(w => w).Take(usable).Sum(w => (long)w);
        }
        return twice / 2;
    }

    private static long CapacityBound(ForumModel model, int[] possible)
    {
        var interpreting = model.Interpreting;
        long tableSlots = model.TablesPerSlot.Sum();
        var limit = interpreting.ConstraintCapacity.Select(cap => model.TablesPerSlot.Sum(t => (long)Math.Min(t, cap))).ToArray();
        var used = new long[limit.Length];
        long total = 0, count = 0;
        foreach (var r in possible.OrderByDescending(r => model.Weight[r]))
        {
            if (count == tableSlots)
            {
                break;
            }
            if (model.NeedsInterpreter[r])
            {
                var constraints = interpreting.ConstraintsOfClass[interpreting.ClassOf[r]];
                if (constraints.Any(t => used[t] == limit[t]))
                {
                    continue;
                }
                foreach (var t in constraints)
                {
                    used[t]++;
                }
            }
            count++;
            total += model.Weight[r];
        }
        return total;
    }
}
