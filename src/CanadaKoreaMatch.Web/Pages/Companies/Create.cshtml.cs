using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Companies;

public sealed class CreateModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty]
    public CompanyForm Form { get; set; } = new();

    public void OnGet() => Form = new CompanyForm { Languages = ["EN"] }.WithBlankRows();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form.DropBlankRows();
        ModelState.Clear();
        var company = await mediator.Send(Form.Fill(new RegisterCompany()), ct);
        if (company.Verified)
        {
            TempData["Flash"] = "The firm is registered and verified: other firms can see it.";
        }
        else
        {
            TempData["Flash"] = "Your firm is registered. A trade official will verify it before other firms can see it.";
        }

        return RedirectToPage("Details", new { id = company.Id });
    }

    public string FormPrefix => nameof(Form);

    public Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        Form.WithBlankRows();
        return Task.CompletedTask;
    }
}
