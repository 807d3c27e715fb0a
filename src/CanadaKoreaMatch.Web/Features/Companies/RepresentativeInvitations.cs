using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>The invitations of a firm still waiting to be accepted (the firm's representatives, administrators).</summary>
[Authorize]
public sealed record ListRepresentativeInvitations(Guid CompanyId) : IQuery<IReadOnlyList<RepresentativeInvitationDto>>, IEditsCompany;

/// <summary>A representative (or an administrator) withdraws an invitation: its address no longer joins the firm.</summary>
[Authorize]
public sealed record WithdrawRepresentativeInvitation(Guid CompanyId, Guid InvitationId) : ICommand<Unit>, IEditsCompany;

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
