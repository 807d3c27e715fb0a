using CanadaKoreaMatch.Scheduling.Sat;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Raises a lower bound on the total breaks from below (core-guided search). Each participant's breaks are counted;
/// the search assumes no participant has more than its own lower bound. An unsatisfiable call returns a core, a set
/// of those assumptions that cannot all hold, which proves one more break overall; the core is then replaced by a
/// counter that lets one of them give way, and each counter bound that gives way is replaced by the next. The first
/// satisfiable call is an optimal schedule. Calls take a conflict budget and resume where the last one stopped.
/// Its solver alternates between a focused and a stable mode, which finds cores faster (decision 105).
/// </summary>
internal sealed class CoreSearch
{
    private const long TrimConflicts = 1_000;
    private const long MinimiseConflicts = 300;
    private const int TrimRounds = 3;
    private const int ReplayRestartUnit = 1024;

    private readonly SatSearch search;
    private readonly Dictionary<int, (int[] Outputs, int Index)> next = [];
    private readonly HashSet<int> assumptions = [];
    private readonly List<int[]> relaxed = [];
    private bool asserted;

    private CoreSearch(B2bspModel model, SatSearch search)
    {
        this.search = search;
        var perParticipant = LowerBound.PerParticipant(model);
        for (var p = 0; p < model.Participants; p++)
        {
            var lits = search.BreakLiteralsOf[p];
            if (lits.Count == 0)
            {
                continue;
            }
            var outputs = search.Counter(lits, lits.Count - 1);
            Bound += perParticipant[p];
            Assume(outputs, perParticipant[p]);
        }
    }

    /// <summary>Proved: every schedule has at least this many breaks.</summary>
    public int Bound { get; private set; }

    /// <summary>An optimal schedule, once found.</summary>
    public int[]? Optimum { get; private set; }

    /// <summary>Proved that no schedule satisfies the constraints.</summary>
    public bool Infeasible { get; private set; }

    public long Conflicts => search.Conflicts;

    /// <summary>The cores relaxed so far, in order: enough to build the same formula again (<see cref="Replay"/>).</summary>
    public CoreProgress Progress => new(Bound, [.. relaxed], search.Variables);

    /// <summary>
    /// A core search over <paramref name="model"/>, or null when the clause model would not be exact;
    /// <paramref name="busyCapacity"/> adds the redundant count of busy participants per slot.
    /// </summary>
    public static CoreSearch? Create(B2bspModel model, bool busyCapacity = false) =>
        SatSearch.Create(model, null, alternating: true, busyCapacity) is { } search ? new CoreSearch(model, search) : null;

    /// <summary>
    /// Builds the formula a core search with the busy count had reached at <paramref name="progress"/> on a solver that
    /// keeps to the stable mode with long restart intervals, which finds schedules faster than the alternating one
    /// (decision 107), for <see cref="SolveAtBound"/>. Null when the rebuilt formula would not be the same one (its
    /// variables do not line up).
    /// </summary>
    public static CoreSearch? Replay(B2bspModel model, CoreProgress progress)
    {
        if (SatSearch.Create(model, null, alternating: false, busyCapacity: true, ReplayRestartUnit) is not { } search)
        {
            return null;
        }
        var replica = new CoreSearch(model, search);
        foreach (var core in progress.Cores)
        {
            replica.Relax([.. core]);
        }
        return replica.Bound == progress.Bound && search.Variables == progress.Variables ? replica : null;
    }

    /// <summary>
    /// Looks for a schedule with as many breaks as the bound, taking every assumption as a fact rather than an
    /// assumption. Satisfiable: <see cref="Optimum"/> holds an optimal schedule. Unsatisfiable: every schedule has at
    /// least one more break than the bound, but without a core the search cannot go on from here.
    /// </summary>
    public SatOutcome SolveAtBound(CancellationToken cancellation)
    {
        if (!asserted)
        {
            asserted = true;
            foreach (var lit in assumptions)
            {
                search.Assert(lit);
            }
        }
        var outcome = search.FindUnder([], long.MaxValue, cancellation, out var schedule);
        if (outcome == SatOutcome.Satisfiable)
        {
            Optimum = schedule;
        }
        return outcome;
    }

    /// <summary>
    /// Searches for up to <paramref name="maxConflicts"/> conflicts, until an optimum is found, infeasibility is proved
    /// or the bound reaches <paramref name="stopAt"/>.
    /// </summary>
    public void Advance(long maxConflicts, int stopAt, CancellationToken cancellation)
    {
        var end = maxConflicts == long.MaxValue ? long.MaxValue : search.Conflicts + maxConflicts;
        while (Optimum is null && !Infeasible && Bound < stopAt && search.Conflicts < end
            && !cancellation.IsCancellationRequested)
        {
            var outcome = search.FindUnder(assumptions.ToList(), end - search.Conflicts, cancellation, out var schedule);
            if (outcome == SatOutcome.Unknown)
            {
                return;
            }
            if (outcome == SatOutcome.Satisfiable)
            {
                Optimum = schedule;
                return;
            }
            if (search.Core.Count == 0)
            {
                Infeasible = true;
                return;
            }
            Relax(Minimise(Trim(search.Core.ToList(), cancellation), cancellation));
        }
    }

    private void Relax(List<int> core)
    {
        relaxed.Add([.. core]);
        Bound++;
        foreach (var lit in core)
        {
            assumptions.Remove(lit);
            if (next.Remove(lit, out var counter))
            {
                Assume(counter.Outputs, counter.Index + 1);
            }
        }
        if (core.Count > 1)
        {
            Assume(search.Counter(core.Select(lit => lit ^ 1).ToList(), core.Count - 1), 1);
        }
    }

    /// <summary>Assumes that fewer than <paramref name="index"/> + 1 inputs of a counter hold, when that can fail.</summary>
    private void Assume(int[] outputs, int index)
    {
        if (index < outputs.Length && outputs[index] >= 0)
        {
            next[outputs[index] ^ 1] = (outputs, index);
            assumptions.Add(outputs[index] ^ 1);
        }
    }

    /// <summary>Solves again under the core alone, which often returns a smaller one.</summary>
    private List<int> Trim(List<int> core, CancellationToken cancellation)
    {
        for (var round = 0; round < TrimRounds && core.Count > 1; round++)
        {
            if (search.FindUnder(core, TrimConflicts, cancellation, out _) != SatOutcome.Unsatisfiable
                || search.Core.Count == 0 || search.Core.Count >= core.Count)
            {
                break;
            }
            core = search.Core.ToList();
        }
        return core;
    }

    /// <summary>Drops assumptions one at a time while the rest is still refuted within a small budget.</summary>
    private List<int> Minimise(List<int> core, CancellationToken cancellation)
    {
        for (var i = core.Count - 1; i >= 0 && core.Count > 1; i--)
        {
            if (i >= core.Count)
            {
                continue;
            }
            var without = core.Where((_, k) => k != i).ToList();
            if (search.FindUnder(without, MinimiseConflicts, cancellation, out _) == SatOutcome.Unsatisfiable
                && search.Core.Count > 0)
            {
                core = search.Core.ToList();
            }
        }
        return core;
    }
}

/// <summary>A core search's bound, the cores it relaxed in order, and how many variables its formula had then.</summary>
internal sealed record CoreProgress(int Bound, IReadOnlyList<int[]> Cores, int Variables);
