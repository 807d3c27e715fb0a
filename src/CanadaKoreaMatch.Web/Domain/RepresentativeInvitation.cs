using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CanadaKoreaMatch.Web.Domain;

/// <summary>
/// An address a firm's representative asked to join the firm while it had no confirmed representative account. The e-mail
/// sent to it carries a secret token (only its hash is kept); the confirmed representative account of exactly that address,
/// signed in and holding the token before <see cref="ExpiresAt"/>, accepts it and becomes a representative of the firm.
/// </summary>
public class RepresentativeInvitation : IAudited
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    /// <summary>The SHA-256 of the token the invitation e-mail carries, in lower-case hexadecimal.</summary>
    public string TokenHash { get; set; } = "";

    public string InvitedByUserId { get; set; } = "";

    public DateTime InvitedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public Guid AuditSubject() => CompanyId;

    /// <summary>
    /// Sends the invitation again from <paramref name="now"/>, as <paramref name="inviter"/>: a new full lifetime and a new token,
    /// returned to be e-mailed; the earlier token no longer accepts it.
    /// </summary>
    public string Renew(string email, string inviter, DateTime now)
    {
        Email = email;
        InvitedByUserId = inviter;
        InvitedAt = now;
        ExpiresAt = now + Lifetime;
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        TokenHash = HashOf(token);
        return token;
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Whether an account's address is the invited one: the same characters, ignoring case only for ASCII letters, the domain
    /// compared in its ASCII (IDNA) form. Identity's normalised e-mail is not enough: upper-casing maps "ı" to "I", so it
    /// would take kim@fırm.com for kim@firm.com.
    /// </summary>
    public bool IsFor(string? address) => SameAddress(address, Email);

    public static bool SameAddress(string? a, string? b) => a is not null && b is not null && AsciiForm(a.Trim()) is { } left && AsciiForm(b.Trim()) is { } right
        && left.Length == right.Length
        && left.Zip(right).All(p => p.First == p.Second || (char.IsAscii(p.First) && char.IsAscii(p.Second) && char.ToLowerInvariant(p.First) == char.ToLowerInvariant(p.Second)));

    private static string? AsciiForm(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return null;
        }

        try
        {
            return address[..(at + 1)] + new IdnMapping().GetAscii(address[(at + 1)..]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
