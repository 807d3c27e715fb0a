using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>
/// "Firms looking for what you offer": the verified firms whose own suggestions hold this firm, those it meets best
/// first, with their reasons as this firm reads them. A supplier's customers seldom meet the supplier's needs, so they
/// rank low in its own list (each list answers its owner's needs first); here they come first. The other firm's
/// reading stays its own: no score, and each reason's contribution only by its sign. An unverified firm is in no list,
/// so its view is empty, also before the lists that held it are refreshed after a withdrawn verification.
/// </summary>
[Authorize]
public sealed record GetFirmsLookingForYou(Guid CompanyId, int Top = 20, string? Domain = null, string? Programme = null, string? Mode = null)
    : IQuery<IReadOnlyList<LookingForYouDto>>, IReadsCompanyPrivate, ISuggestionView;

/// <summary><see cref="InYourSuggestions"/>: the firm is also among this firm's own suggested partners.</summary>
public sealed record LookingForYouDto(
    Guid CompanyId, string Name, string Country, string Region, string Size, IReadOnlyList<ReasonDto> Reasons,
    IReadOnlyList<string> Programmes, IReadOnlyList<string> Modes, bool InYourSuggestions, Guid? MatchId, string? MatchStatus);

internal sealed class GetFirmsLookingForYouValidator : SuggestionViewValidator<GetFirmsLookingForYou>;

internal sealed class GetFirmsLookingForYouHandler(AppDbContext db) : IRequestHandler<GetFirmsLookingForYou, IReadOnlyList<LookingForYouDto>>
{
    public async Task<IReadOnlyList<LookingForYouDto>> Handle(GetFirmsLookingForYou request, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == request.CompanyId && c.VerifiedAt != null, cancellationToken))
        {
            return [];
        }

        var counterparts = await Counterparts.OfAsync(db, request.CompanyId, cancellationToken);
        var excluded = counterparts.Excluded;
        var filter = SuggestionFilter.Of(request);
        var listing = db.Suggestions.AsNoTracking()
            .Where(s => s.CounterpartId == request.CompanyId && !excluded.Contains(s.CompanyId))
            .Join(db.Companies.Where(c => c.VerifiedAt != null), s => s.CompanyId, c => c.Id, (s, c) => new { s, c })
            .OrderByDescending(x => x.s.Score).ThenBy(x => x.c.Name)
            .Select(x => new { x.s.CompanyId, x.s.ReasonsJson, x.c.Name, x.c.Country, x.c.Region, x.c.Size, x.c.Programmes, x.c.Modes });
        var rows = await (filter.IsEmpty ? listing.Take(request.Top) : listing).ToListAsync(cancellationToken);
        var own = (await db.Suggestions.Where(s => s.CompanyId == request.CompanyId).Select(s => s.CounterpartId).ToListAsync(cancellationToken)).ToHashSet();

        return rows
            .Select(r => new { Row = r, Reasons = SignsOnly(ReasonDto.AsSeenByOther(ReasonDto.Parse(r.ReasonsJson))) })
            .Where(x => filter.Keeps(x.Reasons, x.Row.Programmes, x.Row.Modes))
            .Take(request.Top)
            .Select(x =>
            {
                var (matchId, status) = counterparts.MatchWith(x.Row.CompanyId);
                return new LookingForYouDto(x.Row.CompanyId, x.Row.Name, x.Row.Country, x.Row.Region, Counterparts.SizeCode(x.Row.Size),
                    x.Reasons, x.Row.Programmes, x.Row.Modes, own.Contains(x.Row.CompanyId), matchId, status);
            })
            .ToList();
    }

    private static IReadOnlyList<ReasonDto> SignsOnly(IEnumerable<ReasonDto> reasons) =>
        [.. reasons.Select(r => r with { Contribution = Math.Sign(r.Contribution) })];
}
