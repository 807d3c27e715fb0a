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

    /// <summary>Kind, subject and recipient (and, for a decision that can be taken again, its moment): a flow that plans the same follow-up twice finds the first.</summary>
    public string IdempotencyKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The person who cancelled it by hand: re-planning leaves it cancelled.</summary>
    public string? CancelledBy { get; set; }

    /// <summary>When the e-mailed link (feedback, outcome) was used: a link works once.</summary>
    public DateTime? LinkUsedAt { get; set; }

    public static string KeyOf(FollowUpKind kind, Guid? subject, string recipient) => $"{kind}:{subject:N}:{recipient}";

    /// <summary>For follow-ups about a period rather than a record (the officials' weekly digest).</summary>
    public static string KeyOf(FollowUpKind kind, string period, string recipient) => $"{kind}:{period}:{recipient}";
}

public enum FollowUpKind
{
    MeetingReminder24h,
    MeetingReminder1h,

    /// <summary>After the forum day: did the meeting take place, a rating, the next step.</summary>
    MeetingFeedback,

    /// <summary>30 and 90 days after a meeting its firm called promising: what came of it.</summary>
    PromisingNudge30,
    PromisingNudge90,

    /// <summary>14 days after officials introduced two firms, when no meeting is recorded.</summary>
    IntroductionFollowUp,

    /// <summary>Monday's summary for trade officials.</summary>
    OfficialsDigest,

    /// <summary>At once, to the requested firm: another firm asks to meet at a forum; an unanswered request gets no slot.</summary>
    MeetingRequestReceived,

    /// <summary>At once, to the asking firm: the requested firm accepted or declined.</summary>
    MeetingRequestAnswered,

    /// <summary>At once, to the other firm (to both, when the organisers cancel): an agreed meeting at a forum is cancelled.</summary>
    MeetingCancelled,

    /// <summary>At once, to the firm's representatives: a trade official verified the firm, which now takes part.</summary>
    FirmVerified,

    /// <summary>At once, to the firm that asked for an introduction: the officials did not take it further (the reason is on the match page).</summary>
    IntroductionRejected,

    /// <summary>At once, to the firm's representatives: a trade official declined to verify the firm or withdrew its verification (the reason is on the firm's page).</summary>
    FirmVerificationWithheld,
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

/// <summary>What one firm says about one of its forum meetings: whether it took place, how it went, what comes next and, later, what came of it.</summary>
public class MeetingFeedback
{
    public const int NextStepMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid ForumId { get; set; }

    /// <summary>The published meeting (its id is the meeting's id in the agenda).</summary>
    public Guid MeetingId { get; set; }

    /// <summary>The firm that speaks.</summary>
    public Guid CompanyId { get; set; }

    public string? UserId { get; set; }

    public MeetingAttendance Attendance { get; set; }

    /// <summary>1 to 5, when the meeting took place.</summary>
    public int? Rating { get; set; }

    public string? NextStep { get; set; }

    public bool Promising { get; set; }

    public DateTime SubmittedAt { get; set; }

    public MatchOutcome? Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    public DateTime? OutcomeAt { get; set; }
}

public enum MeetingAttendance
{
    TookPlace,

    /// <summary>The other firm did not come.</summary>
    OtherSideAbsent,

    /// <summary>The firm giving feedback could not come.</summary>
    WeWereAbsent,
}
