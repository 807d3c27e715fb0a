using System.Text.Json;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using Hangfire;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Engine = CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Web.Features.Forums;

public sealed record ScheduleRunDto(
    Guid Id, Guid ForumId, string Status, string Phase, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt,
    int Requests, int Scheduled, int Unscheduled, long ScheduledWeight, long RequestedWeight, long UpperBound, double? ShareOfBound,
    int Moved, string? Error);

/// <summary>Starts a run of the scheduling engine as a background job; the organiser follows it with <see cref="GetScheduleRun"/>.</summary>
[Authorize]
public sealed record StartScheduleRun(Guid ForumId) : ICommand<ScheduleRunDto>, IOrganisesForum;

internal sealed class StartScheduleRunHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, AfterCommit afterCommit, IBackgroundJobClient jobs)
    : IRequestHandler<StartScheduleRun, ScheduleRunDto>
{
    public async Task<ScheduleRunDto> Handle(StartScheduleRun request, CancellationToken cancellationToken)
    {
        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        if (!ForumWorkflow.CanSchedule(forum.Status))
        {
            throw new ConflictException("Close the requests first: move the forum to scheduling, then generate the timetable.");
        }

        if (await db.ScheduleRuns.AnyAsync(r => r.ForumId == forum.Id && (r.Status == ScheduleRunStatus.Queued || r.Status == ScheduleRunStatus.Running), cancellationToken))
        {
            throw new ConflictException("A run is already under way for this forum: wait for it to finish.");
        }

        var run = new ScheduleRun
        {
            Id = Guid.NewGuid(), ForumId = forum.Id, Status = ScheduleRunStatus.Queued, Phase = "queued",
            QueuedAt = clock.GetUtcNow().UtcDateTime, RequestedByUserId = user.RequireUserId(),
        };
        db.ScheduleRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        afterCommit.Add(() => jobs.Enqueue<ForumScheduleJob>(job => job.RunAsync(run.Id, CancellationToken.None)));
        return ScheduleRunDtos.From(run);
    }
}

/// <summary>A run's status, counts and the engine's bound.</summary>
[Authorize]
public sealed record GetScheduleRun(Guid ForumId, Guid RunId) : IQuery<ScheduleRunDto>, IOrganisesForum;

internal sealed class GetScheduleRunHandler(AppDbContext db) : IRequestHandler<GetScheduleRun, ScheduleRunDto>
{
    public async Task<ScheduleRunDto> Handle(GetScheduleRun request, CancellationToken cancellationToken) =>
        ScheduleRunDtos.From(await db.ScheduleRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == request.RunId && r.ForumId == request.ForumId, cancellationToken)
            ?? throw new NotFoundException("The run"));
}

