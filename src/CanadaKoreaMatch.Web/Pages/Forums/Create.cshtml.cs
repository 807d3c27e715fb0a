using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class CreateModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string Template { get; set; } = "canada-korea";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public DateOnly? StartDate { get; set; }

    public void OnGet() => StartDate ??= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(90);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var forum = await mediator.Send(new CreateForum(null, Template, Name, StartDate), ct);
        TempData["Flash"] = "Forum created as a draft. Check its grid, tables and interpreters, then open it for registration.";
        return Redirect($"/Forums/{forum.Id}/Edit");
    }
}
