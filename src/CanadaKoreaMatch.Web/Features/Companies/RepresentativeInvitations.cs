using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>The invitations of a firm still waiting for their address to be confirmed (the firm's representatives, administrators).</summary>
[Authorize]
public sealed record ListRepresentativeInvitations(Guid CompanyId) : IQuery<IReadOnlyList<RepresentativeInvitationDto>>, IEditsCompany;

/// <summary>A representative (or an administrator) withdraws an invitation: its address no longer joins the firm.</summary>
[Authorize]
public sealed record WithdrawRepresentativeInvitation(Guid CompanyId, Guid InvitationId) : ICommand<Unit>, IEditsCompany;

/// <summary>
/// The owner of a confirmed representative account joins every firm that invited its address and whose invitation has not
/// expired; the invitations are then used up. Sent once the address is confirmed; it grants nothing to an unconfirmed address.
/// </summary>
public sealed record JoinInvitingFirms(string UserId) : ICommand<int>;

public sealed record RepresentativeInvitationDto(Guid Id, string Email, string? InvitedBy, DateTime InvitedAt, DateTime ExpiresAt);

internal static class PendingInvitations
{
    public static Task<List<RepresentativeInvitationDto>> OfAsync(AppDbContext db, Guid companyId, DateTime now, CancellationToken cancellationToken) =>
        (from i in db.RepresentativeInvitations.AsNoTracking()
         where i.CompanyId == companyId && i.ExpiresAt > now
         join u in db.Users on i.InvitedByUserId equals u.Id into inviters
         from u in inviters.DefaultIfEmpty()
         orderby i.InvitedAt descending
         select new RepresentativeInvitationDto(i.Id, i.Email, u == null ? null : u.DisplayName, i.InvitedAt, i.ExpiresAt))
        .ToListAsync(cancellationToken);
}

internal sealed class ListRepresentativeInvitationsHandler(AppDbContext db, TimeProvider clock)
    : IRequestHandler<ListRepresentativeInvitations, IReadOnlyList<RepresentativeInvitationDto>>
{
    public async Task<IReadOnlyList<RepresentativeInvitationDto>> Handle(ListRepresentativeInvitations request, CancellationToken cancellationToken) =>
        await PendingInvitations.OfAsync(db, request.CompanyId, clock.GetUtcNow().UtcDateTime, cancellationToken);
}

internal sealed class WithdrawRepresentativeInvitationHandler(AppDbContext db) : IRequestHandler<WithdrawRepresentativeInvitation, Unit>
{
    public async Task<Unit> Handle(WithdrawRepresentativeInvitation request, CancellationToken cancellationToken)
    {
        var invitation = await db.RepresentativeInvitations
            .SingleOrDefaultAsync(i => i.Id == request.InvitationId && i.CompanyId == request.CompanyId, cancellationToken)
            ?? throw new NotFoundException("The invitation");
        db.RepresentativeInvitations.Remove(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal sealed class JoinInvitingFirmsHandler(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : IRequestHandler<JoinInvitingFirms, int>
{
    public async Task<int> Handle(JoinInvitingFirms request, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.UserId) is not { EmailConfirmed: true, NormalizedEmail: { } address } user
            || !await users.IsInRoleAsync(user, Roles.CompanyRepresentative))
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = await db.RepresentativeInvitations.Where(i => i.NormalizedEmail == address && i.ExpiresAt > now).ToListAsync(cancellationToken);
        var firms = invitations.Select(i => i.CompanyId).ToList();
        var already = await db.CompanyMembers.Where(m => m.UserId == user.Id && firms.Contains(m.CompanyId)).Select(m => m.CompanyId).ToListAsync(cancellationToken);
        var joined = firms.Except(already).ToList();
        db.CompanyMembers.AddRange(joined.Select(firm => new CompanyMember { CompanyId = firm, UserId = user.Id, JoinedAt = now }));
        db.RepresentativeInvitations.RemoveRange(invitations);
        await db.SaveChangesAsync(cancellationToken);
        return joined.Count;
    }
}
