using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// "Not interested" in a suggested firm, or a named exclusion (e.g. a competitor): either way the pair
/// is never suggested again, and a pair still only Suggested leaves the curation queue.
/// </summary>
[Authorize]
public sealed record ExcludeCompany(Guid CompanyId, Guid ExcludedCompanyId, ExclusionKind Kind) : ICommand<Unit>, IEditsCompany;

internal sealed class ExcludeCompanyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ExcludeCompany, Unit>
{
    public async Task<Unit> Handle(ExcludeCompany request, CancellationToken cancellationToken)
    {
        if (request.CompanyId == request.ExcludedCompanyId)
        {
            throw InputException.For("excludedCompanyId", "A firm cannot exclude itself.");
        }

        if (!await db.Companies.AnyAsync(c => c.Id == request.ExcludedCompanyId, cancellationToken))
        {
            throw InputException.For("excludedCompanyId", "There is no such firm.");
        }

        if (await db.CompanyExclusions.AnyAsync(e => e.CompanyId == request.CompanyId && e.ExcludedCompanyId == request.ExcludedCompanyId, cancellationToken))
        {
            return Unit.Value;
        }

        db.CompanyExclusions.Add(new CompanyExclusion
        {
            CompanyId = request.CompanyId, ExcludedCompanyId = request.ExcludedCompanyId, Kind = request.Kind,
            CreatedAt = clock.GetUtcNow().UtcDateTime, UserId = user.UserId,
        });
        var pair = new[] { request.CompanyId, request.ExcludedCompanyId };
        db.Suggestions.RemoveRange(await db.Suggestions
            .Where(s => pair.Contains(s.CompanyId) && pair.Contains(s.CounterpartId)).ToListAsync(cancellationToken));
        db.Matches.RemoveRange(await db.Matches
            .Where(m => m.Status == MatchStatus.Suggested && pair.Contains(m.CanadianCompanyId) && pair.Contains(m.KoreanCompanyId))
            .ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
