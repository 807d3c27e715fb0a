using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Users;

/// <summary>
/// An administrator withdraws a role; the account's security stamp changes, so sessions and tokens that carry the role end.
/// Withdrawing the representative role also ends the person's memberships of firms: no more access, mail or links for them.
/// </summary>
[Authorize(Roles.Administrator)]
public sealed record WithdrawRole(string UserId, string Role) : ICommand<UserDto>;

internal sealed class WithdrawRoleValidator : AbstractValidator<WithdrawRole>
{
    public WithdrawRoleValidator() =>
        RuleFor(r => r.Role).Must(r => Roles.All.Contains(r)).WithRefusal("Role must be one of: {0}.", _ => string.Join(", ", Roles.All));
}

internal sealed class WithdrawRoleHandler(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, SecurityEvents events, TimeProvider clock) : IRequestHandler<WithdrawRole, UserDto>
{
    public async Task<UserDto> Handle(WithdrawRole request, CancellationToken cancellationToken)
    {
        var user = await UserAccounts.FindAsync(users, request.UserId);
        if (user.Id == currentUser.UserId && request.Role == Roles.Administrator)
        {
            throw new ConflictException("You cannot withdraw your own administrator role.");
        }

        if (!await users.IsInRoleAsync(user, request.Role))
        {
            throw new ConflictException("This person does not have this role.");
        }

        IdentityErrors.ThrowIfFailed(await users.RemoveFromRoleAsync(user, request.Role));
        if (request.Role == Roles.CompanyRepresentative)
        {
            await CalendarTokens.RevokeForFirmsOfAsync(db, user.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await db.CompanyMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        }

        IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await events.RecordAsync(SecurityEventKind.RoleWithdrawn, user.Id, request.Role, email: user.Email, cancellationToken: cancellationToken);
        return await UserAccounts.ToDtoAsync(users, user);
    }
}
