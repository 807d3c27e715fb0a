using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
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
        var filter = SuggestionFilter.Of(request);
        var listing = Holders(db, request.CompanyId, counterparts.Excluded)
            .OrderByDescending(x => x.Suggestion.Score).ThenBy(x => x.Firm.Name)
            .Select(x => new
            {
                x.Suggestion.CompanyId, x.Suggestion.ReasonsJson, x.Firm.Name, x.Firm.Country, x.Firm.Region, x.Firm.Size, x.Firm.Programmes, x.Firm.Modes,
            });
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

    /// <summary>The place (1 = first) of <paramref name="counterpartId"/> in the unfiltered view of <paramref name="companyId"/>; null when it is not there.</summary>
    public static async Task<int?> PlaceOfAsync(AppDbContext db, Guid companyId, Guid counterpartId, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == companyId && c.VerifiedAt != null, cancellationToken))
        {
            return null;
        }

        var holders = Holders(db, companyId, (await Counterparts.OfAsync(db, companyId, cancellationToken)).Excluded);
        var score = await holders.Where(x => x.Suggestion.CompanyId == counterpartId)
            .Select(x => (double?)x.Suggestion.Score).SingleOrDefaultAsync(cancellationToken);
        if (score is null)
        {
            return null;
        }

        var tied = await holders.Where(x => x.Suggestion.Score == score).OrderBy(x => x.Firm.Name)
            .Select(x => x.Suggestion.CompanyId).ToListAsync(cancellationToken);
        return 1 + await holders.CountAsync(x => x.Suggestion.Score > score, cancellationToken) + tied.IndexOf(counterpartId);
    }

    /// <summary>The stored suggestions of verified firms that hold <paramref name="companyId"/>, but for the firms it may not be shown.</summary>
    private static IQueryable<Holder> Holders(AppDbContext db, Guid companyId, List<Guid> excluded) =>
        db.Suggestions.AsNoTracking()
            .Where(s => s.CounterpartId == companyId && !excluded.Contains(s.CompanyId))
            .Join(db.Companies.AsNoTracking().Where(c => c.VerifiedAt != null), s => s.CompanyId, c => c.Id, (s, c) => new Holder { Suggestion = s, Firm = c });

    private static IReadOnlyList<ReasonDto> SignsOnly(IEnumerable<ReasonDto> reasons) =>
        [.. reasons.Select(r => r with { Contribution = Math.Sign(r.Contribution) })];

    private sealed class Holder
    {
        public required StoredSuggestion Suggestion { get; init; }

        public required Company Firm { get; init; }
    }
}
