using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>A firm's stored suggestions, best first, without excluded or "not interested" firms; optional filters narrow them.</summary>
[Authorize]
public sealed record GetSuggestions(Guid CompanyId, int Top = 20, string? Domain = null, string? Programme = null, string? Mode = null)
    : IQuery<IReadOnlyList<SuggestionDto>>, IReadsCompanyPrivate;

public sealed record SuggestionDto(
    Guid CompanyId, string Name, string Country, string Region, string Size, double Score, IReadOnlyList<ReasonDto> Reasons,
    IReadOnlyList<string> Programmes, IReadOnlyList<string> Modes, Guid? MatchId, string? MatchStatus);

internal sealed class GetSuggestionsValidator : AbstractValidator<GetSuggestions>
{
    public GetSuggestionsValidator()
    {
        RuleFor(q => q.Top).InclusiveBetween(1, SuggestionRecomputer.StoredTop);
        RuleFor(q => q.Domain).MaximumLength(8);
        RuleFor(q => q.Programme).MaximumLength(32);
        RuleFor(q => q.Mode).MaximumLength(32);
    }
}

internal sealed class GetSuggestionsHandler(AppDbContext db) : IRequestHandler<GetSuggestions, IReadOnlyList<SuggestionDto>>
{
    public async Task<IReadOnlyList<SuggestionDto>> Handle(GetSuggestions request, CancellationToken cancellationToken)
    {
        var excluded = await db.CompanyExclusions
            .Where(e => e.CompanyId == request.CompanyId || e.ExcludedCompanyId == request.CompanyId)
            .Select(e => e.CompanyId == request.CompanyId ? e.ExcludedCompanyId : e.CompanyId)
            .ToListAsync(cancellationToken);
        var rows = await db.Suggestions.AsNoTracking()
            .Where(s => s.CompanyId == request.CompanyId && !excluded.Contains(s.CounterpartId))
            .Join(db.Companies.Where(c => c.VerifiedAt != null), s => s.CounterpartId, c => c.Id, (s, c) => new { s, c })
            .OrderBy(x => x.s.Rank)
            .Select(x => new { x.s.CounterpartId, x.s.Score, x.s.ReasonsJson, x.c.Name, x.c.Country, x.c.Region, x.c.Size, x.c.Programmes, x.c.Modes })
            .ToListAsync(cancellationToken);
        var matches = await db.Matches.AsNoTracking()
            .Where(m => m.CanadianCompanyId == request.CompanyId || m.KoreanCompanyId == request.CompanyId)
            .Select(m => new { m.Id, Other = m.CanadianCompanyId == request.CompanyId ? m.KoreanCompanyId : m.CanadianCompanyId, m.Status })
            .ToDictionaryAsync(m => m.Other, cancellationToken);

        return rows
            .Select(r => new { Row = r, Reasons = ReasonDto.Parse(r.ReasonsJson) })
            .Where(x => request.Domain is null || x.Reasons.Any(reason => reason.Subjects.Any(code => code.StartsWith(request.Domain + ".", StringComparison.Ordinal))))
            .Where(x => request.Programme is null || x.Row.Programmes.Contains(request.Programme))
            .Where(x => request.Mode is null || x.Row.Modes.Contains(request.Mode))
            .Take(request.Top)
            .Select(x =>
            {
                matches.TryGetValue(x.Row.CounterpartId, out var match);
                return new SuggestionDto(x.Row.CounterpartId, x.Row.Name, x.Row.Country, x.Row.Region,
                    x.Row.Size == Domain.CompanySize.Sme ? "SME" : "LARGE", x.Row.Score, x.Reasons, x.Row.Programmes, x.Row.Modes,
                    match?.Id, match is null || match.Status == MatchStatus.Suggested ? null : match.Status.ToString());
            })
            .ToList();
    }
}
