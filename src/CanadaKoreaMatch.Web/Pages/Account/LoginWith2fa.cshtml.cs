using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>The second step of signing in: the code from the authenticator app, after the password.</summary>
public sealed class LoginWith2faModel(SignInManager<AppUser> signIn, IStringLocalizer<Common.Localization.SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public bool RememberDevice { get; set; }

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

        var code = TwoFactorRules.NormaliseCode(Code);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), t["Enter the 6-digit code from your authenticator app."]);
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: RememberDevice);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", t["Too many failed attempts: this account is locked for 15 minutes."]);
            return Page();
        }

        ModelState.AddModelError(nameof(Code), t["This code is not correct or has expired. Enter the code your app shows now."]);
        return Page();
    }
}
