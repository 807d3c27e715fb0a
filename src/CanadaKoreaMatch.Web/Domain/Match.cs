namespace CanadaKoreaMatch.Web.Domain;

/// <summary>A Canadian–Korean pair on its way from suggestion to outcome, curated by trade officials.</summary>
public class Match : IVersioned, IAudited
{
    public const int TextMaxLength = 2000;

    public Guid Id { get; set; }

    public Guid CanadianCompanyId { get; set; }

    public Guid KoreanCompanyId { get; set; }

    public MatchStatus Status { get; set; }

    public double Score { get; set; }

    /// <summary>The capability domain the pair is mainly about (e.g. MAR), for filters and the dashboard.</summary>
    public string Domain { get; set; } = "";

    /// <summary>
    /// The reasons as computed when the pair was last scored, as the Canadian firm reads them, as
    /// JSON (see <c>ReasonDto</c>; <c>ReasonDto.AsSeenByOther</c> gives the Korean firm's).
    /// </summary>
    public string ReasonsJson { get; set; } = "[]";

    public Guid? RequestedByCompanyId { get; set; }

    public string? RequestMessage { get; set; }

    public string? RejectionReason { get; set; }

    public MatchOutcome? Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime StatusChangedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public List<MatchNote> Notes { get; set; } = [];

    public List<MatchStatusChange> History { get; set; } = [];

    public bool Involves(Guid companyId) => CanadianCompanyId == companyId || KoreanCompanyId == companyId;

    public Guid Other(Guid companyId) => CanadianCompanyId == companyId ? KoreanCompanyId : CanadianCompanyId;

    public Guid AuditSubject() => Id;
}

public enum MatchStatus
{
    Suggested,
    Requested,
    UnderReview,
    Approved,
    Rejected,
    Introduced,
    Meeting,
    Outcome,
}

public enum MatchOutcome
{
    MouSigned,
    JointBid,
    Contract,
    NoFurtherAction,
}

public class MatchNote : IAudited
{
    public int Id { get; set; }

    public Guid MatchId { get; set; }

    public string UserId { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public Guid AuditSubject() => MatchId;
}

public class MatchStatusChange
{
    public int Id { get; set; }

    public Guid MatchId { get; set; }

    public MatchStatus? From { get; set; }

    public MatchStatus To { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }
}

/// <summary>The rules of the match workflow: which status may follow which.</summary>
public static class MatchWorkflow
{
    private static readonly Dictionary<MatchStatus, MatchStatus[]> Allowed = new()
    {
        [MatchStatus.Suggested] = [MatchStatus.Requested, MatchStatus.UnderReview, MatchStatus.Approved, MatchStatus.Rejected],
        [MatchStatus.Requested] = [MatchStatus.UnderReview, MatchStatus.Approved, MatchStatus.Rejected],
        [MatchStatus.UnderReview] = [MatchStatus.Approved, MatchStatus.Rejected],
        [MatchStatus.Approved] = [MatchStatus.Introduced, MatchStatus.Rejected],
        [MatchStatus.Rejected] = [],
        [MatchStatus.Introduced] = [MatchStatus.Meeting, MatchStatus.Outcome],
        [MatchStatus.Meeting] = [MatchStatus.Outcome],
        [MatchStatus.Outcome] = [],
    };

    /// <summary>Stages in funnel order, for the dashboard.</summary>
    public static readonly IReadOnlyList<MatchStatus> Funnel =
        [MatchStatus.Suggested, MatchStatus.Requested, MatchStatus.Approved, MatchStatus.Introduced, MatchStatus.Meeting, MatchStatus.Outcome];

    public static bool CanMove(MatchStatus from, MatchStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<MatchStatus> Next(MatchStatus from) => Allowed[from];
}
