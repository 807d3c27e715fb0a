using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;

namespace CanadaKoreaMatch.Web.Api;

/// <summary>Rules the pages keep that Identity's own account endpoints (/api/v1/auth/manage/…) do not.</summary>
internal static class AccountRules
{
    /// <summary>Privileged accounts cannot turn two-factor sign-in off; a new e-mail address needs the current password.</summary>
    public static async ValueTask<object?> GuardAccountChangesAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? "";
        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();

        if (path.EndsWith("/manage/2fa", StringComparison.OrdinalIgnoreCase)
            && context.Arguments.OfType<TwoFactorRequest>().FirstOrDefault() is { } twoFactor
            && (twoFactor.Enable == false || twoFactor.ResetSharedKey)
            && await users.GetUserAsync(http.User) is { TwoFactorEnabled: true } user
            && await users.IsPrivilegedAsync(user))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Two-factor sign-in stays on",
                detail: "Administrators, trade officials and forum organisers cannot turn two-factor sign-in off or reset their authenticator key.");
        }

        var infoAt = context.Arguments.ToList().FindIndex(a => a is InfoRequest);
        if (infoAt >= 0 && context.Arguments[infoAt] is InfoRequest { NewEmail: { } typed } typedInfo && typed != typed.Trim())
        {
            // A new address is kept without the spaces typed around it, as on the account page.
            context.Arguments[infoAt] = new InfoRequest { NewEmail = typed.Trim(), NewPassword = typedInfo.NewPassword, OldPassword = typedInfo.OldPassword };
        }

        if (path.EndsWith("/manage/info", StringComparison.OrdinalIgnoreCase)
            && context.Arguments.OfType<InfoRequest>().FirstOrDefault() is { NewEmail.Length: > 0 } info
            && await users.GetUserAsync(http.User) is { } account
            && !string.Equals(info.NewEmail, account.Email, StringComparison.OrdinalIgnoreCase))
        {
            var signIn = http.RequestServices.GetRequiredService<SignInManager<AppUser>>();
            if (string.IsNullOrEmpty(info.OldPassword) || !(await signIn.CheckPasswordSignInAsync(account, info.OldPassword, lockoutOnFailure: true)).Succeeded)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["oldPassword"] = ["Enter your current password to change your e-mail address."] },
                    title: "The current password is needed.");
            }
        }

        return await next(context);
    }
}
