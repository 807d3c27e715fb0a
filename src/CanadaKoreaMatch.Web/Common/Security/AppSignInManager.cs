using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>
/// Identity's sign-in, for the pages and the API alike, with two changes: every attempt is recorded in the audit trail, and
/// no answer tells an unknown address from an existing one. A locked or disabled account answers as a wrong password does
/// (the owner learns of a lockout by e-mail), and "confirm your address first" comes only after the right password.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    SecurityEvents events,
    IEmailOutbox outbox,
    PublicUrls urls)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A hash to check unknown addresses' passwords against, so that they take as long to refuse as known ones.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
            await events.RecordAsync(SecurityEventKind.SignInFailed, null, "no account uses this address", email: userName);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(AppUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wasLockedOut = await UserManager.IsLockedOutAsync(user);
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.Succeeded)
        {
            await events.RecordAsync(SecurityEventKind.SignInSucceeded, user.Id, email: user.Email);
        }
        else if (result.IsLockedOut && !wasLockedOut)
        {
            await events.RecordAsync(SecurityEventKind.LockedOut, user.Id, $"{Options.Lockout.MaxFailedAccessAttempts} failed sign-ins", email: user.Email);
            await outbox.EnqueueAsync(new Common.Email.Email(user.Email!, user.Language, "account-locked", new Dictionary<string, object?>
            {
                ["name"] = user.DisplayName, ["minutes"] = (int)Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes, ["link"] = urls.Page("/Account/Login"),
            }));
        }
        else if (!result.RequiresTwoFactor)
        {
            var why = result switch
            {
                { IsLockedOut: true } => await IsDisabledAsync(user) ? "account disabled" : "account locked",
                { IsNotAllowed: true } => "address not confirmed",
                _ => "wrong password",
            };
            await events.RecordAsync(SecurityEventKind.SignInFailed, user.Id, why, email: user.Email);
        }

        return result.IsLockedOut ? SignInResult.Failed : result;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);

        // Identity refuses an unconfirmed address before it checks the password; checking the password first means that
        // only someone who knows it learns that the address awaits confirmation.
        if (!await CanSignInAsync(user) && !await UserManager.IsLockedOutAsync(user) && !await UserManager.CheckPasswordAsync(user, password))
        {
            if (lockoutOnFailure)
            {
                await UserManager.AccessFailedAsync(user);
            }

            return await UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        return await RecordSecondStepAsync(user, await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient), "authenticator code");
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        return await RecordSecondStepAsync(user, await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode), "recovery code");
    }

    private async Task<SignInResult> RecordSecondStepAsync(AppUser? user, SignInResult result, string factor)
    {
        if (user is not null)
        {
            await events.RecordAsync(result.Succeeded ? SecurityEventKind.SignInSucceeded : SecurityEventKind.SignInFailed, user.Id,
                result.Succeeded ? factor : $"wrong {factor}", email: user.Email);
        }

        return result;
    }

    private async Task<bool> IsDisabledAsync(AppUser user) =>
        await UserManager.GetLockoutEndDateAsync(user) is { } end && Features.Users.UserAccounts.IsDisabled(end);
}
