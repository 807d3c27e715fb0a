using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Companies;

public sealed class EditModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public CompanyForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var view = await mediator.Send(new GetCompany(Id), ct);
        if (!view.CanEdit)
        {
            return Forbid();
        }

        Form = CompanyForm.From(view.Company).WithBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form.DropBlankRows();
        ModelState.Clear();
        await mediator.Send(Form.Fill(new UpdateCompany { CompanyId = Id, Version = Form.Version }), ct);
        TempData["Flash"] = "Profile saved.";
        return RedirectToPage("Details", new { id = Id });
    }

    public string FormPrefix => nameof(Form);

    public Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        Form.WithBlankRows();
        return Task.CompletedTask;
    }
}
