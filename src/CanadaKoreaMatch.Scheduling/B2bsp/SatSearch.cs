using CanadaKoreaMatch.Scheduling.Core;
using CanadaKoreaMatch.Scheduling.Sat;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Complete search for schedules with few breaks: the B2BSP as clauses for <see cref="SatSolver"/>, with the total
/// number of breaks under a counter whose bound only tightens, so that each call keeps what earlier calls learnt.
/// A schedule found with at most k breaks improves the incumbent; a proof that none exists makes the incumbent optimal.
/// </summary>
/// <remarks>
/// Variables: meeting m in slot s; participant p busy in slot s; p busy in s or later; a break of p starting in s.
/// Break variables are only forced upwards (busy before, idle now, busy later), which is all an upper bound needs.
/// Fairness becomes "at most d breaks each", exact whenever some participant must have none: one with fewer than two
/// meetings, or any schedule under the bound when the bound is below the number of participants.
/// Redundant clauses that speed up the search: each participant is busy in exactly as many slots as it has meetings.
/// Table capacity is added slot by slot when a found schedule overfills a slot. The solver branches on meeting and
/// busy variables only; every other variable is forced by them.
/// </remarks>
internal sealed class SatSearch
{
    private readonly B2bspModel model;
    private readonly SatSolver solver;
    private readonly int[][] placed;
    private readonly int[] totalAtLeast;
    private readonly int[][] busyVariables;
    private readonly bool[] tablesEncoded;
    private readonly List<int>[] breaksOf;

    private SatSearch(B2bspModel model, int? maxBreaks, bool alternating, bool busyCapacity, int restartUnit)
    {
        this.model = model;
        solver = new SatSolver(alternating, restartUnit);
        placed = new int[model.MeetingCount][];
        busyVariables = new int[model.Participants][];
        breaksOf = new List<int>[model.Participants];
        tablesEncoded = new bool[model.Slots];
        EncodeMeetings();
        EncodeParticipants();
        EncodePrecedences();
        var breaks = EncodeBreaks();
        if (busyCapacity)
        {
            EncodeBusyCapacity();
        }
        if (maxBreaks is { } limit)
        {
            totalAtLeast = Cardinality.Counter(solver, breaks, limit + 1);
            Bound = limit + 1;
            Tighten(limit);
        }
        else
        {
            totalAtLeast = [];
            Bound = int.MaxValue;
        }
    }

    /// <summary>The total breaks of any schedule this search can still return are at most this.</summary>
    public int Bound { get; private set; }

    public long Conflicts => solver.Conflicts;

    /// <summary>Variables so far; two searches built by the same steps number their variables alike.</summary>
    public int Variables => solver.VariableCount;

    /// <summary>The break-start literals of each participant (true when it begins a break in a slot; forced upwards only).</summary>
    public IReadOnlyList<int>[] BreakLiteralsOf => breaksOf;

    /// <summary>After an unsatisfiable <see cref="FindUnder"/>: assumptions that cannot all hold.</summary>
    public IReadOnlyList<int> Core => solver.FailedAssumptions;

    /// <summary>A counter over <paramref name="lits"/>; see <see cref="Cardinality.Counter"/>.</summary>
    public int[] Counter(IReadOnlyList<int> lits, int limit) => Cardinality.Counter(solver, lits, limit);

    /// <summary>Looks for a schedule under <paramref name="assumptions"/>.</summary>
    public SatOutcome FindUnder(
        IReadOnlyList<int> assumptions, long maxConflicts, CancellationToken cancellation, out int[] schedule) =>
        Solve(assumptions, maxConflicts, null, cancellation, out schedule);

    /// <summary>
    /// A search among schedules with at most <paramref name="maxBreaks"/> breaks (any number when null, and then
    /// <see cref="Tighten"/> has no effect), or null when the encoding would not be exact. <paramref name="alternating"/>
    /// and <paramref name="restartUnit"/> select the solver's modes (see <see cref="SatSolver(bool, int)"/>);
    /// <paramref name="busyCapacity"/> adds the redundant count of busy participants per slot (see
    /// <see cref="EncodeBusyCapacity"/>).
    /// </summary>
    public static SatSearch? Create(
        B2bspModel model,
        int? maxBreaks,
        bool alternating = false,
        bool busyCapacity = false,
        int restartUnit = SatSolver.DefaultRestartUnit)
    {
        var someoneHasNoBreak = model.MeetingsOf.Any(meetings => meetings.Length < 2) || maxBreaks < model.Participants;
        return model.Fairness is null || someoneHasNoBreak
            ? new SatSearch(model, maxBreaks, alternating, busyCapacity, restartUnit)
            : null;
    }

