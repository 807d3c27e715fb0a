using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Features.Users;

/// <summary>
/// An administrator disables an account: it is locked until <see cref="UserAccounts.DisabledUntil"/> and its security stamp
/// changes, so its sign-ins fail and its sessions and tokens end, and so do the calendar addresses of the firms it represents
/// and its e-mailed feedback links.
/// </summary>
[Authorize(Roles.Administrator)]
public sealed record DisableUser(string UserId) : ICommand<UserDto>;

/// <summary>An administrator gives a disabled account its access back.</summary>
[Authorize(Roles.Administrator)]
public sealed record EnableUser(string UserId) : ICommand<UserDto>;

public static class UserAccounts
{
    /// <summary>The lockout end that marks a disabled account (a lockout after failed sign-ins lasts minutes).</summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd >= DisabledUntil;

    public static async Task<AppUser> FindAsync(UserManager<AppUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new NotFoundException("The account");

    public static async Task<UserDto> ToDtoAsync(UserManager<AppUser> users, AppUser user) =>
        new(user.Id, user.DisplayName, user.Email!, user.Organisation, [.. await users.GetRolesAsync(user)], user.EmailConfirmed, IsDisabled(user.LockoutEnd));
}

internal sealed class DisableUserHandler(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, SecurityEvents events, TimeProvider clock) : IRequestHandler<DisableUser, UserDto>
{
    public async Task<UserDto> Handle(DisableUser request, CancellationToken cancellationToken)
    {
        var user = await UserAccounts.FindAsync(users, request.UserId);
        if (user.Id == currentUser.UserId)
        {
            throw new ConflictException("You cannot disable your own account.");
        }

        if (!UserAccounts.IsDisabled(user.LockoutEnd))
        {
            IdentityErrors.ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true));
            IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, UserAccounts.DisabledUntil));
            IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            await CalendarTokens.RevokeForFirmsOfAsync(db, user.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await events.RecordAsync(SecurityEventKind.Disabled, user.Id, email: user.Email, cancellationToken: cancellationToken);
        }

        return await UserAccounts.ToDtoAsync(users, user);
    }
}

internal sealed class EnableUserHandler(UserManager<AppUser> users, SecurityEvents events) : IRequestHandler<EnableUser, UserDto>
{
    public async Task<UserDto> Handle(EnableUser request, CancellationToken cancellationToken)
    {
        var user = await UserAccounts.FindAsync(users, request.UserId);
        if (UserAccounts.IsDisabled(user.LockoutEnd))
        {
            IdentityErrors.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            IdentityErrors.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
            await events.RecordAsync(SecurityEventKind.Enabled, user.Id, email: user.Email, cancellationToken: cancellationToken);
        }

        return await UserAccounts.ToDtoAsync(users, user);
    }
}
