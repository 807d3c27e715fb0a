using System.Text;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Pages.Account;

public sealed class ConfirmEmailModel(UserManager<AppUser> users, IMediator mediator) : PageModel
{
    public bool Confirmed { get; private set; }

    /// <summary>How many firms the person joined because they had invited this address.</summary>
    public int FirmsJoined { get; private set; }

    public async Task OnGetAsync(string? userId, string? code, CancellationToken ct)
    {
        if (userId is null || code is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }

        try
        {
            var token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        }
        catch (FormatException)
        {
            Confirmed = false;
        }

        if (Confirmed)
        {
            try
            {
                FirmsJoined = await mediator.Send(new JoinInvitingFirms(user.Id), ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // The same link opened twice at once: the other request joined the firms.
            }
        }
    }
}
