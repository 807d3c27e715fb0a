using System.Text;
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

        string csv;
        using (var reader = CompanyCsv.Utf8Reader(Upload.OpenReadStream()))
        {
            try
            {
                csv = await reader.ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                ModelState.AddModelError("", t["The file is not UTF-8 text: save it as CSV UTF-8 and upload it again."]);
                return Page();
            }
        }

        Imported = (await mediator.Send(new ImportCompanies(csv), ct)).Imported;
        return Page();
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        Errors = (refusal as ImportRejectedException)?.Rows ?? [];
        return Task.CompletedTask;
    }
}