internal static class ScheduleRunDtos
{
    public static ScheduleRunDto From(ScheduleRun r) => new(
        r.Id, r.ForumId, r.Status.ToString(), r.Phase, Utc(r.QueuedAt), r.StartedAt is { } s ? Utc(s) : null, r.FinishedAt is { } f ? Utc(f) : null,
        r.Requests, r.Scheduled, r.Unscheduled, r.ScheduledWeight, r.RequestedWeight, r.UpperBound,
        r.UpperBound > 0 ? Math.Round((double)r.ScheduledWeight / r.UpperBound, 4) : null, r.Moved, r.Error);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

/// <summary>Why a request was left out: the engine's blockers, with firms and slots named by the app's ids.</summary>
public sealed record UnscheduledExplanation(Guid RequestId, int Weight, bool LowerPriority, IReadOnlyList<BlockerDto> Blockers);

public sealed record BlockerDto(string Kind, Guid? CompanyId, IReadOnlyList<string> Slots, IReadOnlyList<Guid> Competing);

/// <summary>What the engine is given: the forum's grid, tables, interpreters, registered firms and accepted requests with their weights.</summary>
internal sealed record EngineInput(Engine.ForumInstance Instance, IReadOnlyList<Engine.ScheduledMeeting> Previous, IReadOnlySet<Guid> Locked);

internal static class EngineInputs
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<EngineInput> BuildAsync(AppDbContext db, Forum forum, CancellationToken cancellationToken)
    {
        var grid = forum.Grid();
        var requests = await db.MeetingRequests.AsNoTracking()
            .Where(r => r.ForumId == forum.Id && r.Status == MeetingRequestStatus.Accepted).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var registrations = await db.ForumRegistrations.AsNoTracking().Include(r => r.Delegates).Where(r => r.ForumId == forum.Id).ToListAsync(cancellationToken);
        var registered = registrations.Select(r => r.CompanyId).ToHashSet();
        requests = requests.Where(r => registered.Contains(r.FromCompanyId) && registered.Contains(r.ToCompanyId)).ToList();
        var companies = registrations.Select(r => r.CompanyId).ToList();
        var approved = await ApprovedMatches.PairsAsync(db, companies, cancellationToken);
        var working = await db.ForumMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id).ToDictionaryAsync(m => m.Id, cancellationToken);
        var published = await db.PublishedMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id && !m.Cancelled).ToListAsync(cancellationToken);
        var interpreterIds = forum.Interpreters.Select(i => i.Id).ToHashSet();

        var instance = new Engine.ForumInstance
        {
            Name = forum.Name,
            Days = grid.Days.Select((slots, d) => new Engine.ForumDay(
                $"Day {d + 1}", slots.Count,
                slots.GroupBy(s => s.Session).Select(g => new Engine.ForumSession($"session {g.Key}", g.Min(s => s.Slot), g.Max(s => s.Slot))).ToList())).ToList(),
            Tables = forum.Tables.Select(t => new Engine.ForumTable(t)).ToList(),
            InterpreterPool = forum.Interpreters.OrderBy(i => i.Id).Select(i => new Engine.ForumInterpreter(i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Pairs)).ToList(),
            Participants = registrations.Select(r => new Engine.ForumParticipant(
                Id(r.CompanyId), r.Languages().ToList(),
                r.Unavailable.Select(Parse).Where(s => grid.Find(s.Day, s.Slot) is not null).Select(s => new Engine.SlotRange(s.Day, s.Slot, s.Slot)).ToList())).ToList(),
            Requests = requests.Select(r => new Engine.ForumRequest(
                Id(r.Id), Id(r.FromCompanyId), Id(r.ToCompanyId),
                MeetingWeights.Of(r, approved.Contains(ApprovedMatches.Key(r.FromCompanyId, r.ToCompanyId))),
                Locked: working.TryGetValue(r.Id, out var m) && m.Locked && grid.Find(m.Day, m.Slot) is not null
                    ? new Engine.LockedPlacement(m.Day, m.Slot, forum.Tables.Contains(m.Table) ? m.Table : null)
                    : null)).ToList(),
        };
        var previous = working.Values.Where(m => !m.Locked)
            .Select(m => new Engine.ScheduledMeeting(Id(m.Id), m.Day, m.Slot, m.Table, m.InterpreterId is { } i && interpreterIds.Contains(i) ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null))
            .Concat(published.Where(p => !working.ContainsKey(p.Id)).Select(p => new Engine.ScheduledMeeting(Id(p.Id), p.Day, p.Slot, p.Table, null)))
            .ToList();
        return new EngineInput(instance, previous, working.Values.Where(m => m.Locked).Select(m => m.Id).ToHashSet());
    }

    public static string Id(Guid id) => id.ToString("N");

    public static (int Day, int Slot) Parse(string key)
    {
        var parts = key.Split('-');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static UnscheduledExplanation Explain(Engine.UnscheduledRequest u) => new(
        Guid.ParseExact(u.Request, "N"), u.Weight, u.LowerPriority,
        u.Blockers.Select(b => new BlockerDto(
            b.Kind.ToString(), b.Participant is { } p ? Guid.ParseExact(p, "N") : null,
            b.Slots.Select(s => $"{s.Day}-{s.Slot}").ToList(),
            b.Competing.Select(c => Guid.ParseExact(c, "N")).ToList())).ToList());
}