    /// <summary>Adds <paramref name="literal"/> as a fact (where an assumption would hold for one call only).</summary>
    public void Assert(int literal) => solver.AddClause([literal]);

    /// <summary>
    /// Looks for a schedule with at most <paramref name="maxBreaks"/> breaks, trying the slots of
    /// <paramref name="guide"/> first; with <paramref name="free"/>, every other meeting stays in its slot of
    /// <paramref name="guide"/>. Satisfiable: <paramref name="schedule"/> holds one. Unsatisfiable: none exists (among
    /// those that keep the fixed meetings, unless <see cref="ProvedNone"/>).
    /// </summary>
    /// <remarks><paramref name="atRestart"/> runs at the root after each restart; it may call <see cref="Tighten"/>.</remarks>
    public SatOutcome Find(
        int maxBreaks,
        int[]? guide,
        bool[]? free,
        long maxConflicts,
        Action? atRestart,
        CancellationToken cancellation,
        out int[] schedule)
    {
        schedule = [];
        Tighten(maxBreaks);
        if (guide is not null)
        {
            Guide(guide);
        }
        List<int>? assumptions = null;
        if (guide is not null && free is not null)
        {
            assumptions = [];
            for (var m = 0; m < model.MeetingCount; m++)
            {
                if (!free[m])
                {
                    assumptions.Add(placed[m][guide[m]]);
                }
            }
        }
        return Solve(assumptions, maxConflicts, atRestart, cancellation, out schedule);
    }

    /// <summary>Solves, adding the table capacity of overfilled slots until a schedule respects every slot.</summary>
    private SatOutcome Solve(
        IReadOnlyList<int>? assumptions,
        long maxConflicts,
        Action? atRestart,
        CancellationToken cancellation,
        out int[] schedule)
    {
        schedule = [];
        var end = maxConflicts == long.MaxValue ? long.MaxValue : solver.Conflicts + maxConflicts;
        while (true)
        {
            var outcome = solver.Solve(cancellation, end - solver.Conflicts, atRestart, assumptions);
            if (outcome != SatOutcome.Satisfiable)
            {
                return outcome;
            }
            schedule = Decode();
            if (!EncodeOverfullTables(schedule))
            {
                return outcome;
            }
            schedule = [];
        }
    }

    /// <summary>No schedule at all has at most <see cref="Bound"/> breaks.</summary>
    public bool ProvedNone => solver.ProvedUnsatisfiable;

    /// <summary>From now on only schedules with at most <paramref name="maxBreaks"/> breaks count.</summary>
    public void Tighten(int maxBreaks)
    {
        if (maxBreaks >= Bound || totalAtLeast.Length == 0)
        {
            return;
        }
        if (maxBreaks < 0)
        {
            solver.AddClause([]);
        }
        else if (totalAtLeast[maxBreaks] >= 0)
        {
            solver.AddClause([totalAtLeast[maxBreaks] ^ 1]);
        }
        Bound = maxBreaks;
    }

    private void EncodeMeetings()
    {
        for (var m = 0; m < model.MeetingCount; m++)
        {
            placed[m] = new int[model.Slots];
            Array.Fill(placed[m], -1);
            var options = new List<int>();
            foreach (var s in SlotMask.Slots(model.Domain[m]))
            {
                placed[m][s] = SatSolver.Positive(solver.NewVariable());
                options.Add(placed[m][s]);
            }
            solver.AddClause(options.ToArray());
            Cardinality.AtMost(solver, options, 1);
        }
    }

    private void EncodeParticipants()
    {
        for (var p = 0; p < model.Participants; p++)
        {
            busyVariables[p] = new int[model.Slots];
            Array.Fill(busyVariables[p], -1);
            var busy = new List<int>();
            for (var s = 0; s < model.Slots; s++)
            {
                var here = model.MeetingsOf[p].Select(m => placed[m][s]).Where(lit => lit >= 0).ToArray();
                if (here.Length == 0)
                {
                    continue;
                }
                var b = SatSolver.Positive(solver.NewVariable(decision: true));
                busyVariables[p][s] = b;
                busy.Add(b);
                foreach (var lit in here)
                {
                    solver.AddClause([lit ^ 1, b]);
                }
                solver.AddClause([b ^ 1, .. here]);
                Cardinality.AtMost(solver, here, 1);
            }
            var meetings = model.MeetingsOf[p].Length;
            if (meetings > 0)
            {
                Cardinality.AtMost(solver, busy, meetings);
                Cardinality.AtLeast(solver, busy, meetings);
            }
        }
    }

