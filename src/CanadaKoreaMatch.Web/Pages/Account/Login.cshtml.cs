using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, IStringLocalizer<Common.Localization.SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("", t["Enter your email and password."]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginWith2fa", new { ReturnUrl });
        }

        // The sign-in manager answers a locked or unknown account as a wrong password, and "not allowed" only after the right one.
        ModelState.AddModelError("", result.IsNotAllowed
            ? t["Confirm your email address first: open the link we sent you."]
            : t["The email or password is not correct. After five failed attempts an account is locked for 15 minutes."]);
        return Page();
    }
}
