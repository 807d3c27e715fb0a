using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>Budget and parameters of a B2BSP solve.</summary>
public sealed record B2bspOptions
{
    /// <summary>Fairness d: max − min breaks over participants must not exceed it; null means no fairness constraint.</summary>
    public int? Fairness { get; init; } = 2;

    /// <summary>Seed of the random generator; equal seeds and iteration budgets give equal results.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Deterministic budget: local-search iterations.</summary>
    public long MaxIterations { get; init; } = long.MaxValue;

    /// <summary>Node budget of the exhaustive search used on small instances to prove optimality or infeasibility.</summary>
    public long ExactNodeLimit { get; init; } = 2_000_000;

    /// <summary>
    /// Independent local searches run in parallel (different seeds); the best schedule wins. With more than one thread
    /// and no <see cref="MaxConflicts"/> budget, the first local search hands its thread to a second core search once
    /// the best schedule has gone 3 s without improving, and the clause search replays that core search's formula
    /// whenever its bound is ahead of the clause search's own.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Runs the complete clause search (<see cref="SatSearch"/>) below the best schedule of the local search: beside it on
    /// its own thread when <see cref="Threads"/> is above one, after it otherwise.
    /// </summary>
    public bool CompleteSearch { get; init; } = true;

    /// <summary>Deterministic budget of the complete search: conflicts of the clause solver.</summary>
    public long MaxConflicts { get; init; } = long.MaxValue;

    /// <summary>Receives a line each time the best schedule improves and after each call of the complete search.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Stops the search (the caller usually cancels after a time limit).</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Result of a B2BSP solve.</summary>
/// <param name="Instance">Instance name.</param>
/// <param name="Status">Optimal, Feasible, Infeasible or Unknown.</param>
/// <param name="Breaks">Total breaks of the schedule, or null when none was found.</param>
/// <param name="LowerBound">A proved lower bound on the total breaks.</param>
/// <param name="Slots">Slot (1-based) of each meeting in input order; empty when no schedule was found.</param>
/// <param name="Reason">Why the instance is infeasible, or how optimality was proved.</param>
/// <param name="Iterations">Local-search iterations used.</param>
public sealed record B2bspResult(
    string Instance,
    SolveStatus Status,
    int? Breaks,
    int LowerBound,
    IReadOnlyList<int> Slots,
    string? Reason,
    long Iterations);

/// <summary>
/// Solves the B2BSP: schedule every meeting, respecting sessions, tables, forbidden and fixed slots, precedences and
/// fairness, minimising the total number of breaks.
/// </summary>
public static class B2bspSolver
{
    private const int ExhaustiveMeetingLimit = 40;
    private static readonly TimeSpan LocalSearchCalm = TimeSpan.FromSeconds(3);

    /// <summary>Solves <paramref name="instance"/> within the budget of <paramref name="options"/>.</summary>
    public static B2bspResult Solve(B2bspInstance instance, B2bspOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        options ??= new B2bspOptions();
        instance.Validate();
        var model = B2bspModel.From(instance, options.Fairness);
        var bounds = LowerBound.PerParticipant(model);
        if (Presolve.Run(model, bounds) is { } reason)
        {
            return new B2bspResult(instance.Name, SolveStatus.Infeasible, null, 0, [], reason, 0);
        }
        bounds = LowerBound.PerParticipant(model);
        var lowerBound = bounds.Sum();

        if (model.MeetingCount <= ExhaustiveMeetingLimit)
        {
            var exact = new ExactSearch(model, bounds, options.ExactNodeLimit, options.Cancellation);
            exact.Run();
            if (exact.Complete)
            {
                return Proved(instance, exact, lowerBound);
            }
        }

        var start = SlotAssignment.Find(model.Domain, model.Tables)
            ?? throw new InvalidOperationException("presolve accepted an instance without a table assignment");
        var incumbent = new Incumbent(options.Progress);
        var concurrent = options.CompleteSearch && options.Threads > 1;
        var searches = Enumerable.Range(0, Math.Max(1, options.Threads - (concurrent ? 1 : 0)))
            .Select(i => new LocalSearch(model, options.Seed + 7919 * i, incumbent))
            .ToArray();
        var proved = 0;
        var secondProved = 0;
        using (var firstToBound = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation))
        {
            var complete = concurrent
                ? Task.Run(() => proved = new ClauseSearch(model, incumbent, options.Seed)
                    .Run(lowerBound, options.MaxConflicts, concurrent: true, firstToBound))
                : Task.CompletedTask;
            Parallel.For(0, searches.Length, i =>
            {
                var handsOver = concurrent && i == 0 && options.MaxConflicts == long.MaxValue;
                using var calm = CancellationTokenSource.CreateLinkedTokenSource(firstToBound.Token);
                using var watch = handsOver ? WatchForCalm(incumbent, calm) : null;
                searches[i].Run(start, lowerBound, options.MaxIterations, calm.Token);
                if (searches[i].BestBreaks <= lowerBound)
                {
                    firstToBound.Cancel();
                }
                else if (handsOver && !firstToBound.IsCancellationRequested)
                {
                    secondProved = new ClauseSearch(model, incumbent, options.Seed + 1).RunCore(firstToBound);
                }
            });
            if (options.CompleteSearch && !concurrent)
            {
                proved = new ClauseSearch(model, incumbent, options.Seed)
                    .Run(lowerBound, options.MaxConflicts, concurrent: false, firstToBound);
            }
            complete.Wait();
        }
        var iterations = searches.Sum(s => s.Iterations);
        if (proved == ClauseSearch.NoSchedule || secondProved == ClauseSearch.NoSchedule)
        {
            return new B2bspResult(instance.Name, SolveStatus.Infeasible, null, lowerBound, [],
                "the clause search proved that no schedule satisfies all constraints", iterations);
        }
        var cheapBound = lowerBound;
        lowerBound = Math.Max(lowerBound, Math.Max(proved, incumbent.Bound));
        var (breaks, best) = incumbent.Best();
        if (best is null)
        {
            return new B2bspResult(instance.Name, SolveStatus.Unknown, null, lowerBound, [], null, iterations);
        }
        var status = breaks == lowerBound ? SolveStatus.Optimal : SolveStatus.Feasible;
        var how = status != SolveStatus.Optimal ? null
            : breaks == cheapBound ? "value equals the lower bound"
            : "the clause search proved that no schedule has fewer breaks";
        return new B2bspResult(
            instance.Name, status, breaks, lowerBound, best.Select(s => s + 1).ToArray(), how, iterations);
    }

    /// <summary>
    /// Cancels <paramref name="calm"/> once the best schedule has gone <see cref="LocalSearchCalm"/> without improving:
    /// the local search then hands its processor over to a second core search.
    /// </summary>
    private static Timer WatchForCalm(Incumbent incumbent, CancellationTokenSource calm) =>
        Watch.CancelWhen(() => incumbent.Breaks != int.MaxValue && incumbent.SinceImprovement > LocalSearchCalm, calm);

    private static B2bspResult Proved(B2bspInstance instance, ExactSearch exact, int lowerBound)
    {
        if (exact.Best is not { } best)
        {
            return new B2bspResult(instance.Name, SolveStatus.Infeasible, null, lowerBound, [],
                "exhaustive search found no schedule satisfying all constraints", 0);
        }
        return new B2bspResult(instance.Name, SolveStatus.Optimal, exact.BestBreaks, exact.BestBreaks,
            best.Select(s => s + 1).ToArray(), "exhaustive search", 0);
    }
}
