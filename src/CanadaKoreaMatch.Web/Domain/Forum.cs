namespace CanadaKoreaMatch.Web.Domain;

/// <summary>A B2B meeting programme (CANSEC, ADEX, the Canada–Korea forum): its grid, tables, interpreters and timetable.</summary>
public class Forum : IVersioned, IAudited
{
    public const int NameMaxLength = 200;
    public const int VenueMaxLength = 300;
    public const int MaxDays = 5;
    public const int MaxTables = 500;
    public const int MaxInterpreters = 60;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Venue { get; set; } = "";

    /// <summary>IANA time zone of the venue, e.g. America/Toronto or Asia/Seoul; the grid's times are local to it.</summary>
    public string TimeZone { get; set; } = "";

    public DateOnly RegistrationOpens { get; set; }

    public DateOnly RegistrationCloses { get; set; }

    /// <summary>Requests may be sent and answered until then (UTC).</summary>
    public DateTime RequestDeadline { get; set; }

    public ForumStatus Status { get; set; }

    public List<ForumDay> Days { get; set; } = [];

    /// <summary>Table or room names, in plan order.</summary>
    public List<string> Tables { get; set; } = [];

    public List<ForumInterpreter> Interpreters { get; set; } = [];

    public List<ForumOrganiser> Organisers { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Raised at each publication; the working timetable differs from the published one while it is ahead.</summary>
    public int Revision { get; set; }

    public Guid Version { get; set; }

    public Guid AuditSubject() => Id;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public ForumGrid Grid() => ForumGrid.Of(this);
}

public enum ForumStatus
{
    Draft,
    Open,
    Scheduling,
    Published,
    Closed,
}

/// <summary>The forum's workflow: which status may follow which (publication is its own command).</summary>
public static class ForumWorkflow
{
    private static readonly Dictionary<ForumStatus, ForumStatus[]> Allowed = new()
    {
        [ForumStatus.Draft] = [ForumStatus.Open],
        [ForumStatus.Open] = [ForumStatus.Draft, ForumStatus.Scheduling],
        [ForumStatus.Scheduling] = [ForumStatus.Open, ForumStatus.Published],
        [ForumStatus.Published] = [ForumStatus.Scheduling, ForumStatus.Closed],
        [ForumStatus.Closed] = [],
    };

    public static bool CanMove(ForumStatus from, ForumStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ForumStatus> Next(ForumStatus from) => Allowed[from];

    /// <summary>The timetable may be computed and changed: while scheduling and after publication (changes are re-published).</summary>
    public static bool CanSchedule(ForumStatus status) => status is ForumStatus.Scheduling or ForumStatus.Published;
}

/// <summary>One day of the forum: slots of <see cref="SlotMinutes"/> from <see cref="Start"/> to <see cref="End"/>, none inside a break.</summary>
public class ForumDay
{
    public int Id { get; set; }

    public Guid ForumId { get; set; }

    public DateOnly Date { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }

    public int SlotMinutes { get; set; }

    /// <summary>Breaks as "HH:mm-HH:mm" (lunch, coffee), local to the forum.</summary>
    public List<string> Breaks { get; set; } = [];
}

public class ForumInterpreter
{
    public int Id { get; set; }

    public Guid ForumId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Language pairs such as "ko-en", "ko-fr", "fr-en".</summary>
    public List<string> Pairs { get; set; } = [];
}

public class ForumOrganiser : IAudited
{
    public Guid ForumId { get; set; }

    public string UserId { get; set; } = "";

    public Guid AuditSubject() => ForumId;
}

/// <summary>A firm taking part in a forum, with its delegates and the slots it cannot meet in.</summary>
public class ForumRegistration : IVersioned, IAudited
{
    public Guid Id { get; set; }

    public Guid ForumId { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>The firm's own IANA time zone, for its agenda.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>Slots it cannot meet in, as "day-slot" (both from 1).</summary>
    public List<string> Unavailable { get; set; } = [];

    public List<ForumAttendee> Delegates { get; set; } = [];

    public DateTime RegisteredAt { get; set; }

    public string RegisteredByUserId { get; set; } = "";

    public Guid Version { get; set; }

    public Guid AuditSubject() => ForumId;

    public IEnumerable<string> Languages() => Delegates.SelectMany(d => d.Languages).Distinct(StringComparer.Ordinal);
}

public class ForumAttendee
{
    public int Id { get; set; }

    public Guid RegistrationId { get; set; }

    public string Name { get; set; } = "";

    public List<string> Languages { get; set; } = [];

    public bool Remote { get; set; }
}

public enum MeetingPriority
{
    MustMeet,
    WouldLike,
    IfPossible,
}

public enum MeetingRequestStatus
{
    Pending,
    Accepted,
    Declined,

