using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Forums;

public sealed record TimetableMeetingDto(
    Guid MeetingId, int Day, int Slot, DateTime StartsAt, DateTime EndsAt, string Table, int? InterpreterId, string? Interpreter,
    FirmRef First, FirmRef Second, int Weight, bool Locked, bool Mutual, bool AddedByOfficial);

public sealed record UnscheduledDto(Guid RequestId, FirmRef First, FirmRef Second, int Weight, bool LowerPriority, IReadOnlyList<BlockerDto> Blockers);

public sealed record InterpreterLoadDto(int Id, string Name, IReadOnlyList<string> Pairs, int Meetings, int Slots);

public sealed record TimetableDto(
    ForumDto Forum, IReadOnlyList<TimetableMeetingDto> Meetings, IReadOnlyList<UnscheduledDto> Unscheduled, IReadOnlyList<InterpreterLoadDto> Interpreters,
    ScheduleRunDto? LatestRun, int ChangesSincePublished, IReadOnlyDictionary<Guid, string> Firms);

/// <summary>The working timetable for the organisers: every meeting by slot and table, the requests left out and why, interpreter load.</summary>
[Authorize]
public sealed record GetTimetable(Guid ForumId) : IQuery<TimetableDto>, IOrganisesForum;

internal sealed class GetTimetableHandler(AppDbContext db) : IRequestHandler<GetTimetable, TimetableDto>
{
    public async Task<TimetableDto> Handle(GetTimetable request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        var registrations = await db.ForumRegistrations.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        var requestCount = await db.MeetingRequests.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        var meetings = await TimetableQueries.MeetingsAsync(db, forum, cancellationToken);
        var latest = await db.ScheduleRuns.AsNoTracking().Where(r => r.ForumId == forum.Id).OrderByDescending(r => r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        var lastCompleted = latest?.Status == ScheduleRunStatus.Completed ? latest
            : await db.ScheduleRuns.AsNoTracking().Where(r => r.ForumId == forum.Id && r.Status == ScheduleRunStatus.Completed).OrderByDescending(r => r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        var scheduled = meetings.Select(m => m.MeetingId).ToHashSet();
        var explanations = (lastCompleted is null ? [] : JsonSerializer.Deserialize<List<UnscheduledExplanation>>(lastCompleted.UnscheduledJson, EngineInputs.Json) ?? [])
            .ToDictionary(e => e.RequestId);
        var accepted = await db.MeetingRequests.AsNoTracking().Where(r => r.ForumId == forum.Id && r.Status == MeetingRequestStatus.Accepted)
            .Select(TimetableQueries.Weighed).ToListAsync(cancellationToken);
        var left = accepted.Where(r => !scheduled.Contains(r.Id)).ToList();

        // The meetings name their firms already; approved matches only weigh the requests accepted since the last run.
        var firms = meetings.SelectMany(m => new[] { m.First, m.Second }).DistinctBy(f => f.Id).ToDictionary(f => f.Id);
        var others = left.SelectMany(r => new[] { r.FromCompanyId, r.ToCompanyId }).Where(id => !firms.ContainsKey(id)).Distinct().ToList();
        foreach (var firm in (await TimetableQueries.FirmsAsync(db, others, cancellationToken)).Values)
        {
            firms[firm.Id] = firm;
        }

        var unexplained = left.Where(r => !explanations.ContainsKey(r.Id)).SelectMany(r => new[] { r.FromCompanyId, r.ToCompanyId }).Distinct().ToList();
        var approved = unexplained.Count == 0 ? [] : await ApprovedMatches.PairsAsync(db, unexplained, cancellationToken);
        var unscheduled = left
            .Select(r => explanations.TryGetValue(r.Id, out var e)
                ? new UnscheduledDto(r.Id, firms[r.FromCompanyId], firms[r.ToCompanyId], e.Weight, e.LowerPriority, e.Blockers)
                : new UnscheduledDto(r.Id, firms[r.FromCompanyId], firms[r.ToCompanyId], MeetingWeights.Of(r, approved.Contains(ApprovedMatches.Key(r.FromCompanyId, r.ToCompanyId))), false, []))
            .OrderByDescending(u => u.Weight).ThenBy(u => u.First.Name, StringComparer.Ordinal).ToList();
        var slots = forum.Grid().SlotCount;
        var loads = forum.Interpreters.OrderBy(i => i.Id)
            .Select(i => new InterpreterLoadDto(i.Id, i.Name, i.Pairs, meetings.Count(m => m.InterpreterId == i.Id), slots)).ToList();
        return new TimetableDto(
            ForumDtos.From(forum, registrations, requestCount, organises: true), meetings, unscheduled, loads,
            latest is null ? null : ScheduleRunDtos.From(latest), await TimetableQueries.ChangesSincePublishedAsync(db, forum, cancellationToken),
            firms.ToDictionary(f => f.Key, f => f.Value.Name));
    }
}

internal static class TimetableQueries
{
    /// <summary>A request with only what the timetable shows and weighs: its firms, priorities and whether officials added it.</summary>
    public static readonly Expression<Func<MeetingRequest, MeetingRequest>> Weighed = r => new MeetingRequest
    {
        Id = r.Id, FromCompanyId = r.FromCompanyId, ToCompanyId = r.ToCompanyId, Priority = r.Priority, CounterPriority = r.CounterPriority, AddedByOfficial = r.AddedByOfficial,
    };

    /// <summary>The firms' names and countries, without loading their profiles.</summary>
    public static Task<Dictionary<Guid, FirmRef>> FirmsAsync(AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new FirmRef(c.Id, c.Name, c.Country)).ToDictionaryAsync(f => f.Id, cancellationToken);

    public static async Task<List<TimetableMeetingDto>> MeetingsAsync(AppDbContext db, Forum forum, CancellationToken cancellationToken)
    {
        var zone = forum.Zone();
        var grid = forum.Grid();
        var rows = await db.ForumMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id)
            .Join(db.MeetingRequests.Select(Weighed), m => m.Id, r => r.Id, (m, r) => new { Meeting = m, Request = r }).ToListAsync(cancellationToken);
        var firmIds = rows.SelectMany(x => new[] { x.Request.FromCompanyId, x.Request.ToCompanyId }).Distinct().ToList();
        var firms = await FirmsAsync(db, firmIds, cancellationToken);
        var approved = await ApprovedMatches.PairsAsync(db, firmIds, cancellationToken);
        var interpreters = forum.Interpreters.ToDictionary(i => i.Id, i => i.Name);
        return rows.Where(x => grid.Find(x.Meeting.Day, x.Meeting.Slot) is not null).Select(x =>
            {
                var slot = grid.Find(x.Meeting.Day, x.Meeting.Slot)!;
                var (first, second) = firms[x.Request.FromCompanyId].Country == Countries.Canada
                    ? (firms[x.Request.FromCompanyId], firms[x.Request.ToCompanyId]) : (firms[x.Request.ToCompanyId], firms[x.Request.FromCompanyId]);
                return new TimetableMeetingDto(
                    x.Meeting.Id, x.Meeting.Day, x.Meeting.Slot, ForumGrid.ToUtc(slot.Date, slot.Start, zone), ForumGrid.ToUtc(slot.Date, slot.End, zone),
                    x.Meeting.Table, x.Meeting.InterpreterId, x.Meeting.InterpreterId is { } i && interpreters.TryGetValue(i, out var name) ? name : null,
                    first, second, MeetingWeights.Of(x.Request, approved.Contains(ApprovedMatches.Key(x.Request.FromCompanyId, x.Request.ToCompanyId))),
                    x.Meeting.Locked, x.Request.CounterPriority is not null, x.Request.AddedByOfficial);
            })
            .OrderBy(m => m.Day).ThenBy(m => m.Slot).ThenBy(m => forum.Tables.IndexOf(m.Table)).ToList();
    }

    /// <summary>Meetings that publishing now would add, move or cancel.</summary>
    public static async Task<int> ChangesSincePublishedAsync(AppDbContext db, Forum forum, CancellationToken cancellationToken)
    {
        var working = await db.ForumMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id)
            .Select(m => new { m.Id, m.Day, m.Slot, m.Table, m.InterpreterId }).ToListAsync(cancellationToken);
        var published = await db.PublishedMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id && !m.Cancelled)
            .Select(m => new { m.Id, m.Day, m.Slot, m.Table, m.Interpreter }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var interpreters = forum.Interpreters.ToDictionary(i => i.Id, i => i.Name);
        var changed = working.Count(m => !published.TryGetValue(m.Id, out var p) || p.Day != m.Day || p.Slot != m.Slot || p.Table != m.Table
            || p.Interpreter != (m.InterpreterId is { } i ? interpreters.GetValueOrDefault(i) : null));
        var workingIds = working.Select(m => m.Id).ToHashSet();
        return changed + published.Keys.Count(id => !workingIds.Contains(id));
    }
}

