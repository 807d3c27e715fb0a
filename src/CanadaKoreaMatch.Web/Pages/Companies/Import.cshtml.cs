using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Companies;

[Authorize(Roles = Roles.TradeOfficial + "," + Roles.Administrator)]
[RequestSizeLimit(CompanyCsv.MaxBytes + 64 * 1024)]
public sealed class ImportModel(IMediator mediator, IStringLocalizer<Common.Localization.SharedResource> t) : PageModel, IFormPage
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<ImportRowError> Errors { get; private set; } = [];

    public int? Imported { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("", t["Choose a CSV file to upload."]);
            return Page();
        }

        if (Upload.Length > CompanyCsv.MaxBytes)
        {
            ModelState.AddModelError("", t["The file is larger than the 2 MB limit. Split it into smaller files."]);
            return Page();
        }

        using var reader = new StreamReader(Upload.OpenReadStream());
        Imported = (await mediator.Send(new ImportCompanies(await reader.ReadToEndAsync(ct)), ct)).Imported;
        return Page();
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        Errors = (refusal as ImportRejectedException)?.Rows ?? [];
        return Task.CompletedTask;
    }
}
