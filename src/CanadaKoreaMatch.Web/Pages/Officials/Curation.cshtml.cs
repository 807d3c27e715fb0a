using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Features.Matches;
using MediatR;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Officials;

public sealed class CurationModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)] public MatchStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public string? Domain { get; set; }

    [BindProperty(SupportsGet = true)] public string? Programme { get; set; }

    [BindProperty(SupportsGet = true)] public string? Country { get; set; }

    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    [BindProperty(SupportsGet = true)] public double? MinScore { get; set; }

    [BindProperty(SupportsGet = true)] public MatchSort Sort { get; set; }

    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Page<MatchRow> Result { get; private set; } = new([], 0, 1, 25);

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await mediator.Send(new ListMatches(Status, Blank(Domain), Blank(Programme), Countries.All.Contains(Country ?? "") ? Country : null,
            Blank(Search), MinScore is >= 0 and <= 100 ? MinScore : null, Sort, PagingRules.FromAddress(PageNumber)), ct);

    public string PageUrl(int page)
    {
        var query = new QueryBuilder(Request.Query.Where(q => q.Key != "PageNumber").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "PageNumber", page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return Request.Path + query.ToQueryString().Value;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