/// <summary>Why a meeting cannot go to a slot: a code for programs, the English message for the API, the refusal for pages.</summary>
public sealed record MoveConflict(string Code, [property: JsonIgnore] Refusal Refusal)
{
    public string Message => Refusal.ToString();
}

public sealed record MoveCheckDto(bool Possible, string? Table, int? InterpreterId, IReadOnlyList<MoveConflict> Conflicts);

/// <summary>Whether an accepted request's meeting can be held at a slot (and table): the live check behind moving a meeting.</summary>
[Authorize]
public sealed record CheckMove(Guid ForumId, Guid MeetingId, int Day, int Slot, string? Table = null) : IQuery<MoveCheckDto>, IOrganisesForum;

internal sealed class CheckMoveHandler(AppDbContext db) : IRequestHandler<CheckMove, MoveCheckDto>
{
    public async Task<MoveCheckDto> Handle(CheckMove request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        return await MoveChecker.CheckAsync(db, forum, request.MeetingId, request.Day, request.Slot, request.Table, cancellationToken);
    }
}

/// <summary>Moves (or places) a meeting of the working timetable to a slot and table, locked there by default so later runs keep it.</summary>
[Authorize]
public sealed record MoveMeeting(Guid ForumId, Guid MeetingId, int Day, int Slot, string? Table = null, bool Lock = true) : ICommand<TimetableMeetingDto>, IOrganisesForum;

