using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>One match: officials see everything; the two firms' representatives see it without the officials' notes.</summary>
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
        return ownFirm is { } id ? match.AsSeenBy(id) : match;
    }
}