    /// <summary>
    /// Table capacity is encoded lazily, slot by slot, when a schedule overfills a slot: most slots never bind and their
    /// counters would be the bulk of the clauses. Returns whether any slot was added.
    /// </summary>
    private bool EncodeOverfullTables(int[] schedule)
    {
        var load = new int[model.Slots];
        foreach (var s in schedule)
        {
            load[s]++;
        }
        var added = false;
        for (var s = 0; s < model.Slots; s++)
        {
            if (load[s] > model.Tables && !tablesEncoded[s])
            {
                tablesEncoded[s] = true;
                added = true;
                var here = placed.Select(slots => slots[s]).Where(lit => lit >= 0).ToArray();
                Cardinality.AtMost(solver, here, model.Tables);
            }
        }
        return added;
    }

    /// <summary>
    /// Redundant: a slot with at most <c>nTables</c> meetings has at most twice as many busy participants. The meetings'
    /// own capacity comes lazily (<see cref="EncodeOverfullTables"/>); this count over the busy variables, on which the
    /// solver branches, lets it see early that participants crowd a slot. It makes some refutations much faster and
    /// others much slower (decision 106), so only one of the two core searches has it.
    /// </summary>
    private void EncodeBusyCapacity()
    {
        for (var s = 0; s < model.Slots; s++)
        {
            if (placed.Count(slots => slots[s] >= 0) > model.Tables)
            {
                var busy = busyVariables.Select(slots => slots[s]).Where(lit => lit >= 0).ToArray();
                Cardinality.AtMost(solver, busy, 2 * model.Tables);
            }
        }
    }

    private void EncodePrecedences()
    {
        for (var m = 0; m < model.MeetingCount; m++)
        {
            foreach (var before in model.Predecessors[m])
            {
                foreach (var s in SlotMask.Slots(model.Domain[m]))
                {
                    var earlier = SlotMask.Slots(model.Domain[before] & SlotMask.FirstSlots(s)).Select(t => placed[before][t]);
                    solver.AddClause([placed[m][s] ^ 1, .. earlier]);
                }
            }
        }
    }

    private List<int> EncodeBreaks()
    {
        var all = new List<int>();
        for (var p = 0; p < model.Participants; p++)
        {
            if (model.MeetingsOf[p].Length < 2)
            {
                breaksOf[p] = [];
                continue;
            }
            var busy = busyVariables[p];
            var later = new int[model.Slots + 1];
            later[model.Slots] = -1;
            for (var s = model.Slots - 1; s >= 0; s--)
            {
                if (busy[s] < 0 && later[s + 1] < 0)
                {
                    later[s] = -1;
                    continue;
                }
                later[s] = SatSolver.Positive(solver.NewVariable(decision: false));
                if (busy[s] >= 0)
                {
                    solver.AddClause([busy[s] ^ 1, later[s]]);
                }
                if (later[s + 1] >= 0)
                {
                    solver.AddClause([later[s + 1] ^ 1, later[s]]);
                }
            }
            var own = new List<int>();
            for (var s = 1; s + 1 < model.Slots; s++)
            {
                if (busy[s - 1] < 0 || later[s + 1] < 0)
                {
                    continue;
                }
                var start = SatSolver.Positive(solver.NewVariable(decision: false));
                own.Add(start);
                if (busy[s] >= 0)
                {
                    solver.AddClause([busy[s - 1] ^ 1, busy[s], later[s + 1] ^ 1, start]);
                }
                else
                {
                    solver.AddClause([busy[s - 1] ^ 1, later[s + 1] ^ 1, start]);
                }
            }
            if (model.Fairness is { } d)
            {
                Cardinality.AtMost(solver, own, d);
            }
            all.AddRange(own);
            breaksOf[p] = own;
        }
        return all;
    }

    private void Guide(int[] slots)
    {
        for (var m = 0; m < model.MeetingCount; m++)
        {
            for (var s = 0; s < model.Slots; s++)
            {
                if (placed[m][s] >= 0)
                {
                    solver.SetPhase(placed[m][s] >> 1, slots[m] == s);
                }
            }
        }
    }

    private int[] Decode()
    {
        var slots = new int[model.MeetingCount];
        for (var m = 0; m < model.MeetingCount; m++)
        {
            slots[m] = Array.FindIndex(placed[m], lit => lit >= 0 && solver.Value(lit >> 1));
        }
        return slots;
    }
}
