using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

internal static class MatchPairs
{
    /// <summary>
    /// A pair's score in the curation queue, which serves both firms at once: the mean of the two firms' readings
    /// (each list ranks by its own firm's needs), or the one reading when the other is unknown.
    /// </summary>
    public static double PairScore(double reading, double? otherReading) => Math.Round((reading + (otherReading ?? reading)) / 2, 1);

    /// <summary>
    /// The match of a Canadian–Korean pair, created as Suggested when the pair has none yet: with the reasons of the
    /// firm that acts (or, when only the other firm's list holds the pair, the other's, turned to the Canadian side) and the
    /// <see cref="PairScore"/> of the two firms' stored readings of the pair.
    /// </summary>
    public static async Task<Match> FindOrSuggestAsync(AppDbContext db, Guid ownId, Guid otherId, string? userId, DateTime now, CancellationToken cancellationToken)
    {
        var countries = await db.Companies.Where(c => c.Id == ownId || c.Id == otherId).ToDictionaryAsync(c => c.Id, c => c.Country, cancellationToken);
        var (ca, kr) = countries[ownId] == Countries.Canada ? (ownId, otherId) : (otherId, ownId);
        await RecordLocks.LockAsync(db, cancellationToken, "match", ca, kr);
        var match = await db.Matches.Include(m => m.History).SingleOrDefaultAsync(m => m.CanadianCompanyId == ca && m.KoreanCompanyId == kr, cancellationToken);
        if (match is not null)
        {
            return match;
        }

        var readings = await db.Suggestions.Where(s => (s.CompanyId == ownId && s.CounterpartId == otherId) || (s.CompanyId == otherId && s.CounterpartId == ownId))
            .ToListAsync(cancellationToken);
        var suggestion = readings.SingleOrDefault(s => s.CompanyId == ownId) ?? readings.SingleOrDefault();
        var score = readings.Count == 0 ? 0 : PairScore(readings[0].Score, readings.Count > 1 ? readings[1].Score : null);
        match = new Match
        {
            Id = Guid.NewGuid(), CanadianCompanyId = ca, KoreanCompanyId = kr, Status = MatchStatus.Suggested,
            Score = score, ReasonsJson = suggestion is null ? "[]" : ReasonDto.SerializeForCanadian(ReasonDto.Parse(suggestion.ReasonsJson), countries[suggestion.CompanyId]),
            Domain = ReasonDomains.MainOf(suggestion?.ReasonsJson), CreatedAt = now, StatusChangedAt = now, UpdatedAt = now,
        };
        match.History.Add(new MatchStatusChange { To = MatchStatus.Suggested, At = now, UserId = userId });
        db.Matches.Add(match);
        return match;
    }
}
