using System.Security.Claims;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>
/// Administrators, trade officials and forum organisers must sign in with an authenticator app (decision 012): until
/// they have set it up, the pages send them to <see cref="SetupPath"/> and the API answers 403.
/// </summary>
public static class TwoFactorRules
{
    public const string SetupPath = "/Account/TwoFactor";
    public const int RecoveryCodeCount = 10;

    /// <summary>Present in the principal of a person whose account has two-factor sign-in turned on.</summary>
    public const string EnabledClaim = "ckm:two_factor";

    public static readonly IReadOnlyList<string> PrivilegedRoles = [Roles.Administrator, Roles.TradeOfficial, Roles.ForumOrganiser];

    public static bool IsPrivileged(this ClaimsPrincipal principal) => PrivilegedRoles.Any(principal.IsInRole);

    public static bool HasTwoFactor(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == EnabledClaim);

    public static bool MustSetUpTwoFactor(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.IsPrivileged() && !principal.HasTwoFactor();

    public static async Task<bool> IsPrivilegedAsync(this UserManager<AppUser> users, AppUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.Any(PrivilegedRoles.Contains);
    }

    /// <summary>The key as people type it into an app: lowercase groups of four.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));

    public static string AuthenticatorUri(string issuer, string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>An authenticator code as typed or pasted: spaces and hyphens are ignored.</summary>
    public static string NormaliseCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>A recovery code (XXXXX-XXXXX, uppercase) as typed: spaces and case are ignored.</summary>
    public static string NormaliseRecoveryCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant).ToArray());
}

/// <summary>Adds <see cref="TwoFactorRules.EnabledClaim"/> to the principal of cookies and bearer tokens.</summary>
internal sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorRules.EnabledClaim, "on"));
        }

        return identity;
    }
}

/// <summary>Part of the API policy: a privileged account without two-factor sign-in may not use the API.</summary>
internal sealed class TwoFactorSetUpRequirement : AuthorizationHandler<TwoFactorSetUpRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorSetUpRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !context.User.MustSetUpTwoFactor())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Says why in a ProblemDetails when <see cref="TwoFactorSetUpRequirement"/> refused a request.</summary>
internal sealed class TwoFactorProblemResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<TwoFactorSetUpRequirement>().Any() == true)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "Two-factor sign-in required",
                    Detail = $"Administrators, trade officials and forum organisers must set up two-factor sign-in before using the API: sign in on the web and follow {TwoFactorRules.SetupPath}, then sign in here with twoFactorCode.",
                },
            });
            return;
        }

        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>
/// Sends a privileged person signed in on the pages without two-factor sign-in to set it up; only the set-up page,
/// signing out and the language switch stay open. The API answers for itself (see <see cref="TwoFactorSetUpRequirement"/>).
/// </summary>
internal sealed class TwoFactorSetupMiddleware(RequestDelegate next)
{
    private static readonly string[] OpenPaths = [TwoFactorRules.SetupPath, "/Account/Logout", "/culture", "/api/", "/health/"];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (context.User.MustSetUpTwoFactor()
            && !OpenPaths.Any(open => path.StartsWith(open, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(TwoFactorRules.SetupPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
