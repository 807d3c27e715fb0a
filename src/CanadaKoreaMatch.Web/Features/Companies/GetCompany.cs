using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

public sealed record GetCompany(Guid CompanyId) : IQuery<CompanyView>, IViewsCompany;

/// <summary>
/// A firm as one caller sees it: <see cref="CanEdit"/> says whether this caller may change it, <see cref="CanDecideVerification"/> whether it
/// may verify it or withhold its verification; <see cref="Invitations"/> (pending invitations to represent it) are given only to those who may change it.
/// </summary>
public sealed record CompanyView(CompanyDto Company, bool CanEdit, bool CanDecideVerification, IReadOnlyList<RepresentativeDto> Representatives,
    IReadOnlyList<RepresentativeInvitationDto> Invitations);

public sealed record RepresentativeDto(string UserId, string DisplayName, string Email);

internal sealed class GetCompanyHandler(AppDbContext db, ICurrentUser user, CompanyAccess access, TimeProvider clock) : IRequestHandler<GetCompany, CompanyView>
{
    public async Task<CompanyView> Handle(GetCompany request, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().Include(c => c.Capabilities)
            .SingleOrDefaultAsync(c => c.Id == request.CompanyId, cancellationToken)
            ?? throw new NotFoundException("The firm");
        var isMember = await access.IsMemberAsync(company.Id, cancellationToken);
        var canEdit = isMember || user.IsInRole(Domain.Roles.Administrator);
        var representatives = isMember || user.IsOfficialOrAdministrator()
            ? await db.CompanyMembers.Where(m => m.CompanyId == company.Id)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new RepresentativeDto(u.Id, u.DisplayName, u.Email!))
                .ToListAsync(cancellationToken)
            : [];
        var invitations = canEdit ? await PendingInvitations.OfAsync(db, company.Id, clock.GetUtcNow().UtcDateTime, cancellationToken) : [];
        var dto = CompanyDto.From(company);
        return new CompanyView(user.IsAuthenticated ? dto : dto.ForVisitors(), canEdit, user.IsOfficialOrAdministrator(), representatives, invitations);
    }
}
