using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>What an authenticator app does: the current code for a key (Otp.NET, not Identity's own check).</summary>
public static class Authenticator
{
    /// <summary>The code for now. Identity checks codes against the system clock, not the application's TimeProvider.</summary>
    public static string CodeFor(string key) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp(DateTime.UtcNow);

    /// <summary>A code that is not the current one, nor one of the neighbours Identity accepts.</summary>
    public static string WrongCodeFor(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        var accepted = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(n => ((n * 7919) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    /// <summary>The person's current code, read from the stored key as their phone would hold it; null when two-factor sign-in is off.</summary>
    public static async Task<string?> CurrentCodeAsync(IServiceProvider services, string email)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is not { TwoFactorEnabled: true } || await users.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return null;
        }

        return CodeFor(key);
    }

    /// <summary>Gives the account a new authenticator key with two-factor sign-in on, as if its owner had set it up; returns the key.</summary>
    public static async Task<string> TurnOnAsync(IServiceProvider services, string email)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public static bool IsPrivileged(string role) => TwoFactorRules.PrivilegedRoles.Contains(role);
}