internal sealed class MoveMeetingHandler(AppDbContext db) : IRequestHandler<MoveMeeting, TimetableMeetingDto>
{
    public async Task<TimetableMeetingDto> Handle(MoveMeeting request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        await EnsureNoRunAsync(db, forum.Id, cancellationToken);
        var check = await MoveChecker.CheckAsync(db, forum, request.MeetingId, request.Day, request.Slot, request.Table, cancellationToken);
        if (!check.Possible)
        {
            throw new ConflictException(Refusal.Join(check.Conflicts.Select(c => c.Refusal)));
        }

        var meeting = await db.ForumMeetings.SingleOrDefaultAsync(m => m.Id == request.MeetingId, cancellationToken);
        if (meeting is null)
        {
            meeting = new ForumMeeting { Id = request.MeetingId, ForumId = forum.Id };
            db.ForumMeetings.Add(meeting);
        }

        meeting.Day = request.Day;
        meeting.Slot = request.Slot;
        meeting.Table = check.Table!;
        meeting.InterpreterId = check.InterpreterId;
        meeting.Locked = request.Lock;
        await db.SaveChangesAsync(cancellationToken);
        return (await TimetableQueries.MeetingsAsync(db, forum, cancellationToken)).Single(m => m.MeetingId == meeting.Id);
    }

    internal static async Task EnsureNoRunAsync(AppDbContext db, Guid forumId, CancellationToken cancellationToken)
    {
        if (await db.ScheduleRuns.AnyAsync(r => r.ForumId == forumId && (r.Status == ScheduleRunStatus.Queued || r.Status == ScheduleRunStatus.Running), cancellationToken))
        {
            throw new ConflictException("A run is under way: its result will replace the timetable. Wait for it to finish.");
        }
    }
}

/// <summary>Locks a meeting where it is (later runs keep it) or unlocks it.</summary>
[Authorize]
public sealed record SetMeetingLock(Guid ForumId, Guid MeetingId, bool Locked) : ICommand<TimetableMeetingDto>, IOrganisesForum;

internal sealed class SetMeetingLockHandler(AppDbContext db) : IRequestHandler<SetMeetingLock, TimetableMeetingDto>
{
    public async Task<TimetableMeetingDto> Handle(SetMeetingLock request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        await MoveMeetingHandler.EnsureNoRunAsync(db, forum.Id, cancellationToken);
        var meeting = await db.ForumMeetings.SingleOrDefaultAsync(m => m.Id == request.MeetingId && m.ForumId == forum.Id, cancellationToken)
            ?? throw new NotFoundException("The meeting");
        meeting.Locked = request.Locked;
        await db.SaveChangesAsync(cancellationToken);
        return (await TimetableQueries.MeetingsAsync(db, forum, cancellationToken)).Single(m => m.MeetingId == meeting.Id);
    }
}

