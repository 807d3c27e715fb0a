using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>Recomputes every forum constraint, the objective figures and the truth of every explanation from the input and the output alone.</summary>
internal sealed class ForumChecker(ForumInstance forum)
{
    private readonly Dictionary<string, ForumParticipant> participants = forum.Participants.ToDictionary(p => p.Id);
    private readonly Dictionary<string, ForumRequest> requests = forum.Requests.ToDictionary(r => r.Id);
    private readonly InterpreterCheck interpreting = new(forum);

    public List<string> Violations(ForumResult result)
    {
        var errors = new List<string>();
        var booked = new Dictionary<(string Participant, int Day, int Slot), string>();
        var tables = new HashSet<(string Table, int Day, int Slot)>();
        var interpreters = new HashSet<(string Interpreter, int Day, int Slot)>();
        foreach (var m in result.Meetings)
        {
            if (!requests.TryGetValue(m.Request, out var request))
            {
                errors.Add($"unknown request {m.Request}");
                continue;
            }
            if (SessionOf(m.Day, m.Slot) is not { } session)
            {
                errors.Add($"{m.Request} outside every session");
            }
            else if (request.Session is { } wanted && !string.Equals(wanted, session, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{m.Request} outside its session {wanted}");
            }
            foreach (var p in new[] { request.First, request.Second })
            {
                if (!CanMeet(p, m.Day, m.Slot))
                {
                    errors.Add($"{m.Request}: {p} cannot meet on day {m.Day} slot {m.Slot}");
                }
                if (!booked.TryAdd((p, m.Day, m.Slot), m.Request))
                {
                    errors.Add($"{p} double-booked on day {m.Day} slot {m.Slot}");
                }
            }
            var table = forum.Tables.FirstOrDefault(t => t.Id == m.Table);
            if (table is null || In(table.Unavailable, m.Day, m.Slot))
            {
                errors.Add($"{m.Request} at missing or unavailable table {m.Table}");
            }
            if (!tables.Add((m.Table, m.Day, m.Slot)))
            {
                errors.Add($"table {m.Table} used twice on day {m.Day} slot {m.Slot}");
            }
            if (NeedsInterpreter(request))
            {
                if (m.Interpreter is not { } i || !interpreting.Exists(i) || !interpreters.Add((i, m.Day, m.Slot)))
                {
                    errors.Add($"{m.Request} lacks a distinct interpreter");
                }
                else if (!interpreting.Serves(i, request))
                {
                    errors.Add($"{m.Request} is interpreted by {i}, who has no pair for its participants' languages");
                }
            }
            else if (m.Interpreter is not null)
            {
                errors.Add($"{m.Request} has an interpreter it does not need");
            }
            if (request.Locked is { } locked && (locked.Day != m.Day || locked.Slot != m.Slot || (locked.Table is not null && locked.Table != m.Table)))
            {
                errors.Add($"locked {m.Request} moved");
            }
        }
        if (result.Meetings.Select(m => m.Request).Distinct().Count() != result.Meetings.Count)
        {
            errors.Add("a request is scheduled twice");
        }
        if (result.ScheduledWeight != result.Meetings.Sum(m => (long)requests[m.Request].Weight))
        {
            errors.Add("scheduled weight does not match");
        }
        if (result.Breaks != Breaks(result))
        {
            errors.Add($"breaks reported {result.Breaks}, recomputed {Breaks(result)}");
        }
        var load = result.Meetings.GroupBy(m => (m.Day, m.Slot)).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        if (result.MaxSlotLoad != load)
        {
            errors.Add("max slot load does not match");
        }
        var scheduled = result.Meetings.Select(m => m.Request).ToHashSet();
        var unscheduled = result.Unscheduled.Select(u => u.Request).ToHashSet();
        if (forum.Requests.Any(r => scheduled.Contains(r.Id) == unscheduled.Contains(r.Id)))
        {
            errors.Add("requests are not split exactly into scheduled and unscheduled");
        }
        errors.AddRange(result.Unscheduled.SelectMany(u => ExplanationErrors(u, result)));
        return errors;
    }

    private IEnumerable<string> ExplanationErrors(UnscheduledRequest explained, ForumResult result)
    {
        var request = requests[explained.Request];
        var at = result.Meetings.ToLookup(m => (m.Day, m.Slot));
        var covered = new HashSet<(int, int)>();
        foreach (var blocker in explained.Blockers)
        {
            foreach (var s in blocker.Slots)
            {
                covered.Add((s.Day, s.Slot));
                var truth = blocker.Kind switch
                {
                    BlockerKind.Unavailable => blocker.Participant is { } p ? !CanMeet(p, s.Day, s.Slot) : !Candidate(request, s.Day, s.Slot),
                    BlockerKind.ParticipantBooked => at[(s.Day, s.Slot)].Any(m => Involves(requests[m.Request], blocker.Participant!) && blocker.Competing.Contains(m.Request)),
                    BlockerKind.NoTable => at[(s.Day, s.Slot)].Count() >= forum.Tables.Count(t => !In(t.Unavailable, s.Day, s.Slot))
                        || (request.Locked?.Table is { } lt && (at[(s.Day, s.Slot)].Any(m => m.Table == lt) || In(forum.Tables.First(t => t.Id == lt).Unavailable, s.Day, s.Slot))),
                    BlockerKind.NoInterpreter => NeedsInterpreter(request)
                        && !interpreting.Matchable([.. at[(s.Day, s.Slot)].Where(m => m.Interpreter is not null).Select(m => requests[m.Request]), request]),
                    _ => false,
                };
                if (!truth)
                {
                    yield return $"{explained.Request}: blocker {blocker.Kind} {blocker.Participant} is false on day {s.Day} slot {s.Slot}";
                }
            }
        }
        foreach (var (day, slot) in AllSlots().Where(x => Candidate(request, x.Day, x.Slot)))
        {
            if (!covered.Contains((day, slot)))
            {
                yield return $"{explained.Request}: day {day} slot {slot} is not explained";
            }
        }
    }

    private bool Candidate(ForumRequest request, int day, int slot) =>
        SessionOf(day, slot) is { } session
        && (request.Session is null || string.Equals(request.Session, session, StringComparison.OrdinalIgnoreCase))
        && (request.Locked is null || (request.Locked.Day == day && request.Locked.Slot == slot));

    private IEnumerable<(int Day, int Slot)> AllSlots() =>
        forum.Days.SelectMany((d, i) => Enumerable.Range(1, d.Slots).Select(s => (i + 1, s)));

    private static bool Involves(ForumRequest r, string p) => r.First == p || r.Second == p;

    private string? SessionOf(int day, int slot) =>
        day < 1 || day > forum.Days.Count ? null : forum.Days[day - 1].Sessions.FirstOrDefault(s => s.From <= slot && slot <= s.To)?.Name;

    private bool CanMeet(string participant, int day, int slot)
    {
        var p = participants[participant];
        return !In(p.Unavailable, day, slot)
            && !(p.Busy ?? []).Any(b => b.Day == day && b.From - forum.BufferSlots <= slot && slot <= b.To + forum.BufferSlots);
    }

    private static bool In(IReadOnlyList<SlotRange>? ranges, int day, int slot) =>
        (ranges ?? []).Any(r => r.Day == day && r.From <= slot && slot <= r.To);

    private bool NeedsInterpreter(ForumRequest r) => interpreting.NeedsInterpreter(r);

    public int Breaks(ForumResult result)
    {
        var total = 0;
        foreach (var group in result.Meetings
            .SelectMany(m => new[] { requests[m.Request].First, requests[m.Request].Second }.Select(p => (p, m)))
            .GroupBy(x => (x.p, x.m.Day, Session: SessionOf(x.m.Day, x.m.Slot))))
        {
            var slots = group.Select(x => x.m.Slot).Order().ToList();
            total += slots.Zip(slots.Skip(1)).Count(pair => pair.Second > pair.First + 1);
        }
        return total;
    }
}
