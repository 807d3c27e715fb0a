using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

public enum LinkState
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// The links in feedback and outcome e-mails, which open without signing in: the follow-up's id and an expiry, encrypted and
/// signed with the shared data-protection keys. The expiry is checked against the application's clock; that a link works once
/// is kept in the database (<see cref="Domain.FollowUp.LinkUsedAt"/>).
/// </summary>
public sealed class FollowUpLinks(IDataProtectionProvider protection, IConfiguration configuration)
{
    private readonly IDataProtector protector = protection.CreateProtector("CanadaKoreaMatch.FollowUps.Link.v1");

    public TimeSpan Lifetime { get; } = TimeSpan.FromDays(configuration.GetValue("FollowUps:LinkDays", 30));

    public string Create(Guid followUpId, DateTime now) =>
        protector.Protect(followUpId.ToString("N") + "." + now.Add(Lifetime).Ticks.ToString(CultureInfo.InvariantCulture));

    public (LinkState State, Guid FollowUpId) Read(string? token, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return (LinkState.Invalid, Guid.Empty);
        }

        string text;
        try
        {
            text = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return (LinkState.Invalid, Guid.Empty);
        }
        catch (FormatException)
        {
            return (LinkState.Invalid, Guid.Empty);
        }

        var parts = text.Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id) || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return (LinkState.Invalid, Guid.Empty);
        }

        return (expires < now.Ticks ? LinkState.Expired : LinkState.Valid, id);
    }
}
