using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Labels;

internal static class LabelContexts
{
    /// <summary>
    /// A firm's decision about a counterpart, with where the firm was shown it: in its own stored suggestions (the score and
    /// place it read there), else among the firms looking for what it offers (the place on that tab, which shows no score).
    /// </summary>
    public static async Task<LabelContext> OfFirmAsync(AppDbContext db, Guid companyId, Guid counterpartId, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var shown = await db.Suggestions.AsNoTracking()
            .Where(s => s.CompanyId == companyId && s.CounterpartId == counterpartId)
            .Select(s => new { s.Score, s.Rank }).SingleOrDefaultAsync(cancellationToken);
        if (shown is not null)
        {
            return new LabelContext(userId, now, shown.Score, shown.Rank, ListedIn.Suggestions);
        }

        var place = await GetFirmsLookingForYouHandler.PlaceOfAsync(db, companyId, counterpartId, cancellationToken);
        return new LabelContext(userId, now, null, place, place is null ? null : ListedIn.LookingForYou);
    }
}
