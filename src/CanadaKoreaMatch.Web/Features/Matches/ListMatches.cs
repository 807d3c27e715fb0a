using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>The officials' curation queue. <see cref="Country"/> with <see cref="Search"/> looks for a firm of that country.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ListMatches(
    MatchStatus? Status = null, string? Domain = null, string? Programme = null, string? Country = null, string? Search = null,
    double? MinScore = null, MatchSort Sort = MatchSort.Newest, int Page = 1, int PageSize = 25) : IQuery<Page<MatchRow>>;

public enum MatchSort
{
    Newest,
    Oldest,
    ScoreDescending,
    ScoreAscending,
}

/// <summary>A match in a list: <see cref="Score"/> is the pair score for officials, and in a firm's own list that firm's reading (null when its suggestions do not hold the pair).</summary>
public sealed record MatchRow(Guid Id, FirmRef Canadian, FirmRef Korean, string Status, double? Score, string Domain, DateTime StatusChangedAt, bool Requested);

internal sealed class ListMatchesValidator : AbstractValidator<ListMatches>
{
    public ListMatchesValidator()
    {
        RuleFor(q => q.Page).IsAPage(q => q.PageSize);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
        RuleFor(q => q.MinScore).InclusiveBetween(0, 100);
        RuleFor(q => q.Country).Must(c => c is null || Countries.All.Contains(c)).WithMessage("Country must be CA or KR.");
        RuleFor(q => q.Search).MaximumLength(Company.NameMaxLength);
        RuleFor(q => q.Domain).MaximumLength(8);
        RuleFor(q => q.Programme).MaximumLength(32);
    }
}

internal sealed class ListMatchesHandler(AppDbContext db) : IRequestHandler<ListMatches, Page<MatchRow>>
{
    public async Task<Page<MatchRow>> Handle(ListMatches request, CancellationToken cancellationToken)
    {
        var rows = from m in db.Matches.AsNoTracking()
                   join ca in db.Companies on m.CanadianCompanyId equals ca.Id
                   join kr in db.Companies on m.KoreanCompanyId equals kr.Id
                   select new { m, ca, kr };
        if (request.Status is { } status)
        {
            rows = rows.Where(x => x.m.Status == status);
        }

        if (!string.IsNullOrEmpty(request.Domain))
        {
            rows = rows.Where(x => x.m.Domain == request.Domain);
        }

        if (!string.IsNullOrEmpty(request.Programme))
        {
            rows = rows.Where(x => x.ca.Programmes.Contains(request.Programme) || x.kr.Programmes.Contains(request.Programme));
        }

        if (request.MinScore is { } min)
        {
            rows = rows.Where(x => x.m.Score >= min);
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = Company.Normalize(request.Search);
            rows = request.Country switch
            {
                Countries.Canada => rows.Where(x => x.ca.NormalizedName.Contains(term)),
                Countries.Korea => rows.Where(x => x.kr.NormalizedName.Contains(term)),
                _ => rows.Where(x => x.ca.NormalizedName.Contains(term) || x.kr.NormalizedName.Contains(term)),
            };
        }
        else if (request.Country is not null)
        {
            rows = rows.Where(x => x.m.RequestedByCompanyId != null && (request.Country == Countries.Canada
                ? x.m.RequestedByCompanyId == x.ca.Id
                : x.m.RequestedByCompanyId == x.kr.Id));
        }

        rows = request.Sort switch
        {
            MatchSort.Oldest => rows.OrderBy(x => x.m.StatusChangedAt).ThenBy(x => x.m.Id),
            MatchSort.ScoreDescending => rows.OrderByDescending(x => x.m.Score).ThenBy(x => x.m.Id),
            MatchSort.ScoreAscending => rows.OrderBy(x => x.m.Score).ThenBy(x => x.m.Id),
            _ => rows.OrderByDescending(x => x.m.StatusChangedAt).ThenBy(x => x.m.Id),
        };
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(x => new MatchRow(x.m.Id, new FirmRef(x.ca.Id, x.ca.Name, x.ca.Country), new FirmRef(x.kr.Id, x.kr.Name, x.kr.Country),
                x.m.Status.ToString(), x.m.Score, x.m.Domain, x.m.StatusChangedAt, x.m.RequestedByCompanyId != null))
            .ToListAsync(cancellationToken);
        return new Page<MatchRow>(page, total, request.Page, request.PageSize);
    }
}
