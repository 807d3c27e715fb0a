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
            .WithSummary("A forum's follow-ups (reminders), for its organisers and the trade officials; subjectId is the meeting's id, as in the agenda.");
        followUps.MapPost("/follow-ups/{id:guid}/retry", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new RetryFollowUp(id), ct))
            .WithSummary("Sends a failed or cancelled follow-up again at once (its forum's organisers, officials).");
        followUps.MapPost("/follow-ups/{id:guid}/cancel", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new CancelFollowUp(id), ct))
            .WithSummary("Cancels a follow-up not yet sent (its forum's organisers, officials).");
        followUps.MapGet("/me/notification-preferences", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetNotificationPreferences(), ct))
            .WithSummary("The language of the signed-in user's messages and the follow-up kinds turned off.");
        followUps.MapPut("/me/notification-preferences", (NotificationPreferences body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SetNotificationPreferences(body.Language, body.Muted ?? []), ct))
            .WithSummary("Sets the language of messages and the follow-up kinds turned off (e.g. [\"MeetingReminder24h\"]).");
        followUps.MapGet("/me/notifications", (IMediator mediator, CancellationToken ct, int take = 50) => mediator.Send(new ListMyNotifications(take), ct))
            .WithSummary("The signed-in user's notifications, newest first, with the unread count.");
        followUps.MapPost("/me/notifications/read", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { marked = await mediator.Send(new MarkNotificationsRead(), ct) }))
            .WithSummary("Marks the signed-in user's notifications read.");
    }
}
