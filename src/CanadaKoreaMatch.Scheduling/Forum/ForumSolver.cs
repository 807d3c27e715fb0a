using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>Budget and parameters of a forum solve.</summary>
public sealed record ForumOptions
{
    /// <summary>Seed of the random generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Deterministic budget: improvement passes (relocation passes, then ejection-chain rounds).</summary>
    public int MaxPasses { get; init; } = 5000;

    /// <summary>Ejection-chain rounds stop after this many in a row that neither raise the weight nor remove a break.</summary>
    public int StallPasses { get; init; } = 1000;

    /// <summary>A previous schedule to stay close to (incremental re-solve): its meetings keep their slot, table and interpreter when they still can.</summary>
    public IReadOnlyList<ScheduledMeeting>? Previous { get; init; }

    /// <summary>Stops the improvement phase (the caller usually cancels after a time limit).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Called on the solving thread after the greedy start and after each improvement pass; keep it cheap.</summary>
    public Action<ForumProgress>? Progress { get; init; }
}

/// <summary>Progress of a forum solve.</summary>
/// <param name="Phase">"greedy" (the start), "bound" (the b-matching bound proved), "improve" (a relocation pass),
/// "chains" (an ejection-chain round) or "final" (after the last break reduction, greedy pass and load balancing).</param>
/// <param name="ScheduledWeight">Total weight scheduled so far (never decreases from one report to the next).</param>
/// <param name="UpperBound">The best upper bound proved so far on the weight any schedule can reach (never increases).</param>
/// <param name="Pass">Improvement passes completed so far.</param>
public sealed record ForumProgress(string Phase, long ScheduledWeight, long UpperBound, int Pass);

/// <summary>
/// Schedules a forum: maximise the total weight of scheduled requests, then minimise breaks, then balance the load of
/// slots; assigns tables and interpreters; explains every unscheduled request.
/// </summary>
public static class ForumSolver
{
    /// <summary>Subgradient steps on the bound's multipliers after each ejection-chain round, until they converge.</summary>
    private const int BoundStepsPerRound = 2;

    /// <summary>Solves <paramref name="instance"/>.</summary>
    public static ForumResult Solve(ForumInstance instance, ForumOptions? options = null)
    {
        options ??= new ForumOptions();
        var model = ForumModel.Compile(instance);
        var state = new ForumState(model);
        var random = new Random(options.Seed);
        var previous = PreviousPlacements(model, options.Previous);
        var kept = new bool[model.RequestCount];

        PlaceLocked(model, state);
        KeepPrevious(model, state, previous, kept);
        var upper = ForumUpperBound.Compute(model);
        var improver = new ForumImprover(model, state, random, kept);
        improver.Greedy();
        options.Progress?.Invoke(new ForumProgress("greedy", state.Weight, upper, 0));
        ForumFlowBound? flow = null;
        if (state.Weight < upper)
        {
            flow = new ForumFlowBound(model);
            upper = Math.Min(upper, flow.Start(options.Cancellation));
            options.Progress?.Invoke(new ForumProgress("bound", state.Weight, upper, 0));
        }
        var passes = 0;
        while (passes < options.MaxPasses && !options.Cancellation.IsCancellationRequested)
        {
            var gained = improver.InsertWithRelocation(options.Cancellation);
            var fewerBreaks = improver.ReduceBreaks(options.Cancellation);
            passes++;
            options.Progress?.Invoke(new ForumProgress("improve", state.Weight, upper, passes));
            if (!gained && !fewerBreaks)
            {
                break;
            }
        }
        var stalled = 0;
        while (passes < options.MaxPasses && stalled < options.StallPasses && !options.Cancellation.IsCancellationRequested && state.Weight < upper)
        {
            var (weight, breaks) = (state.Weight, state.Breaks);
            improver.EjectionChains(options.Cancellation);
            stalled = state.Weight > weight || state.Breaks < breaks ? 0 : stalled + 1;
            if (flow is { Converged: false })
            {
                upper = Math.Min(upper, flow.Refine(state.Weight, BoundStepsPerRound, options.Cancellation));
            }
            passes++;
            options.Progress?.Invoke(new ForumProgress("chains", state.Weight, upper, passes));
        }
        improver.ReduceBreaks(CancellationToken.None);
        improver.Greedy();
        improver.BalanceLoad();
        options.Progress?.Invoke(new ForumProgress("final", state.Weight, upper, passes));

        var meetings = TableAssignment.Assign(model, state, previous, PreviousInterpreters(model, options.Previous));
        var unscheduled = Explainer.Explain(model, state);
        var now = meetings.ToDictionary(m => m.Request, StringComparer.Ordinal);
        var moved = (options.Previous ?? []).Count(p => model.RequestIndex.ContainsKey(p.Request)
            && (!now.TryGetValue(p.Request, out var m) || m.Day != p.Day || m.Slot != p.Slot || m.Table != p.Table));
        return new ForumResult
        {
            Instance = instance.Name,
            Status = state.Weight == upper && state.Breaks == 0 ? SolveStatus.Optimal : SolveStatus.Feasible,
            Meetings = meetings,
            Unscheduled = unscheduled,
            ScheduledWeight = state.Weight,
            RequestedWeight = model.Weight.Sum(w => (long)w),
            WeightUpperBound = upper,
            Breaks = state.Breaks,
            MaxSlotLoad = state.Load.DefaultIfEmpty(0).Max(),
            Moved = moved,
        };
    }

    private static void PlaceLocked(ForumModel model, ForumState state)
    {
        for (var r = 0; r < model.RequestCount; r++)
        {
            if (model.LockedSlot[r] >= 0 && state.CanPlace(r, model.LockedSlot[r]))
            {
                state.Place(r, model.LockedSlot[r]);
            }
        }
    }

    private static Dictionary<int, (int Slot, int Table)> PreviousPlacements(ForumModel model, IReadOnlyList<ScheduledMeeting>? previous)
    {
        var placements = new Dictionary<int, (int, int)>();
        foreach (var meeting in previous ?? [])
        {
            var slot = model.GlobalSlot(meeting.Day, meeting.Slot);
            if (model.RequestIndex.TryGetValue(meeting.Request, out var r) && slot >= 0 && model.TableIndex.TryGetValue(meeting.Table, out var t))
            {
                placements[r] = (slot, t);
            }
        }
        return placements;
    }

    private static Dictionary<int, (int Slot, string Interpreter)> PreviousInterpreters(ForumModel model, IReadOnlyList<ScheduledMeeting>? previous)
    {
        var interpreters = new Dictionary<int, (int, string)>();
        foreach (var meeting in previous ?? [])
        {
            var slot = model.GlobalSlot(meeting.Day, meeting.Slot);
            if (meeting.Interpreter is { } id && slot >= 0 && model.RequestIndex.TryGetValue(meeting.Request, out var r))
            {
                interpreters[r] = (slot, id);
            }
        }
        return interpreters;
    }

    private static void KeepPrevious(ForumModel model, ForumState state, Dictionary<int, (int Slot, int Table)> previous, bool[] kept)
    {
        foreach (var (r, placement) in previous.OrderByDescending(p => model.Weight[p.Key]).ThenBy(p => p.Key))
        {
            if (state.IsScheduled(r))
            {
                kept[r] = true;
            }
            else if (SlotMask.Contains(model.TableAvailable[placement.Table], placement.Slot) && state.CanPlace(r, placement.Slot))
            {
                state.Place(r, placement.Slot);
                kept[r] = true;
            }
        }
    }
}
