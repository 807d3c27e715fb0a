using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

internal static class MatchPairs
{
    /// <summary>The match of a Canadian–Korean pair, created as Suggested (with the stored suggestion's score and reasons) when the pair has none yet.</summary>
    public static async Task<Match> FindOrSuggestAsync(AppDbContext db, Guid ownId, Guid otherId, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var countries = await db.Companies.Where(c => c.Id == ownId || c.Id == otherId).ToDictionaryAsync(c => c.Id, c => c.Country, cancellationToken);
        var (ca, kr) = countries[ownId] == Countries.Canada ? (ownId, otherId) : (otherId, ownId);
        var match = await db.Matches.Include(m => m.History).SingleOrDefaultAsync(m => m.CanadianCompanyId == ca && m.KoreanCompanyId == kr, cancellationToken);
        if (match is not null)
        {
            return match;
        }

        var suggestion = await db.Suggestions.Where(s => s.CompanyId == ownId && s.CounterpartId == otherId).SingleOrDefaultAsync(cancellationToken);
        match = new Match
        {
            Id = Guid.NewGuid(), CanadianCompanyId = ca, KoreanCompanyId = kr, Status = MatchStatus.Suggested,
            Score = suggestion?.Score ?? 0, ReasonsJson = suggestion is null ? "[]" : ReasonDto.SerializeForCanadian(ReasonDto.Parse(suggestion.ReasonsJson), countries[ownId]),
            Domain = ReasonDomains.MainOf(suggestion?.ReasonsJson), CreatedAt = now, StatusChangedAt = now, UpdatedAt = now,
        };
        match.History.Add(new MatchStatusChange { To = MatchStatus.Suggested, At = now, UserId = userId });
        db.Matches.Add(match);
        return match;
    }
}