internal static class MoveChecker
{
    public static async Task<MoveCheckDto> CheckAsync(AppDbContext db, Forum forum, Guid meetingId, int day, int slotNumber, string? table, CancellationToken cancellationToken)
    {
        if (!ForumWorkflow.CanSchedule(forum.Status))
        {
            throw new ConflictException("Meetings are placed while the forum is being scheduled or after publication.");
        }

        var request = await db.MeetingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == meetingId && r.ForumId == forum.Id, cancellationToken)
            ?? throw new NotFoundException("The meeting");
        if (request.Status != MeetingRequestStatus.Accepted)
        {
            throw new ConflictException("Only accepted requests are placed in the timetable.");
        }

        var slot = forum.Grid().Find(day, slotNumber) ?? throw InputException.For("slot", "Day {0} has no slot {1}.", day, slotNumber);
        if (table is not null && !forum.Tables.Contains(table))
        {
            throw InputException.For("table", "The forum has no table named {0}.", table);
        }

        var conflicts = new List<MoveConflict>();
        var others = await db.ForumMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id && m.Day == day && m.Slot == slotNumber && m.Id != meetingId)
            .Join(db.MeetingRequests, m => m.Id, r => r.Id, (m, r) => new { Meeting = m, r.FromCompanyId, r.ToCompanyId }).ToListAsync(cancellationToken);
        var registrations = await db.ForumRegistrations.AsNoTracking().Include(r => r.Delegates)
            .Where(r => r.ForumId == forum.Id && (r.CompanyId == request.FromCompanyId || r.CompanyId == request.ToCompanyId)).ToListAsync(cancellationToken);
        var names = await db.Companies.AsNoTracking().Where(c => c.Id == request.FromCompanyId || c.Id == request.ToCompanyId).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        foreach (var firm in new[] { request.FromCompanyId, request.ToCompanyId })
        {
            if (others.Any(o => o.FromCompanyId == firm || o.ToCompanyId == firm))
            {
                conflicts.Add(new MoveConflict("firmBooked", new Refusal("{0} already has a meeting in this slot.", names[firm])));
            }

            if (registrations.SingleOrDefault(r => r.CompanyId == firm)?.Unavailable.Contains(slot.Key) == true)
            {
                conflicts.Add(new MoveConflict("firmUnavailable", new Refusal("{0} is not available in this slot.", names[firm])));
            }
        }

        var taken = others.Select(o => o.Meeting.Table).ToHashSet();
        var chosen = table ?? forum.Tables.FirstOrDefault(t => !taken.Contains(t));
        if (chosen is null)
        {
            conflicts.Add(new MoveConflict("noTable", new Refusal("Every table is taken in this slot.")));
        }
        else if (taken.Contains(chosen))
        {
            conflicts.Add(new MoveConflict("tableTaken", new Refusal("{0} is taken in this slot.", chosen)));
        }

        int? interpreter = null;
        var languages = registrations.Select(r => r.Languages().ToHashSet()).ToList();
        if (languages.Count == 2 && !languages[0].Overlaps(languages[1]))
        {
            var busy = others.Where(o => o.Meeting.InterpreterId is not null).Select(o => o.Meeting.InterpreterId!.Value).ToHashSet();
            var able = forum.Interpreters.Where(i => i.Pairs.Any(p => Bridges(p, languages[0], languages[1]))).ToList();
            interpreter = able.FirstOrDefault(i => !busy.Contains(i.Id))?.Id;
            if (interpreter is null)
            {
                conflicts.Add(able.Count == 0
                    ? new MoveConflict("noInterpreter", new Refusal("The two firms share no language and no interpreter of the forum covers their languages."))
                    : new MoveConflict("interpreterBusy", new Refusal("The two firms share no language and every interpreter who covers their languages is taken in this slot.")));
            }
        }

        return new MoveCheckDto(conflicts.Count == 0, chosen, interpreter, conflicts);
    }

    private static bool Bridges(string pair, HashSet<string> a, HashSet<string> b)
    {
        var parts = pair.Split('-');
        return (a.Contains(parts[0]) && b.Contains(parts[1])) || (a.Contains(parts[1]) && b.Contains(parts[0]));
    }
}
