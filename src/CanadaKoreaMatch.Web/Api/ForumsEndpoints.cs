using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;

namespace CanadaKoreaMatch.Web.Api;

internal static class ForumsEndpoints
{
    public static void MapForumsEndpoints(this RouteGroupBuilder api)
    {
        var forums = api.MapGroup("/forums").WithTags("Forums").RequireAuthorization(IdentitySetup.ApiPolicy);
        forums.MapGet("/", (IMediator mediator, CancellationToken ct, ForumStatus? status = null) => mediator.Send(new ListForums(status), ct))
            .WithSummary("Forums the caller may see (drafts only for their organisers, officials and administrators).");
        forums.MapPost("/", async (CreateForumRequest body, IMediator mediator, CancellationToken ct) =>
            {
                var forum = await mediator.Send(body.Template is null ? new CreateForum(body.ToInput()) : new CreateForum(null, body.Template, body.Name, body.StartDate), ct);
                return TypedResults.Created($"/api/v1/forums/{forum.Id}", forum);
            })
            .WithSummary("Creates a forum (organisers, administrators) from a full definition, or from {\"template\":\"cansec\"|\"adex\"|\"canada-korea\",\"name\",\"startDate\"}.");
        forums.MapGet("/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetForum(id), ct))
            .WithSummary("The forum with its slot grid (local times and UTC), tables and interpreters.");
        forums.MapPut("/{id:guid}", (Guid id, UpdateForumRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateForum(id, body.Definition, body.Version), ct))
            .WithSummary("Changes the forum's definition (its organisers, administrators).");
        forums.MapPost("/{id:guid}/status", (Guid id, StatusRequest body, IMediator mediator, CancellationToken ct) => mediator.Send(new ChangeForumStatus(id, body.Status), ct))
            .WithSummary("Moves the forum: Draft → Open → Scheduling → (publish) → Closed; Scheduling → Open reopens the requests.");

        forums.MapPost("/{id:guid}/registrations", (Guid id, RegistrationRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RegisterForForum(id, body.CompanyId, body.Delegates ?? [], body.Unavailable, body.TimeZone), ct))
            .WithSummary("Registers the caller's firm (or changes its registration): delegates, time zone, slots it cannot meet in (\"day-slot\").");
        forums.MapGet("/{id:guid}/registrations/{companyId:guid}", async (Guid id, Guid companyId, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetRegistration(id, companyId), ct) is { } registration ? Results.Ok(registration) : Results.NotFound())
            .WithSummary("A firm's registration (its representatives, the organisers, officials).");
        forums.MapGet("/{id:guid}/firms", (Guid id, Guid companyId, IMediator mediator, CancellationToken ct) => mediator.Send(new ListForumFirms(id, companyId), ct))
            .WithSummary("The registered firms of the other country, best match for companyId first, with the reasons.");

        forums.MapGet("/{id:guid}/meeting-requests", (Guid id, IMediator mediator, CancellationToken ct, Guid? companyId = null, MeetingRequestStatus? status = null) =>
                mediator.Send(new ListMeetingRequests(id, companyId, status), ct))
            .WithSummary("A firm's requests (companyId), or all of them for the organisers and officials.");
        forums.MapPost("/{id:guid}/meeting-requests", async (Guid id, MeetingRequestBody body, IMediator mediator, CancellationToken ct) =>
            {
                var request = await mediator.Send(new SendMeetingRequest(id, body.FromCompanyId, body.ToCompanyId, body.Priority ?? MeetingPriority.WouldLike, body.Message), ct);
                return TypedResults.Created($"/api/v1/forums/{id}/meeting-requests/{request.Id}", request);
            })
            .WithSummary("Asks another registered firm for a meeting (MustMeet, WouldLike, IfPossible). If it already asked yours, both become one accepted, mutual request.");
        forums.MapPost("/{id:guid}/meeting-requests/{requestId:guid}/accept", (Guid id, Guid requestId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RespondToMeetingRequest(id, requestId, Accept: true), ct))
            .WithSummary("The requested firm accepts, before the deadline.");
        forums.MapPost("/{id:guid}/meeting-requests/{requestId:guid}/decline", (Guid id, Guid requestId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RespondToMeetingRequest(id, requestId, Accept: false), ct))
            .WithSummary("The requested firm declines, before the deadline.");
        forums.MapPost("/{id:guid}/meeting-requests/{requestId:guid}/cancel", (Guid id, Guid requestId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CancelMeeting(id, requestId), ct))
            .WithSummary("The asking firm withdraws a request not yet answered; either firm or the forum's organisers cancel an agreed meeting before it starts. The other firm is told.");
        forums.MapPost("/{id:guid}/must-meet", async (Guid id, MustMeetBody body, IMediator mediator, CancellationToken ct) =>
            {
                var request = await mediator.Send(new AddMustMeetPair(id, body.FirstCompanyId, body.SecondCompanyId, body.Message), ct);
                return TypedResults.Created($"/api/v1/forums/{id}/meeting-requests/{request.Id}", request);
            })
            .WithSummary("A trade official adds a must-meet pair, accepted for both firms and weighed highest.");

        forums.MapPost("/{id:guid}/schedule-runs", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                var run = await mediator.Send(new StartScheduleRun(id), ct);
                return TypedResults.Accepted($"/api/v1/forums/{id}/schedule-runs/{run.Id}", run);
            })
            .WithSummary("Starts a run of the scheduling engine in the background (202); follow it at the returned location.");
        forums.MapGet("/{id:guid}/schedule-runs/{runId:guid}", (Guid id, Guid runId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetScheduleRun(id, runId), ct))
            .WithSummary("The run's status (Queued, Running, Completed, Failed), scheduled and unscheduled counts, weight and the engine's upper bound.");
        forums.MapGet("/{id:guid}/timetable", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetTimetable(id), ct))
            .WithSummary("The working timetable for the organisers: meetings, unscheduled requests with the reasons, interpreter load.");
        forums.MapGet("/{id:guid}/timetable/{meetingId:guid}/check", (Guid id, Guid meetingId, int day, int slot, IMediator mediator, CancellationToken ct, string? table = null) =>
                mediator.Send(new CheckMove(id, meetingId, day, slot, table), ct))
            .WithSummary("Whether the meeting could be held at this slot (and table), with every conflict.");
        forums.MapPost("/{id:guid}/timetable/{meetingId:guid}/move", (Guid id, Guid meetingId, MoveBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new MoveMeeting(id, meetingId, body.Day, body.Slot, body.Table, body.Lock ?? true), ct))
            .WithSummary("Moves (or places) a meeting; locked there unless lock is false. A conflict is a 409 naming it.");
        forums.MapPost("/{id:guid}/timetable/{meetingId:guid}/lock", (Guid id, Guid meetingId, LockBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SetMeetingLock(id, meetingId, body.Locked), ct))
            .WithSummary("Locks a meeting where it is, or unlocks it.");
        forums.MapPost("/{id:guid}/publish", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new PublishTimetable(id), ct))
            .WithSummary("Publishes the timetable; only firms whose meetings changed are told.");
        forums.MapGet("/{id:guid}/dashboard", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetForumDashboard(id), ct))
            .WithSummary("The organisers' figures.");

        forums.MapGet("/{id:guid}/agenda", (Guid id, Guid companyId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetAgenda(id, companyId), ct))
            .WithSummary("A firm's published meetings (times in UTC, with the forum's and the firm's local times).");
        forums.MapGet("/{id:guid}/agenda.ics", async (Guid id, Guid companyId, IMediator mediator, CancellationToken ct) =>
                TypedResults.Text(await mediator.Send(new GetAgendaCalendar(id, companyId), ct), AgendaCalendar.ContentType))
            .WithSummary("The same agenda as iCalendar: one event per meeting, stable UID, SEQUENCE raised on change, removed meetings cancelled.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar");

        var company = api.MapGroup("/companies/{companyId:guid}/calendar-subscription").WithTags("Forums").RequireAuthorization(IdentitySetup.ApiPolicy);
        company.MapGet("/", (Guid companyId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetCalendarSubscription(companyId), ct))
            .WithSummary("Whether the firm's calendar feed is active.");
        company.MapPost("/", (Guid companyId, IMediator mediator, CancellationToken ct) => mediator.Send(new CreateCalendarSubscription(companyId), ct))
            .WithSummary("Issues a new secret calendar URL (shown once); the previous one stops working.");
        company.MapDelete("/", (Guid companyId, IMediator mediator, CancellationToken ct) => mediator.Send(new RevokeCalendarSubscription(companyId), ct))
            .WithSummary("Revokes the firm's calendar URL at once.");
    }

    /// <summary>The secret feed calendar applications poll; no sign-in, the token is the key.</summary>
    public static void MapCalendarFeed(this WebApplication app) =>
        app.MapGet("/calendar/{token}.ics", async (string token, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new GetSubscribedCalendar(token), ct) is { } calendar ? Results.Text(calendar, AgendaCalendar.ContentType) : Results.NotFound())
            .WithTags("Forums").WithSummary("A firm's calendar feed behind its secret URL.");

    internal sealed record CreateForumRequest(
        string? Template, string? Name, DateOnly? StartDate, string? Venue, string? TimeZone, DateOnly? RegistrationOpens, DateOnly? RegistrationCloses,
        DateTime? RequestDeadline, IReadOnlyList<ForumDayInput>? Days, IReadOnlyList<string>? Tables, IReadOnlyList<InterpreterInput>? Interpreters)
    {
        public ForumInput ToInput() => new(
            Name ?? "", Venue, TimeZone ?? "", RegistrationOpens ?? default, RegistrationCloses ?? default, RequestDeadline ?? default,
            Days ?? [], Tables ?? [], Interpreters);
    }

    internal sealed record UpdateForumRequest(ForumInput Definition, Guid? Version);

    internal sealed record StatusRequest(ForumStatus Status);

    internal sealed record RegistrationRequest(Guid CompanyId, IReadOnlyList<DelegateInput>? Delegates, IReadOnlyList<string>? Unavailable, string? TimeZone);

    internal sealed record MeetingRequestBody(Guid FromCompanyId, Guid ToCompanyId, MeetingPriority? Priority, string? Message);

    internal sealed record MustMeetBody(Guid FirstCompanyId, Guid SecondCompanyId, string? Message);

    internal sealed record MoveBody(int Day, int Slot, string? Table, bool? Lock);

    internal sealed record LockBody(bool Locked);
}