    /// <summary>Withdrawn by the asking firm before an answer, or, once agreed, cancelled by either firm or the organisers.</summary>
    Cancelled,
}

/// <summary>One firm asks another for a meeting at a forum; only accepted requests are scheduled.</summary>
public class MeetingRequest : IVersioned, IAudited
{
    public const int MessageMaxLength = 1000;

    public Guid Id { get; set; }

    public Guid ForumId { get; set; }

    public Guid FromCompanyId { get; set; }

    public Guid ToCompanyId { get; set; }

    public MeetingPriority Priority { get; set; }

    /// <summary>The other firm's priority when it asked for the same meeting (a mutual request).</summary>
    public MeetingPriority? CounterPriority { get; set; }

    public MeetingRequestStatus Status { get; set; }

    /// <summary>Added by a trade official as a must-meet pair; accepted on both sides' behalf.</summary>
    public bool AddedByOfficial { get; set; }

    public string? Message { get; set; }

    public string CreatedByUserId { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RespondedAt { get; set; }

    public Guid Version { get; set; }

    public Guid AuditSubject() => ForumId;

    public bool Involves(Guid companyId) => FromCompanyId == companyId || ToCompanyId == companyId;

    public Guid Other(Guid companyId) => FromCompanyId == companyId ? ToCompanyId : FromCompanyId;
}

/// <summary>How much the scheduler values a request: its priorities, mutual interest and the officials' approval.</summary>
public static class MeetingWeights
{
    public const int OfficialMustMeet = 12;
    public const int ApprovedMatchBonus = 3;

    public static int Of(MeetingPriority priority) => priority switch
    {
        MeetingPriority.MustMeet => 6,
        MeetingPriority.WouldLike => 3,
        _ => 1,
    };

    public static int Of(MeetingRequest request, bool approvedMatch) =>
        (request.AddedByOfficial ? OfficialMustMeet : Of(request.Priority) + (request.CounterPriority is { } counter ? Of(counter) : 0))
        + (approvedMatch ? ApprovedMatchBonus : 0);
}

public enum ScheduleRunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A run of the scheduling engine, carried out by a background job; its result replaces the working timetable.</summary>
public class ScheduleRun
{
    public Guid Id { get; set; }

    public Guid ForumId { get; set; }

    public ScheduleRunStatus Status { get; set; }

    public string RequestedByUserId { get; set; } = "";

    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The instance carrying it out (its InstanceIdentity).</summary>
    public string? RunBy { get; set; }

    /// <summary>Renewed by the instance running it; a run whose heartbeat stops is failed by the sweeper.</summary>
    public DateTime? HeartbeatAt { get; set; }

    public string Phase { get; set; } = "";

    public int Requests { get; set; }

    public int Scheduled { get; set; }

    public int Unscheduled { get; set; }

    public long ScheduledWeight { get; set; }

    public long RequestedWeight { get; set; }

    public long UpperBound { get; set; }

    public int Moved { get; set; }

    public string? Error { get; set; }

    /// <summary>The engine's explanation of each unscheduled request (JSON list of <c>UnscheduledExplanation</c>).</summary>
    public string UnscheduledJson { get; set; } = "[]";
}

/// <summary>A meeting of the working timetable; its id is the request's, so it stays the same across runs and publications.</summary>
public class ForumMeeting
{
    public Guid Id { get; set; }

    public Guid ForumId { get; set; }

    public int Day { get; set; }

    public int Slot { get; set; }

    public string Table { get; set; } = "";

    public int? InterpreterId { get; set; }

    /// <summary>Kept where it is by later runs.</summary>
    public bool Locked { get; set; }
}

/// <summary>A meeting as the firms were last told of it; a removed meeting stays, cancelled, so calendars learn of it.</summary>
public class PublishedMeeting
{
    public Guid Id { get; set; }

    public Guid ForumId { get; set; }

    public Guid FirstCompanyId { get; set; }

    public Guid SecondCompanyId { get; set; }

    public int Day { get; set; }

    public int Slot { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public string Table { get; set; } = "";

    public string? Interpreter { get; set; }

    /// <summary>iCalendar SEQUENCE: raised each time the meeting changes or is cancelled.</summary>
    public int Sequence { get; set; }

    public bool Cancelled { get; set; }

    public DateTime ChangedAt { get; set; }

    public bool Involves(Guid companyId) => FirstCompanyId == companyId || SecondCompanyId == companyId;

    public Guid Other(Guid companyId) => FirstCompanyId == companyId ? SecondCompanyId : FirstCompanyId;
}

/// <summary>A firm's secret calendar feed; only the token's hash is kept, and revoking ends it.</summary>
public class CalendarSubscription
{
    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
