using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>Re-checks a forum schedule's hard constraints and figures from the input and the output alone.</summary>
internal static class ForumValidation
{
    public static List<string> Violations(ForumInstance forum, ForumResult result)
    {
        var errors = new List<string>();
        var participants = forum.Participants.ToDictionary(p => p.Id);
        var requests = forum.Requests.ToDictionary(r => r.Id);
        var pairs = forum.InterpreterPool.ToDictionary(i => i.Id, i => (IReadOnlyList<string>?)i.Pairs);
        for (var n = 1; n <= forum.Interpreters; n++)
        {
            pairs[$"{n}"] = null;
        }
        bool In(IReadOnlyList<SlotRange>? ranges, int day, int slot, int widen = 0) =>
            (ranges ?? []).Any(x => x.Day == day && x.From - widen <= slot && slot <= x.To + widen);
        bool Speaks(ForumParticipant p, string language) => p.Languages.Any(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));
        var used = new HashSet<(string Who, int Day, int Slot)>();
        foreach (var m in result.Meetings)
        {
            var request = requests[m.Request];
            var a = participants[request.First];
            var b = participants[request.Second];
            if (!forum.Days[m.Day - 1].Sessions.Any(s => s.From <= m.Slot && m.Slot <= s.To))
            {
                errors.Add($"{m.Request} outside every session");
            }
            foreach (var p in new[] { a, b })
            {
                if (In(p.Unavailable, m.Day, m.Slot) || In(p.Busy, m.Day, m.Slot, forum.BufferSlots) || !used.Add(("p:" + p.Id, m.Day, m.Slot)))
                {
                    errors.Add($"{m.Request}: {p.Id} cannot meet or is double-booked on day {m.Day} slot {m.Slot}");
                }
            }
            if (forum.Tables.FirstOrDefault(t => t.Id == m.Table) is not { } table || In(table.Unavailable, m.Day, m.Slot) || !used.Add(("t:" + m.Table, m.Day, m.Slot)))
            {
                errors.Add($"{m.Request}: table {m.Table} missing, unavailable or taken");
            }
            var needs = !a.Languages.Any(l => Speaks(b, l));
            if (needs != (m.Interpreter is not null))
            {
                errors.Add($"{m.Request}: interpreter {(needs ? "missing" : "not needed")}");
            }
            else if (m.Interpreter is { } i)
            {
                var serves = pairs.TryGetValue(i, out var list) && (list is null || list.Select(x => x.Split('-')).Any(x =>
                    (Speaks(a, x[0]) && Speaks(b, x[1])) || (Speaks(a, x[1]) && Speaks(b, x[0]))));
                if (!serves || !used.Add(("i:" + i, m.Day, m.Slot)))
                {
                    errors.Add($"{m.Request}: interpreter {i} unknown, without the pair or taken");
                }
            }
        }
        if (result.Meetings.Sum(m => (long)requests[m.Request].Weight) != result.ScheduledWeight)
        {
            errors.Add("scheduled weight does not match");
        }
        if (result.Meetings.Count + result.Unscheduled.Count != forum.Requests.Count)
        {
            errors.Add("requests are not split into scheduled and unscheduled");
        }
        return errors;
    }
}
