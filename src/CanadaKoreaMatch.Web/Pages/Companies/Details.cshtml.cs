using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Companies;

public sealed class DetailsModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? RepresentativeEmail { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public CompanyView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await mediator.Send(new GetCompany(Id), ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        await mediator.Send(new VerifyCompany(Id), ct);
        TempData["Flash"] = "The firm is verified and now visible to all users.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostWithholdAsync(CancellationToken ct)
    {
        await mediator.Send(new WithholdVerification(Id, Reason ?? ""), ct);
        TempData["Flash"] = "The firm is not verified. Its representatives are told, and read your reason on this page.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostAddRepresentativeAsync(CancellationToken ct)
    {
        await mediator.Send(new AddRepresentative(Id, RepresentativeEmail ?? ""), ct);
        TempData["Flash"] = "If this address belongs to a representative account, that person now represents the firm; if not, we e-mailed them an invitation: they join the firm once they sign up, confirm this address and open the invitation link.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRemoveRepresentativeAsync(string userId, CancellationToken ct)
    {
        await mediator.Send(new RemoveRepresentative(Id, userId), ct);
        TempData["Flash"] = "The representative no longer represents the firm.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostWithdrawInvitationAsync(Guid invitationId, CancellationToken ct)
    {
        await mediator.Send(new WithdrawRepresentativeInvitation(Id, invitationId), ct);
        TempData["Flash"] = "The invitation is withdrawn.";
        return RedirectToPage(new { id = Id });
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct) => View = await mediator.Send(new GetCompany(Id), ct);
}
