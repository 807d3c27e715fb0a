using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using MediatR;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>One match: officials see everything; the two firms' representatives see it without the officials' notes.</summary>
[Authorize]
public sealed record GetMatch(Guid MatchId) : IQuery<MatchDto>, IViewsMatch;

internal sealed class GetMatchHandler(AppDbContext db, ICurrentUser user) : IRequestHandler<GetMatch, MatchDto>
{
    public Task<MatchDto> Handle(GetMatch request, CancellationToken cancellationToken) =>
        MatchLoader.LoadAsync(db, request.MatchId, includeNotes: user.IsOfficialOrAdministrator(), cancellationToken);
}
