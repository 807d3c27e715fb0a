namespace CanadaKoreaMatch.Web.Domain;

/// <summary>
/// An e-mail recorded in the same transaction as the change that causes it; Jobs/MailDeliveryJob.cs delivers it
/// after commit. A delivery claims the row for a lease, so one instance sends it while the others skip it.
/// </summary>
public class OutboxMessage
{
    public Guid Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public string Template { get; set; } = "";

    public string Language { get; set; } = "en";

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public string? LockedBy { get; set; }

    public DateTime? LockedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>A named piece of background work that must run on one instance at a time; the holder renews the lease while it runs.</summary>
public class JobLease
{
    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}
