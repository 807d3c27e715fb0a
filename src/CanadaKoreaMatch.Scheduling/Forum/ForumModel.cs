using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>Compiled form of a forum: slots of all days numbered 0..SlotCount−1, masks for availability and domains.</summary>
internal sealed class ForumModel
{
    private ForumModel(ForumInstance instance)
    {
        Instance = instance;
    }

    public ForumInstance Instance { get; }
    public int SlotCount { get; private set; }
    public SlotRef[] SlotRefs { get; private set; } = [];
    public ulong SessionSlots { get; private set; }
    public BreakCounter Counter { get; private set; }
    public Dictionary<string, ulong> SessionsByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int[] TablesPerSlot { get; private set; } = [];
    public ulong[] TableAvailable { get; private set; } = [];
    public Dictionary<string, int> TableIndex { get; } = new(StringComparer.Ordinal);
    public ulong[] ParticipantAvailable { get; private set; } = [];
    public ulong[] SessionDomain { get; private set; } = [];
    public Dictionary<string, int> ParticipantIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> RequestIndex { get; } = new(StringComparer.Ordinal);
    public int[] First { get; private set; } = [];
    public int[] Second { get; private set; } = [];
    public int[] Weight { get; private set; } = [];
    public bool[] NeedsInterpreter { get; private set; } = [];
    public ulong[] Domain { get; private set; } = [];
    public int[] LockedSlot { get; private set; } = [];
    public int[] LockedTable { get; private set; } = [];
    public int[][] RequestsOf { get; private set; } = [];

    public InterpreterModel Interpreting { get; private set; } = null!;

    public int RequestCount => First.Length;

    public int GlobalSlot(int day, int slot) => Array.FindIndex(SlotRefs, r => r.Day == day && r.Slot == slot);

    public static ForumModel Compile(ForumInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var model = new ForumModel(instance);
        model.CompileGrid();
        model.CompileTables();
        model.CompileParticipants();
        model.CompileRequests();
        return model;
    }

    private void CompileGrid()
    {
        var refs = new List<SlotRef>();
        var blocks = new List<ulong>();
        var session = 0UL;
        for (var d = 0; d < Instance.Days.Count; d++)
        {
            var day = Instance.Days[d];
            var offset = refs.Count;
            for (var s = 1; s <= day.Slots; s++)
            {
                refs.Add(new SlotRef(d + 1, s));
            }
            if (refs.Count > SlotMask.MaxSlots)
            {
                throw new FormatException($"the forum has more than {SlotMask.MaxSlots} slots in all.");
            }
            foreach (var part in day.Sessions)
            {
                if (part.From < 1 || part.To > day.Slots || part.From > part.To)
                {
                    throw new FormatException($"session {part.Name} of day {d + 1} is outside slots 1..{day.Slots}.");
                }
                var mask = SlotMask.Range(offset + part.From - 1, offset + part.To);
                if ((session & mask) != 0)
                {
                    throw new FormatException($"session {part.Name} of day {d + 1} overlaps another session.");
                }
                session |= mask;
                blocks.Add(mask);
                SessionsByName[part.Name] = SessionsByName.GetValueOrDefault(part.Name) | mask;
            }
        }
        SlotCount = refs.Count;
        SlotRefs = [.. refs];
        SessionSlots = session;
        Counter = BreakCounter.FromBlocks(blocks);
    }

    private ulong Mask(IEnumerable<SlotRange>? ranges, int widen = 0)
    {
        var mask = 0UL;
        foreach (var r in ranges ?? [])
        {
            if (r.Day < 1 || r.Day > Instance.Days.Count || r.From > r.To)
            {
                throw new FormatException($"range day {r.Day} slots {r.From}..{r.To} is not in the grid.");
            }
            var dayStart = Array.FindIndex(SlotRefs, x => x.Day == r.Day);
            var daySlots = Instance.Days[r.Day - 1].Slots;
            var from = Math.Max(1, r.From - widen);
            var to = Math.Min(daySlots, r.To + widen);
            if (from <= to)
            {
                mask |= SlotMask.Range(dayStart + from - 1, dayStart + to);
            }
        }
        return mask;
    }

