using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>
/// Identity's lookup key for addresses and sign-in names, without the spaces around them: " kim@firm.com" is kim@firm.com, so it
/// finds that account on signing in and cannot sign up a second one.
/// </summary>
internal sealed class AddressNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => name?.Trim().Normalize().ToUpperInvariant();

    public string? NormalizeEmail(string? email) => NormalizeName(email);
}
