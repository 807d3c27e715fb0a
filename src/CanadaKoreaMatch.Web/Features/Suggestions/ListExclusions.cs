using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// The firms this firm set aside ("not interested" or excluded by name), newest first, so that it can take one back. A firm whose
/// verification was withdrawn since is left out for its representatives, as everywhere else, and back once verified again; the exclusion stands meanwhile.
/// </summary>
public sealed record ListExclusions(Guid CompanyId) : IQuery<IReadOnlyList<ExclusionDto>>, IReadsCompanyPrivate;

public sealed record ExclusionDto(Guid ExcludedCompanyId, string Name, string Kind, DateTime Since);

internal sealed class ListExclusionsHandler(AppDbContext db, CompanyAccess access) : IRequestHandler<ListExclusions, IReadOnlyList<ExclusionDto>>
{
    public async Task<IReadOnlyList<ExclusionDto>> Handle(ListExclusions request, CancellationToken cancellationToken) =>
        (await db.CompanyExclusions.AsNoTracking().Where(e => e.CompanyId == request.CompanyId)
            .Join(access.Visible(db.Companies), e => e.ExcludedCompanyId, c => c.Id, (e, c) => new { e.ExcludedCompanyId, c.Name, e.Kind, e.CreatedAt })
            .OrderByDescending(e => e.CreatedAt).ToListAsync(cancellationToken))
        .Select(e => new ExclusionDto(e.ExcludedCompanyId, e.Name, e.Kind.ToString(), e.CreatedAt)).ToList();
}
