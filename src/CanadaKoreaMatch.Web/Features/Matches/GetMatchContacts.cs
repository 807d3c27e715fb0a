using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

public sealed record MatchContactDto(Guid CompanyId, string Name, string Email);

/// <summary>
/// Once officials have introduced two firms, each sees who represents the other (names and e-mail addresses), as the
/// introduction e-mail says; before that, nobody's. The two firms' representatives and the officials may read them.
/// </summary>
[Authorize]
public sealed record GetMatchContacts(Guid MatchId) : IQuery<IReadOnlyList<MatchContactDto>>, IViewsMatch;

internal sealed class GetMatchContactsHandler(AppDbContext db) : IRequestHandler<GetMatchContacts, IReadOnlyList<MatchContactDto>>
{
    private static readonly MatchStatus[] Introduced = [MatchStatus.Introduced, MatchStatus.Meeting, MatchStatus.Outcome];

    public async Task<IReadOnlyList<MatchContactDto>> Handle(GetMatchContacts request, CancellationToken cancellationToken)
    {
        var match = await db.Matches.AsNoTracking().Where(m => m.Id == request.MatchId)
            .Select(m => new { m.CanadianCompanyId, m.KoreanCompanyId, m.Status }).SingleAsync(cancellationToken);
        if (!Introduced.Contains(match.Status))
        {
            return [];
        }

        var people = await db.CompanyMembers.AsNoTracking().InRole(db)
            .Where(m => m.CompanyId == match.CanadianCompanyId || m.CompanyId == match.KoreanCompanyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.CompanyId, u.DisplayName, u.Email, u.LockoutEnd })
            .Where(c => c.Email != null)
            .ToListAsync(cancellationToken);
        return people.Where(c => !UserAccounts.IsDisabled(c.LockoutEnd)).OrderBy(c => c.DisplayName, StringComparer.Ordinal)
            .Select(c => new MatchContactDto(c.CompanyId, c.DisplayName, c.Email!)).ToList();
    }
}
