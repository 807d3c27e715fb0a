using System.Text.Json;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>What happened to an account, as the audit trail names it (entity type <see cref="SecurityEvents.EntityType"/>).</summary>
public enum SecurityEventKind
{
    SignInSucceeded,
    SignInFailed,
    LockedOut,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorRecoveryCodesGenerated,
    RoleGranted,
    RoleWithdrawn,
    Invited,
    Disabled,
    Enabled,
}

/// <summary>
/// Writes security events into the audit trail that officials and administrators read (/Officials/Audit, GET /api/v1/audit).
/// The details are what a reviewer needs (the address given, a role, the client address): never a password or a token.
/// </summary>
public sealed class SecurityEvents(AppDbContext db, ICurrentUser currentUser, IHttpContextAccessor http, TimeProvider clock)
{
    public const string EntityType = "SecurityEvent";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Records an event about the account <paramref name="userId"/> (null when no account has the address in <paramref name="email"/>).</summary>
    /// <remarks>Saved at once: in a command's transaction it commits with the command, elsewhere on its own.</remarks>
    public async Task RecordAsync(SecurityEventKind kind, string? userId, string? detail = null, string? email = null, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, string>();
        if (email is not null)
        {
            values["email"] = email.Length > 256 ? email[..256] : email;
        }

        if (detail is not null)
        {
            values["detail"] = detail;
        }

        if (http.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            values["client"] = address.ToString();
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = currentUser.UserId ?? userId,
            EntityType = EntityType,
            EntityId = userId ?? "",
            SubjectId = Guid.TryParse(userId, out var subject) ? subject : Guid.Empty,
            Action = kind.ToString(),
            After = JsonSerializer.Serialize(values, Json),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
