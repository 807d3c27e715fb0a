using System.Text;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>The link of an administrator's invitation: the invited person chooses a password, which activates the account.</summary>
public sealed class AcceptInvitationModel(UserManager<AppUser> users, IStringLocalizer<Common.Localization.SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = Email is null ? null : await users.FindByEmailAsync(Email);
        if (user is null || Code is null)
        {
            return LinkNotValid();
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            return LinkNotValid();
        }

        var result = await users.ResetPasswordAsync(user, token, Password ?? "");
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.InvalidToken))
                {
                    return LinkNotValid();
                }
                else if (error.Code.StartsWith("Password", StringComparison.Ordinal))
                {
                    ModelState.AddModelError(nameof(Password), error.Code == nameof(IdentityErrorDescriber.PasswordTooShort)
                        ? t["Use at least {0} characters.", Common.IdentitySetup.PasswordMinLength] : error.Description);
                }
                else
                {
                    ModelState.AddModelError("", error.Description);
                }
            }

            return Page();
        }

        TempData["Flash"] = "Your account is active. Sign in with your new password.";
        return RedirectToPage("Login");
    }

    private PageResult LinkNotValid()
    {
        ModelState.AddModelError("", t["This invitation link is not valid: it was already used or has expired. Ask an administrator to invite you again."]);
        return Page();
    }
}
