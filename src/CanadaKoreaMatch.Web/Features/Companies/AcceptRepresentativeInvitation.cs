using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>What an invitation link invites to, for the page that accepts it; null when the token is unknown, used or expired.</summary>
public sealed record FindRepresentativeInvitation(string Token) : IQuery<InvitationToAcceptDto?>;

/// <summary>
/// The signed-in person accepts an invitation with the token its e-mail carried: a confirmed company representative account,
/// not disabled, whose address is exactly the invited one, joins the firm, and the invitation is used up. Anything else changes nothing.
/// </summary>
[Authorize]
public sealed record AcceptRepresentativeInvitation(string Token) : ICommand<AcceptedInvitationDto>;

/// <summary>Whether the signed-in person represents the firm.</summary>
[Authorize]
public sealed record RepresentsFirm(Guid CompanyId) : IQuery<bool>;

public sealed record InvitationToAcceptDto(Guid CompanyId, string Firm, string Email, DateTime ExpiresAt);

public sealed record AcceptedInvitationDto(Guid CompanyId, string Firm);

public static class RepresentativeInvitationAcceptance
{
    public static ConflictException NotValid() =>
        new ConflictException("This invitation link is not valid: it is incomplete, was already used or withdrawn, or has expired. Ask the firm to invite you again.");

    /// <summary>
    /// Accepts the invitation; when another acceptance of it (the same link opened twice at once) saved first, the answer is the
    /// same as long as the signed-in person now represents the firm.
    /// </summary>
    public static async Task<AcceptedInvitationDto> AcceptAsync(IMediator mediator, string token, CancellationToken ct)
    {
        var invitation = await mediator.Send(new FindRepresentativeInvitation(token), ct);
        try
        {
            return await mediator.Send(new AcceptRepresentativeInvitation(token), ct);
        }
        catch (DbUpdateException e) when (invitation is not null && (e is DbUpdateConcurrencyException || UniqueViolation.Is(e)))
        {
            return await mediator.Send(new RepresentsFirm(invitation.CompanyId), ct)
                ? new AcceptedInvitationDto(invitation.CompanyId, invitation.Firm)
                : throw NotValid();
        }
    }
}

internal sealed class FindRepresentativeInvitationHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<FindRepresentativeInvitation, InvitationToAcceptDto?>
{
    public async Task<InvitationToAcceptDto?> Handle(FindRepresentativeInvitation request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token))
        {
            return null;
        }

        var hash = RepresentativeInvitation.HashOf(request.Token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.RepresentativeInvitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.ExpiresAt > now)
            .Join(db.Companies, i => i.CompanyId, c => c.Id, (i, c) => new InvitationToAcceptDto(i.CompanyId, c.Name, i.Email, i.ExpiresAt))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

internal sealed class AcceptRepresentativeInvitationHandler(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<AcceptRepresentativeInvitation, AcceptedInvitationDto>
{
    public async Task<AcceptedInvitationDto> Handle(AcceptRepresentativeInvitation request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Token))
        {
            throw RepresentativeInvitationAcceptance.NotValid();
        }

        var hash = RepresentativeInvitation.HashOf(request.Token);
        var named = await db.RepresentativeInvitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new { i.CompanyId, i.NormalizedEmail }).SingleOrDefaultAsync(cancellationToken)
            ?? throw RepresentativeInvitationAcceptance.NotValid();

        // The same lock as inviting the address: a renewal (a new token) or a second acceptance waits for this one.
        await RecordLocks.LockAsync(db, cancellationToken, "invitation", named.CompanyId, named.NormalizedEmail);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = await db.RepresentativeInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || invitation.ExpiresAt <= now)
        {
            throw RepresentativeInvitationAcceptance.NotValid();
        }

        var user = await users.FindByIdAsync(currentUser.RequireUserId());
        if (user is not { EmailConfirmed: true } || UserAccounts.IsDisabled(user.LockoutEnd) || !await users.IsInRoleAsync(user, Roles.CompanyRepresentative))
        {
            throw new ConflictException("Only a confirmed company representative account can accept this invitation.");
        }

        if (!invitation.IsFor(user.Email))
        {
            throw new ConflictException("This invitation is for {0}: sign in with the representative account of that address to accept it.", invitation.Email);
        }

        if (!await db.CompanyMembers.AnyAsync(m => m.CompanyId == invitation.CompanyId && m.UserId == user.Id, cancellationToken))
        {
            db.CompanyMembers.Add(new CompanyMember { CompanyId = invitation.CompanyId, UserId = user.Id, JoinedAt = now });
        }

        db.RepresentativeInvitations.Remove(invitation);
        await db.SaveChangesAsync(cancellationToken);
        var firm = await db.Companies.Where(c => c.Id == invitation.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        return new AcceptedInvitationDto(invitation.CompanyId, firm);
    }
}

internal sealed class RepresentsFirmHandler(AppDbContext db, ICurrentUser currentUser) : IRequestHandler<RepresentsFirm, bool>
{
    public Task<bool> Handle(RepresentsFirm request, CancellationToken cancellationToken) =>
        Representatives.RepresentsAsync(db, currentUser.RequireUserId(), request.CompanyId, cancellationToken);
}
