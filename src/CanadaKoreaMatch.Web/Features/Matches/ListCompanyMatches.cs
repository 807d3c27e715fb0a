using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>
/// A firm's introductions in progress (requested or further along), for its representatives, with the firm's own reading of
/// each pair as the score: the pair score may rest on the other firm's reading alone. A request from a firm this firm set aside
/// is not listed until officials introduce the two, which they do not (<see cref="ChangeMatchStatusHandler.SetAside"/>).
/// </summary>
[Authorize]
public sealed record ListCompanyMatches(Guid CompanyId) : IQuery<IReadOnlyList<MatchRow>>, IReadsCompanyPrivate;

internal sealed class ListCompanyMatchesHandler(AppDbContext db) : IRequestHandler<ListCompanyMatches, IReadOnlyList<MatchRow>>
{
    private static readonly MatchStatus[] BeforeIntroduction = [MatchStatus.Requested, MatchStatus.UnderReview, MatchStatus.Approved, MatchStatus.Rejected];

    public async Task<IReadOnlyList<MatchRow>> Handle(ListCompanyMatches request, CancellationToken cancellationToken) =>
        await (from m in db.Matches.AsNoTracking()
               where (m.CanadianCompanyId == request.CompanyId || m.KoreanCompanyId == request.CompanyId) && m.Status != MatchStatus.Suggested
               where !(BeforeIntroduction.Contains(m.Status) && m.RequestedByCompanyId != request.CompanyId
                   && db.CompanyExclusions.Any(e => e.CompanyId == request.CompanyId && e.ExcludedCompanyId == m.RequestedByCompanyId))
               join ca in db.Companies on m.CanadianCompanyId equals ca.Id
               join kr in db.Companies on m.KoreanCompanyId equals kr.Id
               let own = db.Suggestions.Where(s => s.CompanyId == request.CompanyId
                       && s.CounterpartId == (m.CanadianCompanyId == request.CompanyId ? m.KoreanCompanyId : m.CanadianCompanyId))
                   .Select(s => (double?)s.Score).FirstOrDefault()
               orderby m.StatusChangedAt descending
               select new MatchRow(m.Id, new FirmRef(ca.Id, ca.Name, ca.Country), new FirmRef(kr.Id, kr.Name, kr.Country),
                   m.Status.ToString(), own, m.Domain, m.StatusChangedAt, m.RequestedByCompanyId != null))
            .ToListAsync(cancellationToken);
}
