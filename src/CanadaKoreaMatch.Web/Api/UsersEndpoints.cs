using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Features.Users;
using MediatR;

namespace CanadaKoreaMatch.Web.Api;

internal static class UsersEndpoints
{
    public static void MapUsersEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(IdentitySetup.ApiPolicy);

        users.MapGet("/", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListUsers(), ct))
            .WithSummary("Every account with its roles and whether it is disabled (administrators).");

        users.MapPost("/invitations", async (InviteUser command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await mediator.Send(command, ct)))
            .WithSummary("Invites a trade official, forum organiser or administrator (administrators). The answer does not say whether the address already has an account.");

        users.MapPost("/{userId}/disable", (string userId, IMediator mediator, CancellationToken ct) => mediator.Send(new DisableUser(userId), ct))
            .WithSummary("Disables an account at once: its sign-ins fail and its sessions and tokens end (administrators).");

        users.MapPost("/{userId}/enable", (string userId, IMediator mediator, CancellationToken ct) => mediator.Send(new EnableUser(userId), ct))
            .WithSummary("Gives a disabled account its access back (administrators).");

        users.MapDelete("/{userId}/roles/{role}", (string userId, string role, IMediator mediator, CancellationToken ct) => mediator.Send(new WithdrawRole(userId, role), ct))
            .WithSummary("Withdraws a role at once; the account's sessions and tokens end (administrators).");
    }
}
