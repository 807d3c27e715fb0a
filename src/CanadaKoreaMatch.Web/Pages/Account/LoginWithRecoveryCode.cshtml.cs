using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>The second step of signing in with one of the recovery codes shown when two-factor sign-in was set up; each works once.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<AppUser> signIn, IStringLocalizer<Common.Localization.SharedResource> t) : PageModel
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("Login", new { ReturnUrl });
        }

        var code = TwoFactorRules.NormaliseRecoveryCode(RecoveryCode);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(RecoveryCode), t["Enter one of your recovery codes."]);
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", t["Too many failed attempts: this account is locked for 15 minutes."]);
            return Page();
        }

        ModelState.AddModelError(nameof(RecoveryCode), t["This recovery code is not correct or has already been used."]);
        return Page();
    }
}
