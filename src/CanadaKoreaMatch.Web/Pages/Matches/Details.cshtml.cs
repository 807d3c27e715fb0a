using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Matches;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Matches;

[Authorize]
public sealed class MatchDetailsModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public MatchDto Match { get; private set; } = null!;

    public IReadOnlyList<MatchContactDto> Contacts { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostMoveAsync(MatchStatus to, Guid? version, string? reason, MatchOutcome? outcome, CancellationToken ct)
    {
        await mediator.Send(new ChangeMatchStatus(Id, to, version, reason, to == MatchStatus.Outcome ? outcome : null), ct);
        TempData["Flash"] = "The match is updated.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostNoteAsync(string? text, CancellationToken ct)
    {
        await mediator.Send(new AnnotateMatch(Id, text ?? ""), ct);
        return RedirectToPage(new { id = Id });
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Match = await mediator.Send(new GetMatch(Id), ct);
        Contacts = await mediator.Send(new GetMatchContacts(Id), ct);
    }
}
