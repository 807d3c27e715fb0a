namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>A scheduled meeting.</summary>
/// <param name="Request">Request id.</param>
/// <param name="Day">Day (1-based).</param>
/// <param name="Slot">Slot of the day (1-based).</param>
/// <param name="Table">Table id.</param>
/// <param name="Interpreter">When the participants share no language, the serving interpreter: the id of a pooled
/// interpreter, or "1", "2", … for the forum's generic interpreters; else null.</param>
public sealed record ScheduledMeeting(string Request, int Day, int Slot, string Table, string? Interpreter);

/// <summary>What prevents an unscheduled request from taking a slot.</summary>
public enum BlockerKind
{
    /// <summary>The participant cannot meet in these slots (unavailable, busy, buffer) or they are outside the request's session.</summary>
    Unavailable,

    /// <summary>The participant already has a meeting in these slots.</summary>
    ParticipantBooked,

    /// <summary>Every table is taken or unavailable in these slots.</summary>
    NoTable,

    /// <summary>The participants share no language and no interpreter able to serve them is free in these slots (or none exists).</summary>
    NoInterpreter,
}

/// <summary>One reason an unscheduled request could not take the listed slots.</summary>
/// <param name="Kind">The constraint that blocks.</param>
/// <param name="Participant">The participant concerned (for Unavailable and ParticipantBooked).</param>
/// <param name="Slots">The slots this constraint blocks.</param>
/// <param name="Competing">Requests holding those slots: the participant's meetings (ParticipantBooked) or the holder of a locked table (NoTable); empty for full tables and taken interpreters.</param>
/// <param name="Message">A sentence for the organiser.</param>
public sealed record Blocker(
    BlockerKind Kind,
    string? Participant,
    IReadOnlyList<SlotRef> Slots,
    IReadOnlyList<string> Competing,
    string Message);

/// <summary>A request left out, with every constraint that blocks it: each candidate slot is covered by at least one blocker.</summary>
/// <param name="Request">Request id.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Blockers">The blocking constraints.</param>
/// <param name="LowerPriority">True when every competing meeting has a weight at least as high.</param>
/// <param name="Summary">One sentence for the organiser.</param>
public sealed record UnscheduledRequest(
    string Request,
    int Weight,
    IReadOnlyList<Blocker> Blockers,
    bool LowerPriority,
    string Summary);

/// <summary>Result of a forum solve.</summary>
public sealed record ForumResult
{
    /// <summary>Forum name.</summary>
    public required string Instance { get; init; }

    /// <summary>Feasible when a schedule was produced; Optimal when its weight equals the upper bound and it has no breaks.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>Scheduled meetings, in request order.</summary>
    public required IReadOnlyList<ScheduledMeeting> Meetings { get; init; }

    /// <summary>Unscheduled requests, in request order, each explained.</summary>
    public required IReadOnlyList<UnscheduledRequest> Unscheduled { get; init; }

    /// <summary>Total weight of scheduled requests.</summary>
    public required long ScheduledWeight { get; init; }

    /// <summary>Total weight of all requests.</summary>
    public required long RequestedWeight { get; init; }

    /// <summary>A proved upper bound on the weight any schedule can reach.</summary>
    public required long WeightUpperBound { get; init; }

    /// <summary>Total breaks over participants (idle runs between two meetings within one session).</summary>
    public required int Breaks { get; init; }

    /// <summary>Most meetings in any one slot (the load-balancing objective).</summary>
    public required int MaxSlotLoad { get; init; }

    /// <summary>Meetings whose slot or table differs from the previous schedule (incremental re-solve), or that were dropped.</summary>
    public int Moved { get; init; }
}
