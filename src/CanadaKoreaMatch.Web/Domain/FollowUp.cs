namespace CanadaKoreaMatch.Web.Domain;

/// <summary>
/// Something the platform must tell someone at a given time (a meeting reminder, a feedback request, …), kept current by
/// the flow that causes it and carried out once by Jobs/FollowUpDispatch.cs.
/// </summary>
public class FollowUp
{
    public Guid Id { get; set; }

    public FollowUpKind Kind { get; set; }

    public string RecipientUserId { get; set; } = "";

    /// <summary>What it is about: for meeting reminders and feedback, the meeting's id (as in the agenda).</summary>
    public Guid? SubjectId { get; set; }

    public Guid? ForumId { get; set; }

    public DateTime DueAt { get; set; }

    public FollowUpStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>Kind, subject and recipient: a flow that plans the same follow-up twice finds the first.</summary>
    public string IdempotencyKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }

    public static string KeyOf(FollowUpKind kind, Guid? subject, string recipient) => $"{kind}:{subject:N}:{recipient}";
}

public enum FollowUpKind
{
    MeetingReminder24h,
    MeetingReminder1h,
}

public enum FollowUpStatus
{
    Scheduled,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>A message in a person's notification centre.</summary>
public class Notification
{
    public const int TitleMaxLength = 300;

    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public FollowUpKind Kind { get; set; }

    public Guid? FollowUpId { get; set; }

    public string Title { get; set; } = "";

    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
