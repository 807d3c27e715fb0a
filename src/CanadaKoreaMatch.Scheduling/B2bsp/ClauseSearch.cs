using CanadaKoreaMatch.Scheduling.Sat;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>
/// Drives <see cref="SatSearch"/> below the incumbent and <see cref="CoreSearch"/> above the lower bound, in a cycle of
/// four calls. The first and third free a neighbourhood of the incumbent (the meetings in a window of slots plus those
/// of participants with breaks, or a spread from participants with breaks through their partners) and keep every
/// other meeting where it is, with a small conflict budget; the neighbourhood grows while it is proved to hold nothing
/// better and shrinks when its budget runs out. The second advances the core search, which raises the lower bound;
/// the fourth searches the whole problem below the incumbent. Either of the last two can prove the incumbent optimal;
/// their budgets grow while they make no progress.
/// </summary>
internal sealed class ClauseSearch(B2bspModel model, Incumbent incumbent, int seed)
{
    private const long NeighbourhoodConflicts = 2_000;
    private const long FirstFullConflicts = 10_000;
    private const long WaitingConflicts = 500;
    private const long SecondCoreConflicts = 2_000;
    private static readonly TimeSpan HeadStart = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Calm = TimeSpan.FromSeconds(1);

    private readonly Random random = new(seed);
    private double share = 0.3;
    private CoreSearch? replica;
    private int replayedBound = -1;

    /// <summary>Returned by <see cref="Run"/> when no schedule satisfies the constraints.</summary>
    public const int NoSchedule = int.MaxValue;

    /// <summary>
    /// Improves the incumbent until it reaches <paramref name="lowerBound"/>, the budget ends or a proof that it is
    /// optimal; returns the lower bound the search proved (0 when it proved none, <see cref="NoSchedule"/> when the
    /// instance is proved infeasible) and cancels <paramref name="stop"/> on a proof. Beside a local search (<paramref name="concurrent"/>),
    /// it first gives that search a head start; without any schedule, it first looks for one.
    /// </summary>
    public int Run(int lowerBound, long maxConflicts, bool concurrent, CancellationTokenSource stop)
    {
        var core = CoreSearch.Create(model);
        if (concurrent && WaitForLocalSearch(core, stop) is { } early)
        {
            return early;
        }
        if (core is not null && maxConflicts != long.MaxValue)
        {
            maxConflicts -= core.Conflicts;
        }
        if (incumbent.Best().Slots is null)
        {
            if (SatSearch.Create(model, null) is not { } any)
            {
                return core?.Bound ?? 0;
            }
            var outcome = any.Find(int.MaxValue, null, null, maxConflicts, null, stop.Token, out var schedule);
            incumbent.Report($"clause search for any schedule: {outcome}, {any.Conflicts} conflicts");
            if (outcome == SatOutcome.Unsatisfiable)
            {
                stop.Cancel();
                return NoSchedule;
            }
            if (outcome == SatOutcome.Satisfiable)
            {
                Offer(schedule, int.MaxValue, "clause search");
            }
            if (maxConflicts != long.MaxValue)
            {
                maxConflicts -= any.Conflicts;
            }
        }
        var width = incumbent.Breaks - 1;
        if (incumbent.Best().Slots is null || maxConflicts <= 0 || SatSearch.Create(model, width) is not { } search)
        {
            return core?.Bound ?? 0;
        }
        var left = maxConflicts;
        var fullConflicts = FirstFullConflicts;
        var coreConflicts = FirstFullConflicts;
        var interrupt = InterruptForReplay(core, stop);
        try
        {
            for (var call = 1; !stop.IsCancellationRequested && left > 0; call++)
            {
                var (breaks, slots) = incumbent.Best();
                lowerBound = Math.Max(lowerBound, Math.Max(core?.Bound ?? 0, incumbent.Bound));
                if (breaks <= lowerBound || slots is null)
                {
                    stop.Cancel();
                    return core?.Bound ?? 0;
                }
                if (ReplayTurn(core, stop, out var replayed))
                {
                    if (replayed is { } proved)
                    {
                        return proved;
                    }
                    continue;
                }
                if (interrupt.Source.IsCancellationRequested)
                {
                    interrupt.Watch.Dispose();
                    interrupt.Source.Dispose();
                    interrupt = InterruptForReplay(core, stop);
                }
                if (core is not null && call % 4 == 2)
                {
                    var before = (core.Bound, core.Conflicts);
                    var result = AdvanceCore(core, Math.Min(coreConflicts, left), stop, interrupt.Source.Token);
                    left -= core.Conflicts - before.Conflicts;
                    if (result is not null)
                    {
                        return result.Value;
                    }
                    if (core.Bound == before.Bound)
                    {
                        coreConflicts += coreConflicts / 2;
                    }
                    continue;
                }
                if (2 * breaks < width && SatSearch.Create(model, breaks - 1) is { } narrower)
                {
                    search = narrower;
                    width = breaks - 1;
                }
                var whole = call % 4 == 0;
                var free = whole ? null : Neighbourhood(slots);
                var spent = search.Conflicts;
                var outcome = search.Find(
                    breaks - 1,
                    slots,
                    free,
                    Math.Min(whole ? fullConflicts : NeighbourhoodConflicts, left),
                    () => search.Tighten(incumbent.Breaks - 1),
                    interrupt.Source.Token,
                    out var schedule);
                left -= search.Conflicts - spent;
                incumbent.Report(
                    $"clause search {(whole ? "whole problem" : $"{free!.Count(f => f)} free meetings")}, at most {search.Bound} breaks: {outcome}, {search.Conflicts} conflicts");
                switch (outcome)
                {
                    case SatOutcome.Satisfiable:
                        Offer(schedule, search.Bound, "clause search");
                        break;
                    case SatOutcome.Unsatisfiable when search.ProvedNone:
                        stop.Cancel();
                        return search.Bound + 1;
                    case SatOutcome.Unsatisfiable:
                        share = Math.Min(0.9, share * 1.2);
                        break;
                    default:
                        if (whole)
                        {
                            fullConflicts += fullConflicts / 2;
                        }
                        else
                        {
                            share = Math.Max(0.05, share / 1.2);
                        }
                        break;
                }
            }
        }
        finally
        {
            interrupt.Watch.Dispose();
            interrupt.Source.Dispose();
        }
        return core?.Bound ?? 0;
    }

