using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>What a firm's views of other firms share: the firms it may not be shown (an exclusion either way) and its introductions by counterpart.</summary>
internal sealed class Counterparts
{
    private readonly IReadOnlyDictionary<Guid, (Guid Id, MatchStatus Status)> matches;

    private Counterparts(List<Guid> excluded, IReadOnlyDictionary<Guid, (Guid, MatchStatus)> matches)
    {
        Excluded = excluded;
        this.matches = matches;
    }

    public List<Guid> Excluded { get; }

    public static async Task<Counterparts> OfAsync(AppDbContext db, Guid companyId, CancellationToken cancellationToken)
    {
        var excluded = await db.CompanyExclusions
            .Where(e => e.CompanyId == companyId || e.ExcludedCompanyId == companyId)
            .Select(e => e.CompanyId == companyId ? e.ExcludedCompanyId : e.CompanyId)
            .ToListAsync(cancellationToken);
        var matches = await db.Matches.AsNoTracking()
            .Where(m => m.CanadianCompanyId == companyId || m.KoreanCompanyId == companyId)
            .Select(m => new { m.Id, Other = m.CanadianCompanyId == companyId ? m.KoreanCompanyId : m.CanadianCompanyId, m.Status })
            .ToDictionaryAsync(m => m.Other, m => (m.Id, m.Status), cancellationToken);
        return new Counterparts(excluded, matches);
    }

    /// <summary>The introduction with <paramref name="counterpartId"/>, and its status once it is more than a suggestion.</summary>
    public (Guid? Id, string? Status) MatchWith(Guid counterpartId) =>
        matches.TryGetValue(counterpartId, out var match)
            ? (match.Id, match.Status == MatchStatus.Suggested ? null : match.Status.ToString())
            : (null, null);

    public static string SizeCode(CompanySize size) => size == CompanySize.Sme ? "SME" : "LARGE";
}

/// <summary>A view of firms beside a firm's own (its suggestions, the firms looking for it): how many, and the filters of the page and API.</summary>
public interface ISuggestionView
{
    int Top { get; }

    string? Domain { get; }

    string? Programme { get; }

    string? Mode { get; }
}

internal abstract class SuggestionViewValidator<T> : AbstractValidator<T>
    where T : ISuggestionView
{
    protected SuggestionViewValidator()
    {
        RuleFor(q => q.Top).InclusiveBetween(1, SuggestionRecomputer.StoredTop);
        RuleFor(q => q.Domain).MaximumLength(8);
        RuleFor(q => q.Programme).MaximumLength(32);
        RuleFor(q => q.Mode).MaximumLength(32);
    }
}

/// <summary>The filters of the suggestions page and API: a capability domain some reason is about, a programme and a mode the firm lists.</summary>
internal sealed record SuggestionFilter(string? Domain, string? Programme, string? Mode)
{
    public static SuggestionFilter Of(ISuggestionView view) => new(view.Domain, view.Programme, view.Mode);

    public bool IsEmpty => Domain is null && Programme is null && Mode is null;

    public bool Keeps(IReadOnlyList<ReasonDto> reasons, IReadOnlyList<string> programmes, IReadOnlyList<string> modes) =>
        (Domain is null || reasons.Any(reason => reason.Subjects.Any(code => code.StartsWith(Domain + ".", StringComparison.Ordinal))))
        && (Programme is null || programmes.Contains(Programme))
        && (Mode is null || modes.Contains(Mode));
}