    private void CompileTables()
    {
        TableAvailable = new ulong[Instance.Tables.Count];
        for (var t = 0; t < Instance.Tables.Count; t++)
        {
            var table = Instance.Tables[t];
            if (!TableIndex.TryAdd(table.Id, t))
            {
                throw new FormatException($"table {table.Id} appears twice.");
            }
            TableAvailable[t] = SessionSlots & ~Mask(table.Unavailable);
        }
        TablesPerSlot = new int[SlotCount];
        for (var s = 0; s < SlotCount; s++)
        {
            TablesPerSlot[s] = TableAvailable.Count(mask => SlotMask.Contains(mask, s));
        }
    }

    private void CompileParticipants()
    {
        ParticipantAvailable = new ulong[Instance.Participants.Count];
        for (var p = 0; p < Instance.Participants.Count; p++)
        {
            var participant = Instance.Participants[p];
            if (!ParticipantIndex.TryAdd(participant.Id, p))
            {
                throw new FormatException($"participant {participant.Id} appears twice.");
            }
            ParticipantAvailable[p] = SessionSlots & ~Mask(participant.Unavailable) & ~Mask(participant.Busy, Instance.BufferSlots);
        }
    }

    private void CompileRequests()
    {
        var n = Instance.Requests.Count;
        First = new int[n];
        Second = new int[n];
        Weight = new int[n];
        NeedsInterpreter = new bool[n];
        Domain = new ulong[n];
        SessionDomain = new ulong[n];
        LockedSlot = new int[n];
        LockedTable = new int[n];
        var requestsOf = Enumerable.Range(0, Instance.Participants.Count).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < n; r++)
        {
            var request = Instance.Requests[r];
            if (!RequestIndex.TryAdd(request.Id, r))
            {
                throw new FormatException($"request {request.Id} appears twice.");
            }
            First[r] = Participant(request.First, request.Id);
            Second[r] = Participant(request.Second, request.Id);
            if (First[r] == Second[r])
            {
                throw new FormatException($"request {request.Id} pairs a participant with itself.");
            }
            if (request.Weight <= 0)
            {
                throw new FormatException($"request {request.Id} must have a positive weight.");
            }
            Weight[r] = request.Weight;
            var a = Instance.Participants[First[r]];
            var b = Instance.Participants[Second[r]];
            NeedsInterpreter[r] = !(a.Languages ?? []).Intersect(b.Languages ?? [], StringComparer.OrdinalIgnoreCase).Any();
            SessionDomain[r] = request.Session is null
                ? SessionSlots
                : SessionsByName.TryGetValue(request.Session, out var named)
                    ? named
                    : throw new FormatException($"request {request.Id} names an unknown session {request.Session}.");
            (LockedSlot[r], LockedTable[r]) = Lock(request);
            if (LockedSlot[r] >= 0)
            {
                SessionDomain[r] &= SlotMask.Bit(LockedSlot[r]);
            }
            Domain[r] = SessionDomain[r] & ParticipantAvailable[First[r]] & ParticipantAvailable[Second[r]]
                & (LockedTable[r] >= 0 ? TableAvailable[LockedTable[r]] : ulong.MaxValue);
            requestsOf[First[r]].Add(r);
            requestsOf[Second[r]].Add(r);
        }
        RequestsOf = requestsOf.Select(l => l.ToArray()).ToArray();
        Interpreting = InterpreterModel.Compile(Instance, First, Second);
        for (var r = 0; r < n; r++)
        {
            if (Interpreting.ClassOf[r] == InterpreterModel.Unservable)
            {
                Domain[r] = 0;
            }
        }
    }

    private (int Slot, int Table) Lock(ForumRequest request)
    {
        if (request.Locked is not { } locked)
        {
            return (-1, -1);
        }
        var slot = GlobalSlot(locked.Day, locked.Slot);
        if (slot < 0)
        {
            throw new FormatException($"request {request.Id} is locked to day {locked.Day} slot {locked.Slot}, outside the grid.");
        }
        var table = -1;
        if (locked.Table is { } id && !TableIndex.TryGetValue(id, out table))
        {
            throw new FormatException($"request {request.Id} is locked to an unknown table {id}.");
        }
        return (slot, table);
    }

    private int Participant(string id, string request) =>
        ParticipantIndex.TryGetValue(id, out var p) ? p : throw new FormatException($"request {request} names an unknown participant {id}.");
}