    /// <summary>
    /// A token for the calls of <see cref="Run"/> that fires with <paramref name="stop"/> or as soon as a replay is due,
    /// so that a long call does not hold the replay up.
    /// </summary>
    private (CancellationTokenSource Source, Timer Watch) InterruptForReplay(CoreSearch? core, CancellationTokenSource stop)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        return (source, Watch.CancelWhen(() => ReplayDue(core) is not null, source));
    }

    /// <summary>The published state of the core search with the busy count, when it is ahead of this search's own and not yet replayed.</summary>
    private CoreProgress? ReplayDue(CoreSearch? core) =>
        incumbent.Cores is { } progress && progress.Bound > (core?.Bound ?? 0) && progress.Bound != Volatile.Read(ref replayedBound)
            ? progress
            : null;

    /// <summary>
    /// Runs a second core search, with the redundant count of busy participants per slot, until it proves a result or
    /// <paramref name="stop"/> fires; returns the bound it proved (<see cref="NoSchedule"/> when the instance is
    /// infeasible). Its bounds are shared through the incumbent with the other searches.
    /// </summary>
    public int RunCore(CancellationTokenSource stop)
    {
        if (CoreSearch.Create(model, busyCapacity: true) is not { } core)
        {
            return 0;
        }
        while (!stop.IsCancellationRequested)
        {
            var before = core.Bound;
            if (AdvanceCore(core, SecondCoreConflicts, stop, stop.Token) is { } result)
            {
                return result;
            }
            if (core.Bound > before)
            {
                incumbent.Publish(core.Progress);
            }
        }
        return core.Bound;
    }

    /// <summary>
    /// Once the core search with the busy count (<see cref="RunCore"/>) has a higher bound than this search's own, this
    /// search rebuilds that formula (<see cref="CoreSearch.Replay"/>) and looks for a schedule at its bound, until the
    /// bound rises again: the last step of a core search, finding the schedule, goes faster that way (decision 107).
    /// Returns whether it took the turn; <paramref name="proved"/> is the bound proved when the run should end.
    /// </summary>
    private bool ReplayTurn(CoreSearch? core, CancellationTokenSource stop, out int? proved)
    {
        proved = null;
        if (ReplayDue(core) is { } due)
        {
            Volatile.Write(ref replayedBound, due.Bound);
            replica = CoreSearch.Replay(model, due);
            incumbent.Report($"replayed core search at {due.Bound} breaks: {(replica is null ? "formula differs" : "built")}");
        }
        if (replica is null || replayedBound <= (core?.Bound ?? 0))
        {
            return false;
        }
        var bound = replayedBound;
        using var superseded = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        using var watch = Watch.CancelWhen(() => incumbent.Cores?.Bound > bound, superseded);
        var outcome = replica.SolveAtBound(superseded.Token);
        incumbent.Report($"replayed core search at {bound} breaks: {outcome}, {replica.Conflicts} conflicts");
        switch (outcome)
        {
            case SatOutcome.Satisfiable:
                Offer(replica.Optimum!, bound, "replayed core search");
                stop.Cancel();
                proved = bound;
                break;
            case SatOutcome.Unsatisfiable:
                incumbent.RaiseBound(bound + 1);
                replica = null;
                break;
        }
        return true;
    }

    private void Offer(int[] schedule, int atMost, string source)
    {
        var state = new SearchState(model, schedule);
        if (!state.IsFeasible || state.Breaks > atMost)
        {
            throw new InvalidOperationException("the clause model accepted a schedule that breaks a constraint");
        }
        incumbent.Offer(state.Breaks, schedule, source);
    }

    /// <summary>
    /// Advances the core search; returns the result of the whole run when it ended with a proof (and cancels
    /// <paramref name="stop"/>), null otherwise.
    /// </summary>
    private int? AdvanceCore(CoreSearch core, long budget, CancellationTokenSource stop, CancellationToken cancellation)
    {
        var before = core.Bound;
        core.Advance(budget, incumbent.Breaks, cancellation);
        incumbent.RaiseBound(core.Bound);
        if (core.Bound != before)
        {
            incumbent.Report($"core search: at least {core.Bound} breaks, {core.Conflicts} conflicts");
        }
        if (core.Infeasible)
        {
            stop.Cancel();
            return NoSchedule;
        }
        if (core.Optimum is { } optimum)
        {
            Offer(optimum, core.Bound, "core search");
            stop.Cancel();
            return core.Bound;
        }
        if (core.Bound >= incumbent.Breaks)
        {
            stop.Cancel();
            return core.Bound;
        }
        return null;
    }

    /// <summary>
    /// Gives the local search a head start: waits for its first schedule (at most <see cref="HeadStart"/>) and then
    /// until it has gone <see cref="Calm"/> without improving, so that the counter of breaks is sized to a good
    /// incumbent. The core search, which needs no incumbent, runs meanwhile. Returns the result of the run when it
    /// should end (cancelled, or a proof), null to go on.
    /// </summary>
    private int? WaitForLocalSearch(CoreSearch? core, CancellationTokenSource stop)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var breaks = incumbent.Breaks;
        var changed = TimeSpan.Zero;
        while (incumbent.Breaks == int.MaxValue ? clock.Elapsed < HeadStart : clock.Elapsed - changed < Calm)
        {
            if (core is not null)
            {
                if (AdvanceCore(core, WaitingConflicts, stop, stop.Token) is { } result)
                {
                    return result;
                }
            }
            else
            {
                stop.Token.WaitHandle.WaitOne(100);
            }
            if (stop.IsCancellationRequested)
            {
                return core?.Bound ?? 0;
            }
            if (incumbent.Breaks != breaks)
            {
                breaks = incumbent.Breaks;
                changed = clock.Elapsed;
            }
        }
        return null;
    }

    private bool[] Neighbourhood(int[] slots)
    {
        var free = new bool[model.MeetingCount];
        var target = Math.Max(1, (int)(share * model.MeetingCount));
        if (random.Next(2) == 0)
        {
            FreeWindow(slots, free, target);
        }
        else
        {
            FreeAroundBreaks(slots, free, target);
        }
        return free;
    }

    private void FreeWindow(int[] slots, bool[] free, int target)
    {
        var perSlot = new int[model.Slots];
        foreach (var s in slots)
        {
            perSlot[s]++;
        }
        var from = random.Next(model.Slots);
        var to = from + 1;
        var count = perSlot[from];
        while (count < target && (from > 0 || to < model.Slots))
        {
            if (to < model.Slots && (from == 0 || random.Next(2) == 0))
            {
                count += perSlot[to++];
            }
            else
            {
                count += perSlot[--from];
            }
        }
        var state = new SearchState(model, slots);
        for (var m = 0; m < model.MeetingCount; m++)
        {
            free[m] = (slots[m] >= from && slots[m] < to)
                || state.BreaksOf(model.First[m]) > 0 || state.BreaksOf(model.Second[m]) > 0;
        }
    }

    private void FreeAroundBreaks(int[] slots, bool[] free, int target)
    {
        var state = new SearchState(model, slots);
        var withBreaks = Enumerable.Range(0, model.Participants).Where(p => state.BreaksOf(p) > 0).ToList();
        var queue = new Queue<int>();
        var queued = new bool[model.Participants];
        void Enqueue(int p)
        {
            if (!queued[p])
            {
                queued[p] = true;
                queue.Enqueue(p);
            }
        }
        var count = 0;
        while (count < target)
        {
            if (queue.Count == 0)
            {
                var fresh = withBreaks.Where(p => !queued[p]).ToList();
                if (fresh.Count == 0)
                {
                    fresh = Enumerable.Range(0, model.Participants).Where(p => !queued[p]).ToList();
                }
                if (fresh.Count == 0)
                {
                    break;
                }
                Enqueue(fresh[random.Next(fresh.Count)]);
            }
            var participant = queue.Dequeue();
            foreach (var m in model.MeetingsOf[participant].OrderBy(_ => random.Next()))
            {
                if (!free[m] && count < target)
                {
                    free[m] = true;
                    count++;
                    Enqueue(model.First[m] == participant ? model.Second[m] : model.First[m]);
                }
            }
        }
    }
}
