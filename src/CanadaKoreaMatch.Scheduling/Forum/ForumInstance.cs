namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>A forum: days with slot grids and sessions, tables, an interpreter pool, participants and weighted meeting requests.</summary>
public sealed record ForumInstance
{
    /// <summary>Forum name.</summary>
    public string Name { get; init; } = "forum";

    /// <summary>The days, in order.</summary>
    public required IReadOnlyList<ForumDay> Days { get; init; }

    /// <summary>Named tables (or rooms).</summary>
    public required IReadOnlyList<ForumTable> Tables { get; init; }

    /// <summary>Generic interpreters available in every slot, each able to serve any pair of languages (numbered "1", "2", … in results).</summary>
    public int Interpreters { get; init; }

    /// <summary>Named interpreters available in every slot, each serving only its language pairs.</summary>
    public IReadOnlyList<ForumInterpreter> InterpreterPool { get; init; } = [];

    /// <summary>Free slots a participant keeps before and after each of its busy periods.</summary>
    public int BufferSlots { get; init; }

    /// <summary>Participants (firms).</summary>
    public required IReadOnlyList<ForumParticipant> Participants { get; init; }

    /// <summary>Meeting requests.</summary>
    public required IReadOnlyList<ForumRequest> Requests { get; init; }
}

/// <summary>A day of the forum: <paramref name="Slots"/> slots numbered from 1, grouped in sessions.</summary>
/// <param name="Name">Label of the day.</param>
/// <param name="Slots">Number of slots.</param>
/// <param name="Sessions">Sessions (e.g. morning, afternoon); meetings only take place in session slots, and
/// idle time between sessions (lunch) is never a break.</param>
public sealed record ForumDay(string Name, int Slots, IReadOnlyList<ForumSession> Sessions);

/// <summary>A session of a day: slots <paramref name="From"/>..<paramref name="To"/> (inclusive, 1-based).</summary>
public sealed record ForumSession(string Name, int From, int To);

/// <summary>A run of slots of one day (1-based, inclusive).</summary>
public sealed record SlotRange(int Day, int From, int To);

/// <summary>A slot of one day (both 1-based).</summary>
public sealed record SlotRef(int Day, int Slot);

/// <summary>A named table; it cannot be used in its unavailable ranges.</summary>
public sealed record ForumTable(string Id, IReadOnlyList<SlotRange>? Unavailable = null);

/// <summary>
/// A named interpreter of the pool. A meeting between participants sharing no language needs one interpreter in its
/// slot; this interpreter can serve it when one of its pairs holds a language of each participant. It serves at most
/// one meeting per slot.
/// </summary>
/// <param name="Id">Unique id (distinct from "1".."n", the numbers of the generic interpreters).</param>
/// <param name="Pairs">Language pairs, each two language codes joined by '-' (e.g. "ko-en"); order and case do not matter.</param>
public sealed record ForumInterpreter(string Id, IReadOnlyList<string> Pairs);

/// <summary>A participant (firm).</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Languages">Languages its delegates speak (e.g. "en", "fr", "ko").</param>
/// <param name="Unavailable">Ranges in which it cannot meet.</param>
/// <param name="Busy">Commitments (talks, demos) during which it cannot meet; the forum's buffer slots around them
/// are kept free as well.</param>
public sealed record ForumParticipant(
    string Id,
    IReadOnlyList<string> Languages,
    IReadOnlyList<SlotRange>? Unavailable = null,
    IReadOnlyList<SlotRange>? Busy = null);

/// <summary>A request for a meeting between two participants.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="First">Id of one participant.</param>
/// <param name="Second">Id of the other participant.</param>
/// <param name="Weight">Priority weight (positive); the solver maximises the total weight scheduled.</param>
/// <param name="Session">If set, the meeting must take place in a session of this name.</param>
/// <param name="Locked">If set, the meeting is held here and must not move.</param>
public sealed record ForumRequest(
    string Id,
    string First,
    string Second,
    int Weight,
    string? Session = null,
    LockedPlacement? Locked = null);

/// <summary>A placement that must be kept: a slot and, optionally, a table.</summary>
public sealed record LockedPlacement(int Day, int Slot, string? Table = null);
