using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>
/// One match: officials see everything, both firms' readings of the pair among it; the two firms' representatives see it without
/// the officials' notes and with their own firm's reading only.
/// </summary>
[Authorize]
public sealed record GetMatch(Guid MatchId) : IQuery<MatchDto>, IViewsMatch;

internal sealed class GetMatchHandler(AppDbContext db, ICurrentUser user) : IRequestHandler<GetMatch, MatchDto>
{
    public async Task<MatchDto> Handle(GetMatch request, CancellationToken cancellationToken)
    {
        var match = await MatchLoader.LoadAsync(db, request.MatchId, includeNotes: user.IsOfficialOrAdministrator(), cancellationToken);
        var ownFirm = await db.CompanyMembers.InRole(db)
            .Where(m => m.UserId == user.UserId && (m.CompanyId == match.Canadian.Id || m.CompanyId == match.Korean.Id))
            .Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken);
        if (ownFirm is not { } id)
        {
            return match;
        }

        // An official who also represents one of the firms curates both sides: both readings stay.
        var seen = match.AsSeenBy(id);
        return user.IsOfficialOrAdministrator() ? seen with { CanadianScore = match.CanadianScore, KoreanScore = match.KoreanScore } : seen;
    }
}
