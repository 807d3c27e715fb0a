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
        followUps.MapGet("/me/notifications", (IMediator mediator, CancellationToken ct, int take = 50) => mediator.Send(new ListMyNotifications(take), ct))
            .WithSummary("The signed-in user's notifications, newest first, with the unread count.");
        followUps.MapPost("/me/notifications/read", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { marked = await mediator.Send(new MarkNotificationsRead(), ct) }))
            .WithSummary("Marks the signed-in user's notifications read.");
    }
}
