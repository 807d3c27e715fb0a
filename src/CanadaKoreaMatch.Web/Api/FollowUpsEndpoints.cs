using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;

namespace CanadaKoreaMatch.Web.Api;

internal static class FollowUpsEndpoints
{
    public static void MapFollowUpsEndpoints(this RouteGroupBuilder api)
    {
        var followUps = api.MapGroup("").WithTags("Follow-ups").RequireAuthorization(IdentitySetup.ApiPolicy);
        followUps.MapGet("/follow-ups", (IMediator mediator, CancellationToken ct, Guid? forumId = null, FollowUpKind? kind = null, FollowUpStatus? status = null) =>
                mediator.Send(new ListFollowUps(forumId, kind, status), ct))
            .WithSummary("Follow-ups (reminders, feedback requests, nudges, introduction follow-ups, digests) of a forum for its organisers, or of every forum and none for the trade officials; for meeting kinds subjectId is the meeting's id, as in the agenda.");
        followUps.MapPost("/follow-ups/{id:guid}/retry", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new RetryFollowUp(id), ct))
            .WithSummary("Sends a failed or cancelled follow-up again at once (its forum's organisers, officials).");
        followUps.MapPost("/follow-ups/{id:guid}/cancel", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new CancelFollowUp(id), ct))
            .WithSummary("Cancels a follow-up not yet sent (its forum's organisers, officials).");
        var meeting = api.MapGroup("/forums/{forumId:guid}/companies/{companyId:guid}/meetings/{meetingId:guid}").WithTags("Follow-ups").RequireAuthorization(IdentitySetup.ApiPolicy);
        meeting.MapGet("/feedback", (Guid forumId, Guid companyId, Guid meetingId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetMeetingFeedback(forumId, companyId, meetingId), ct))
            .WithSummary("What the firm recorded about one of its forum meetings (its representatives, the forum's organisers, officials); 404 when nothing yet.");
        meeting.MapPut("/feedback", (Guid forumId, Guid companyId, Guid meetingId, FeedbackRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RecordMeetingFeedback(forumId, companyId, meetingId, body.Attendance, body.Rating, body.NextStep, body.Promising), ct))
            .WithSummary("Records (or corrects) the firm's feedback once the meeting has started: attendance TookPlace, OtherSideAbsent or WeWereAbsent; rating 1–5; next step; promising (plans the 30- and 90-day nudges). A meeting that took place moves the firms' match to Meeting.");
        meeting.MapPost("/outcome", (Guid forumId, Guid companyId, Guid meetingId, OutcomeRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RecordMeetingOutcome(forumId, companyId, meetingId, body.Outcome, body.Note), ct))
            .WithSummary("Records what came of the meeting (MouSigned, JointBid, Contract, NoFurtherAction); moves the firms' match to Outcome and cancels the pending nudges.");

        followUps.MapGet("/me/notification-preferences", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetNotificationPreferences(), ct))
            .WithSummary("The language of the signed-in user's messages and the follow-up kinds turned off.");
        followUps.MapPut("/me/notification-preferences", (PreferencesRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SetNotificationPreferences(body.Language, body.Muted ?? []), ct))
            .WithSummary("Sets the language of messages and the follow-up kinds turned off (e.g. [\"MeetingReminder24h\"]).");
        followUps.MapGet("/me/notifications", (IMediator mediator, CancellationToken ct, int take = 50) => mediator.Send(new ListMyNotifications(take), ct))
            .WithSummary("The signed-in user's notifications, newest first, with the unread count.");
        followUps.MapPost("/me/notifications/read", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { marked = await mediator.Send(new MarkNotificationsRead(), ct) }))
            .WithSummary("Marks the signed-in user's notifications read.");
    }

    internal sealed record FeedbackRequest(MeetingAttendance? Attendance, int? Rating, string? NextStep, bool Promising);

    internal sealed record OutcomeRequest(MatchOutcome? Outcome, string? Note);

    /// <summary>Without "muted", every kind is on.</summary>
    internal sealed record PreferencesRequest(string Language, IReadOnlyList<string>? Muted);
}
