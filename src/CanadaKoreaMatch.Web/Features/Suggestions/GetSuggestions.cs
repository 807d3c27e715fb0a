using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>A firm's stored suggestions, best first, without excluded or "not interested" firms; optional filters narrow them.</summary>
[Authorize]
public sealed record GetSuggestions(Guid CompanyId, int Top = 20, string? Domain = null, string? Programme = null, string? Mode = null)
    : IQuery<IReadOnlyList<SuggestionDto>>, IReadsCompanyPrivate, ISuggestionView;

public sealed record SuggestionDto(
    Guid CompanyId, string Name, string Country, string Region, string Size, double Score, IReadOnlyList<ReasonDto> Reasons,
    IReadOnlyList<string> Programmes, IReadOnlyList<string> Modes, Guid? MatchId, string? MatchStatus);

internal sealed class GetSuggestionsValidator : SuggestionViewValidator<GetSuggestions>;

internal sealed class GetSuggestionsHandler(AppDbContext db) : IRequestHandler<GetSuggestions, IReadOnlyList<SuggestionDto>>
{
    public async Task<IReadOnlyList<SuggestionDto>> Handle(GetSuggestions request, CancellationToken cancellationToken)
    {
        var counterparts = await Counterparts.OfAsync(db, request.CompanyId, cancellationToken);
        var excluded = counterparts.Excluded;
        var rows = await db.Suggestions.AsNoTracking()
            .Where(s => s.CompanyId == request.CompanyId && !excluded.Contains(s.CounterpartId))
            .Join(db.Companies.Where(c => c.VerifiedAt != null), s => s.CounterpartId, c => c.Id, (s, c) => new { s, c })
            .OrderBy(x => x.s.Rank)
            .Select(x => new { x.s.CounterpartId, x.s.Score, x.s.ReasonsJson, x.c.Name, x.c.Country, x.c.Region, x.c.Size, x.c.Programmes, x.c.Modes })
            .ToListAsync(cancellationToken);
        var filter = SuggestionFilter.Of(request);

        return rows
            .Select(r => new { Row = r, Reasons = ReasonDto.Parse(r.ReasonsJson) })
            .Where(x => filter.Keeps(x.Reasons, x.Row.Programmes, x.Row.Modes))
            .Take(request.Top)
            .Select(x =>
            {
                var (matchId, status) = counterparts.MatchWith(x.Row.CounterpartId);
                return new SuggestionDto(x.Row.CounterpartId, x.Row.Name, x.Row.Country, x.Row.Region, Counterparts.SizeCode(x.Row.Size),
                    x.Row.Score, x.Reasons, x.Row.Programmes, x.Row.Modes, matchId, status);
            })
            .ToList();
    }
}
