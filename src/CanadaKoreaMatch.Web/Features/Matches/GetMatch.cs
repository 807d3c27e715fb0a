using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>
/// One match: officials see everything, both firms' readings of the pair among it; the two firms' representatives see it without
/// the officials' notes, with their own firm's reading only, and with the other firm's people named by their firm in the history.
/// </summary>
[Authorize]
public sealed record GetMatch(Guid MatchId) : IQuery<MatchDto>, IViewsMatch;

internal sealed class GetMatchHandler(AppDbContext db, ICurrentUser user) : IRequestHandler<GetMatch, MatchDto>
{
    public async Task<MatchDto> Handle(GetMatch request, CancellationToken cancellationToken)
    {
        var pair = await db.Matches.Where(m => m.Id == request.MatchId)
            .Select(m => new { m.CanadianCompanyId, m.KoreanCompanyId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The match");
        var ownFirm = await db.CompanyMembers.InRole(db)
            .Where(m => m.UserId == user.UserId && (m.CompanyId == pair.CanadianCompanyId || m.CompanyId == pair.KoreanCompanyId))
            .Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken);
        var official = user.IsOfficialOrAdministrator();
        var match = await MatchLoader.LoadAsync(db, request.MatchId, forOfficials: official, cancellationToken, reader: official ? null : ownFirm);
        if (ownFirm is not { } id)
        {
            return match;
        }

        // An official who also represents one of the firms curates both sides: both readings stay.
        var seen = match.AsSeenBy(id);
        return official ? seen with { CanadianScore = match.CanadianScore, KoreanScore = match.KoreanScore } : seen;
    }
}
