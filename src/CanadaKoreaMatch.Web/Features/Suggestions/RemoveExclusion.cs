using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// Takes back "not interested" or an exclusion by name: the firm may be suggested again at the next refresh. The "not interested"
/// label stays in the history; the label export counts it only while the exclusion stands (decision 015).
/// </summary>
public sealed record RemoveExclusion(Guid CompanyId, Guid ExcludedCompanyId) : ICommand<Unit>, IEditsCompany;

internal sealed class RemoveExclusionHandler(AppDbContext db) : IRequestHandler<RemoveExclusion, Unit>
{
    public async Task<Unit> Handle(RemoveExclusion request, CancellationToken cancellationToken)
    {
        await RecordLocks.LockAsync(db, cancellationToken, "exclusion", request.CompanyId, request.ExcludedCompanyId);
        var exclusion = await db.CompanyExclusions
            .SingleOrDefaultAsync(e => e.CompanyId == request.CompanyId && e.ExcludedCompanyId == request.ExcludedCompanyId, cancellationToken)
            ?? throw new NotFoundException("The exclusion");
        db.CompanyExclusions.Remove(exclusion);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
