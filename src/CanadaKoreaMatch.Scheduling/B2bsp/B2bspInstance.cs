namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>Session in which a meeting may take place.</summary>
public enum Session
{
    /// <summary>Slots 1..MorningSlots only.</summary>
    Morning = 1,

    /// <summary>Slots after the morning only.</summary>
    Afternoon = 2,

    /// <summary>Any slot.</summary>
    Any = 3,
}

/// <summary>A requested meeting between two participants (1-based ids).</summary>
/// <param name="First">First participant.</param>
/// <param name="Second">Second participant.</param>
/// <param name="Session">Session the meeting must take place in.</param>
/// <param name="FixedSlot">Slot (1-based) the meeting must take, or 0.</param>
/// <param name="Predecessors">Meetings (1-based) that must take place in an earlier slot.</param>
public sealed record B2bspMeeting(int First, int Second, Session Session, int FixedSlot, IReadOnlyList<int> Predecessors);

/// <summary>
/// A Business-to-Business Meeting Scheduling Problem instance, as in the benchmark of Bofill et al. (JAIR 2022).
/// Participants, meetings and slots are numbered from 1.
/// </summary>
public sealed record B2bspInstance
{
    /// <summary>Name of the instance, usually the file name without extension.</summary>
    public required string Name { get; init; }

    /// <summary>Number of participants.</summary>
    public required int ParticipantCount { get; init; }

    /// <summary>Number of slots.</summary>
    public required int SlotCount { get; init; }

    /// <summary>Slots 1..MorningSlots form the morning session, the rest the afternoon.</summary>
    public required int MorningSlots { get; init; }

    /// <summary>At most this many meetings take place in any one slot.</summary>
    public required int Tables { get; init; }

    /// <summary>The meetings, all of which must be scheduled.</summary>
    public required IReadOnlyList<B2bspMeeting> Meetings { get; init; }

    /// <summary>Per participant (index = id − 1), the slots it cannot meet in.</summary>
    public required IReadOnlyList<IReadOnlyCollection<int>> Forbidden { get; init; }

    /// <summary>Checks ids and slot numbers; throws <see cref="FormatException"/> on the first error.</summary>
    public void Validate()
    {
        if (SlotCount is < 1 or > Core.SlotMask.MaxSlots)
        {
            throw new FormatException($"nTotalSlots must be between 1 and {Core.SlotMask.MaxSlots}.");
        }
        if (MorningSlots < 0 || MorningSlots > SlotCount)
        {
            throw new FormatException("nMorningSlots must be between 0 and nTotalSlots.");
        }
        if (Tables < 0)
        {
            throw new FormatException("nTables must not be negative.");
        }
        if (Forbidden.Count != ParticipantCount)
        {
            throw new FormatException($"forbidden has {Forbidden.Count} rows for {ParticipantCount} participants.");
        }
        for (var i = 0; i < Meetings.Count; i++)
        {
            var m = Meetings[i];
            if (m.First < 1 || m.First > ParticipantCount || m.Second < 1 || m.Second > ParticipantCount || m.First == m.Second)
            {
                throw new FormatException($"meeting {i + 1} has invalid participants {m.First}, {m.Second}.");
            }
            if (m.FixedSlot < 0 || m.FixedSlot > SlotCount)
            {
                throw new FormatException($"meeting {i + 1} is fixed to slot {m.FixedSlot}, outside 1..{SlotCount}.");
            }
            if (m.Predecessors.Any(p => p < 1 || p > Meetings.Count))
            {
                throw new FormatException($"meeting {i + 1} has a predecessor outside 1..{Meetings.Count}.");
            }
        }
    }
}
