using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>
/// The link of a representative invitation. Opening it changes nothing (mail scanners open links); the signed-in invitee
/// accepts with the button, and anyone else reads how to sign in or sign up with the invited address first.
/// </summary>
public sealed class AcceptRepresentativeInvitationModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public InvitationToAcceptDto? Invitation { get; private set; }

    public AcceptedInvitationDto? Accepted { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Invitation = await mediator.Send(new FindRepresentativeInvitation(Token ?? ""), ct);

    public async Task OnPostAsync(CancellationToken ct)
    {
        Invitation = await mediator.Send(new FindRepresentativeInvitation(Token ?? ""), ct);
        Accepted = await RepresentativeInvitationAcceptance.AcceptAsync(mediator, Token ?? "", ct);
    }
}
