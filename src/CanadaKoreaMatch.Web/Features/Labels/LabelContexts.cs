using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Labels;

internal static class LabelContexts
{
    /// <summary>A firm's decision about a counterpart, with the score and rank of the counterpart in the firm's stored suggestions, if it is there.</summary>
    public static async Task<LabelContext> OfFirmAsync(AppDbContext db, Guid companyId, Guid counterpartId, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var shown = await db.Suggestions.AsNoTracking()
            .Where(s => s.CompanyId == companyId && s.CounterpartId == counterpartId)
            .Select(s => new { s.Score, s.Rank }).SingleOrDefaultAsync(cancellationToken);
        return new LabelContext(userId, now, shown?.Score, shown?.Rank);
    }
}
