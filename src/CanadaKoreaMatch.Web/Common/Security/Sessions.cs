using System.Globalization;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>How long a sign-in lasts (configuration section <c>Sessions</c>, docs/operations.md).</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Administrators, trade officials and forum organisers sign in again this long after signing in, however active.</summary>
    public double PrivilegedHours { get; set; } = 8;

    /// <summary>Everyone else: a sign-in ends after this long without a visit.</summary>
    public double RepresentativeDays { get; set; } = 14;

    public TimeSpan PrivilegedLifetime => TimeSpan.FromHours(PrivilegedHours);

    public TimeSpan RepresentativeLifetime => TimeSpan.FromDays(RepresentativeDays);
}

/// <summary>
/// Ends sessions: a privileged sign-in after its absolute lifetime, and every cookie and bearer token whose security
/// stamp is no longer the account's (signing out, a password or e-mail change, two-factor changes, an administrator's action).
/// </summary>
internal static class Sessions
{
    /// <summary>Kept in the cookie's properties, which survive renewals and RefreshSignInAsync, unlike its claims.</summary>
    private const string SignedInAtItem = ".ckm.signed-in-at";

    public static IServiceCollection AddSessionRules(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section);

        // Every request checks the security stamp (and reloads roles), so a changed stamp ends a session at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SessionOptions>>((options, sessions) =>
            {
                options.ExpireTimeSpan = sessions.Value.RepresentativeLifetime;
                options.SlidingExpiration = true;
                options.Events.OnSigningIn = OnSigningIn;
                var validateStamp = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = context => ValidateCookieAsync(context, validateStamp);
            });

        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .Configure(options => options.Events.OnMessageReceived = RejectStaleBearerTokenAsync);
        return services;
    }

    private static Task OnSigningIn(CookieSigningInContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
        if (context.Principal?.IsPrivileged() == true)
        {
            var end = SignedInAt(context.Properties)!.Value + services.GetRequiredService<IOptions<SessionOptions>>().Value.PrivilegedLifetime;
            if (context.Properties.ExpiresUtc is not { } expires || expires > end)
            {
                context.Properties.ExpiresUtc = end;
            }
        }

        return Task.CompletedTask;
    }

    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> validateStamp)
    {
        if (context.Principal?.IsPrivileged() == true)
        {
            var services = context.HttpContext.RequestServices;
            var lifetime = services.GetRequiredService<IOptions<SessionOptions>>().Value.PrivilegedLifetime;
            var signedInAt = SignedInAt(context.Properties) ?? context.Properties.IssuedUtc;
            if (signedInAt is null || services.GetRequiredService<TimeProvider>().GetUtcNow() >= signedInAt.Value + lifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }
        }

        await validateStamp(context);
    }

    private static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInAtItem, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    /// <summary>Identity checks the stamp of refresh tokens only; access tokens are checked here, on every request.</summary>
    private static async Task RejectStaleBearerTokenAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(header[prefix.Length..].Trim());
        if (ticket?.Principal is not { } principal)
        {
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await signIn.ValidateSecurityStampAsync(principal) is null)
        {
            context.Fail("The token was issued before the account's sign-ins were ended.");
        }
    }
}
