using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CanadaKoreaMatch.Web.Pages.Account;

/// <summary>
/// Two-factor sign-in for the signed-in person: set up an authenticator app (key and QR code, confirmed by a code),
/// then the recovery codes once; new recovery codes; turning it off, for representatives only.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, IUserStore<AppUser> store, IStringLocalizer<Common.Localization.SharedResource> t,
    Common.Security.SecurityEvents events) : PageModel
{
    private const string Issuer = "CanadaKoreaMatch";

    private readonly IUserAuthenticatorKeyStore<AppUser> keys = (IUserAuthenticatorKeyStore<AppUser>)store;

    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public bool Privileged { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(await CurrentUserAsync());
        return Page();
    }

    /// <summary>The QR code of the authenticator URI, from this origin so that no inline data or script is needed.</summary>
    public async Task<IActionResult> OnGetQrCodeAsync()
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        var png = PngByteQRCodeHelper.GetQRCode(TwoFactorRules.AuthenticatorUri(Issuer, user.Email ?? "", key), QRCodeGenerator.ECCLevel.M, 6);
        return File(png, "image/png");
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await CurrentUserAsync();
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        var code = TwoFactorRules.NormaliseCode(Code);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), t["Enter the 6-digit code from your authenticator app."]);
        }
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), t["This code is not correct. Check that your app shows the CanadaKoreaMatch entry you just added and enter its current code."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorRules.RecoveryCodeCount))?.ToList() ?? [];
        await events.RecordAsync(Common.Security.SecurityEventKind.TwoFactorEnabled, user.Id, email: user.Email);
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorRules.RecoveryCodeCount))?.ToList() ?? [];
        await events.RecordAsync(Common.Security.SecurityEventKind.TwoFactorRecoveryCodesGenerated, user.Id, email: user.Email);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await CurrentUserAsync();
        if (await users.IsPrivilegedAsync(user))
        {
            return Forbid();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await events.RecordAsync(Common.Security.SecurityEventKind.TwoFactorDisabled, user.Id, email: user.Email);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Two-factor sign-in is off.";
        return RedirectToPage();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new Common.Errors.UnauthenticatedException();

    private async Task LoadAsync(AppUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Privileged = await users.IsPrivilegedAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Stored without a new security stamp (unlike ResetAuthenticatorKeyAsync): opening this page ends no session.
            // Turning two-factor sign-in on changes the stamp.
            key = users.GenerateNewAuthenticatorKey();
            await keys.SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }

        SharedKey = TwoFactorRules.FormatKey(key);
        AuthenticatorUri = TwoFactorRules.AuthenticatorUri(Issuer, user.Email ?? "", key);
    }
}
