namespace CanadaKoreaMatch.Web.Domain;

/// <summary>
/// An address a firm's representative asked to join the firm while it had no confirmed representative account. Whoever
/// confirms an account with that address before <see cref="ExpiresAt"/> becomes a representative of the firm.
/// </summary>
public class RepresentativeInvitation : IAudited
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public string InvitedByUserId { get; set; } = "";

    public DateTime InvitedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public Guid AuditSubject() => CompanyId;

    /// <summary>Sends the invitation again from <paramref name="now"/>, as <paramref name="inviter"/>: a new full lifetime.</summary>
    public void Renew(string email, string inviter, DateTime now)
    {
        Email = email;
        InvitedByUserId = inviter;
        InvitedAt = now;
        ExpiresAt = now + Lifetime;
    }
}
