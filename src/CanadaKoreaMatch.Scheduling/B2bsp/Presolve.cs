using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Narrows meeting domains by precedence propagation and checks necessary conditions; a failed check is a proof
/// of infeasibility, reported with its reason (ids 1-based, as in the input).
/// </summary>
internal static class Presolve
{
    public static string? Run(B2bspModel model, IReadOnlyList<int> participantBounds)
    {
        return EmptyDomain(model)
            ?? PrecedenceCycle(model)
            ?? PropagatePrecedences(model)
            ?? ParticipantOverload(model)
            ?? TableOverload(model)
            ?? FairnessImpossible(model, participantBounds);
    }

    private static string? EmptyDomain(B2bspModel model)
    {
        for (var m = 0; m < model.MeetingCount; m++)
        {
            if (model.Domain[m] == 0)
            {
                return $"meeting {m + 1} (participants {model.First[m] + 1} and {model.Second[m] + 1}) has no slot allowed by its session, fixed slot and both participants' forbidden slots";
            }
        }
        return null;
    }

    private static string? PrecedenceCycle(B2bspModel model)
    {
        var state = new byte[model.MeetingCount];
        var path = new List<int>();
        for (var m = 0; m < model.MeetingCount; m++)
        {
            if (state[m] == 0 && FindCycle(m, model, state, path) is { } cycle)
            {
                return "precedence cycle among meetings " + string.Join(" -> ", cycle.Select(x => x + 1));
            }
        }
        return null;
    }

    private static List<int>? FindCycle(int m, B2bspModel model, byte[] state, List<int> path)
    {
        state[m] = 1;
        path.Add(m);
        foreach (var next in model.Successors[m])
        {
            if (state[next] == 1)
            {
                return [.. path.Skip(path.IndexOf(next)), next];
            }
            if (state[next] == 0 && FindCycle(next, model, state, path) is { } cycle)
            {
                return cycle;
            }
        }
        path.RemoveAt(path.Count - 1);
        state[m] = 2;
        return null;
    }

    private static string? PropagatePrecedences(B2bspModel model)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var m = 0; m < model.MeetingCount; m++)
            {
                var domain = model.Domain[m];
                foreach (var p in model.Predecessors[m])
                {
                    domain &= ~SlotMask.FirstSlots(SlotMask.Lowest(model.Domain[p]) + 1);
                }
                foreach (var q in model.Successors[m])
                {
                    domain &= SlotMask.FirstSlots(SlotMask.Highest(model.Domain[q]));
                }
                if (domain == 0)
                {
                    return $"meeting {m + 1} cannot be placed after all its predecessors and before all its successors within the allowed slots";
                }
                if (domain != model.Domain[m])
                {
                    model.Domain[m] = domain;
                    changed = true;
                }
            }
        }
        return null;
    }

    private static string? ParticipantOverload(B2bspModel model)
    {
        for (var p = 0; p < model.Participants; p++)
        {
            var meetings = model.MeetingsOf[p];
            if (meetings.Length > 0 && SlotAssignment.Find(meetings.Select(m => model.Domain[m]).ToArray(), 1) is null)
            {
                var usable = meetings.Aggregate(0UL, (acc, m) => acc | model.Domain[m]);
                return $"participant {p + 1} has {meetings.Length} meetings that cannot all be given distinct allowed slots ({SlotMask.Count(usable)} usable slots)";
            }
        }
        return null;
    }

    private static string? TableOverload(B2bspModel model)
    {
        return SlotAssignment.Find(model.Domain, model.Tables) is null
            ? $"the {model.MeetingCount} meetings do not fit in the allowed slots with {model.Tables} tables per slot"
            : null;
    }

    private static string? FairnessImpossible(B2bspModel model, IReadOnlyList<int> bounds)
    {
        if (model.Fairness is not { } d || model.Participants == 0)
        {
            return null;
        }
        var leastMost = int.MaxValue;
        var witness = 0;
        for (var p = 0; p < model.Participants; p++)
        {
            var most = Math.Max(0, model.MeetingsOf[p].Length - 1);
            if (most < leastMost)
            {
                leastMost = most;
                witness = p;
            }
        }
        for (var p = 0; p < model.Participants; p++)
        {
            if (bounds[p] > leastMost + d)
            {
                return $"fairness d = {d} cannot hold: participant {p + 1} has at least {bounds[p]} breaks while participant {witness + 1} has at most {leastMost}";
            }
        }
        return null;
    }
}
