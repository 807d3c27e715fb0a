using System.Globalization;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Users;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>
/// A representative (or an administrator) adds a colleague by e-mail address. A confirmed representative account with that
/// address that is not disabled joins the firm; any other address is invited: it is e-mailed a link with a secret token, and the
/// confirmed representative account of that address, signed in, accepts it within <see cref="RepresentativeInvitation.Lifetime"/>
/// (<see cref="AcceptRepresentativeInvitation"/>). The answer is the same either way, so it tells nobody which addresses have accounts.
/// </summary>
[Authorize]
public sealed record AddRepresentative(Guid CompanyId, string Email) : ICommand<RepresentativeRequestDto>, IEditsCompany;

public sealed record RepresentativeRequestDto(string Email, string Message);

internal sealed class AddRepresentativeValidator : AbstractValidator<AddRepresentative>
{
    public AddRepresentativeValidator() => RuleFor(r => r.Email).NotEmpty().EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
}

internal sealed class AddRepresentativeHandler(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, IEmailOutbox outbox, PublicUrls urls, TimeProvider clock)
    : IRequestHandler<AddRepresentative, RepresentativeRequestDto>
{
    public const string Done = "If this address belongs to a representative account, that person now represents the firm; if not, we e-mailed them an invitation: they join the firm once they sign up, confirm this address and open the invitation link.";

    public async Task<RepresentativeRequestDto> Handle(AddRepresentative request, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = users.NormalizeEmail(email);
        await RecordLocks.LockAsync(db, cancellationToken, "invitation", request.CompanyId, normalized);
        // Identity's normalised address takes kim@fırm.com for kim@firm.com: only the account of exactly this address counts.
        var user = await users.FindByEmailAsync(email) is { } found && RepresentativeInvitation.SameAddress(found.Email, email) ? found : null;
        if (user is not { EmailConfirmed: true } || UserAccounts.IsDisabled(user.LockoutEnd) || !await users.IsInRoleAsync(user, Roles.CompanyRepresentative))
        {
            await InviteAsync(request.CompanyId, email, normalized, user, now, cancellationToken);
            return new RepresentativeRequestDto(email, Done);
        }

        if (await db.CompanyMembers.AnyAsync(m => m.CompanyId == request.CompanyId && m.UserId == user.Id, cancellationToken))
        {
            throw new ConflictException("This person already represents the firm.");
        }

        db.CompanyMembers.Add(new CompanyMember { CompanyId = request.CompanyId, UserId = user.Id, JoinedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return new RepresentativeRequestDto(email, Done);
    }

    private async Task InviteAsync(Guid companyId, string email, string normalized, AppUser? user, DateTime now, CancellationToken cancellationToken)
    {
        var inviterId = currentUser.RequireUserId();
        var invitation = await db.RepresentativeInvitations.SingleOrDefaultAsync(i => i.CompanyId == companyId && i.NormalizedEmail == normalized, cancellationToken);
        if (invitation is null)
        {
            invitation = new RepresentativeInvitation { Id = Guid.NewGuid(), CompanyId = companyId, NormalizedEmail = normalized };
            db.RepresentativeInvitations.Add(invitation);
        }

        var token = invitation.Renew(email, inviterId, now);
        await db.SaveChangesAsync(cancellationToken);

        var firm = await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleAsync(cancellationToken);
        var inviter = await users.FindByIdAsync(inviterId);
        await outbox.EnqueueAsync(new Email(user?.Email ?? email, user?.Language ?? inviter?.Language ?? "en", "representative-invitation",
            new Dictionary<string, object?>
            {
                ["firm"] = firm, ["inviter"] = inviter?.DisplayName, ["link"] = urls.Page("/Account/AcceptRepresentativeInvitation", new { token }),
                ["expires"] = invitation.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }), cancellationToken);
    }
}
