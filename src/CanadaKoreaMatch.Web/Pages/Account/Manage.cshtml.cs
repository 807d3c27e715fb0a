using System.ComponentModel.DataAnnotations;
using System.Text;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>
/// The signed-in person's account: change the password (ends the other sessions) or the e-mail address (needs the
/// password; takes effect from a link sent to the new address).
/// </summary>
[Authorize]
public sealed class ManageModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IEmailOutbox outbox, PublicUrls urls,
    IStringLocalizer<Common.Localization.SharedResource> t) : PageModel
{
    [BindProperty]
    public PasswordChange Password { get; set; } = new();

    [BindProperty]
    public EmailChange Email { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public async Task OnGetAsync() => Load(await CurrentUserAsync());

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await CurrentUserAsync();
        ModelState.Clear();
        if (string.IsNullOrEmpty(Password.Current))
        {
            ModelState.AddModelError("Password.Current", t["Enter your current password."]);
        }

        if (string.IsNullOrEmpty(Password.New))
        {
            ModelState.AddModelError("Password.New", t["Enter a new password."]);
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Password.Current!, Password.New!);
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Password.Current"
                    : error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password.New" : "";
                ModelState.AddModelError(field, error.Code switch
                {
                    nameof(IdentityErrorDescriber.PasswordMismatch) => t["The current password is not correct."],
                    nameof(IdentityErrorDescriber.PasswordTooShort) => t["Use at least {0} characters.", Common.IdentitySetup.PasswordMinLength],
                    _ => error.Description,
                });
            }
        }

        if (!ModelState.IsValid)
        {
            Load(user);
            return Page();
        }

        // The password change gave the account a new security stamp: this session is renewed, every other one ends.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Your password is changed. You are signed out everywhere else.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        var user = await CurrentUserAsync();
        ModelState.Clear();
        var newEmail = Email.New?.Trim() ?? "";
        if (newEmail.Length == 0 || !new EmailAddressAttribute().IsValid(newEmail) || newEmail.Length > 256)
        {
            ModelState.AddModelError("Email.New", t["Enter a valid e-mail address."]);
        }
        else if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Email.New", t["This is already your e-mail address."]);
        }

        if (string.IsNullOrEmpty(Email.Password))
        {
            ModelState.AddModelError("Email.Password", t["Enter your current password to change your e-mail address."]);
        }
        else if (ModelState.IsValid)
        {
            var check = await signIn.CheckPasswordSignInAsync(user, Email.Password, lockoutOnFailure: true);
            if (!check.Succeeded)
            {
                ModelState.AddModelError("Email.Password", check.IsLockedOut
                    ? t["Too many failed attempts: this account is locked for 15 minutes."]
                    : t["The current password is not correct."]);
            }
        }

        if (!ModelState.IsValid)
        {
            Load(user);
            return Page();
        }

        // An address already in use gets no link, but the answer is the same, so the form tells no one which addresses exist.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
            await outbox.EnqueueAsync(new Common.Email.Email(newEmail, user.Language, "confirm-email-change", new Dictionary<string, object?>
            {
                ["name"] = user.DisplayName,
                ["link"] = urls.Page("/Account/ConfirmEmailChange", new { userId = user.Id, email = newEmail, code }),
            }));
        }

        TempData["Flash"] = "We sent a link to the new address. Your e-mail address changes when you open it.";
        return RedirectToPage();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new Common.Errors.UnauthenticatedException();

    private void Load(AppUser user)
    {
        CurrentEmail = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
    }

    public sealed class PasswordChange
    {
        public string? Current { get; set; }

        public string? New { get; set; }
    }

    public sealed class EmailChange
    {
        public string? New { get; set; }

        public string? Password { get; set; }
    }
}
