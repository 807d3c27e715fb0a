using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Companies;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Verified { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Awaiting { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<CompanySummary> Result { get; private set; } = new([], 0, 1, 25);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var country = Countries.All.Contains(Country ?? "") ? Country : null;
        Result = await mediator.Send(new ListCompanies(PagingRules.FromAddress(PageNumber), 25, Search?.Trim() is { Length: > 0 and <= Company.NameMaxLength } s ? s : null, country, Verified, Awaiting: Awaiting), ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var csv = await mediator.Send(new ExportCompanies(Countries.All.Contains(Country ?? "") ? Country : null), ct);
        return CsvDownload.File(csv, "canadakoreamatch-firms.csv");
    }
}
