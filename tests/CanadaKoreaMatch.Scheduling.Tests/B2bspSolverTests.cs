using CanadaKoreaMatch.Scheduling.Core;
using CanadaKoreaMatch.Scheduling.B2bsp;
using CanadaKoreaMatch.Scheduling.Sat;

namespace CanadaKoreaMatch.Scheduling.Tests;

public class B2bspSolverTests
{
    private static readonly B2bspOptions Budget = new() { MaxIterations = 30_000_000, Seed = 7 };

    private static B2bspInstance Instance(int participants, int slots, int tables, params B2bspMeeting[] meetings) => new()
    {
        Name = "hand-made",
        ParticipantCount = participants,
        SlotCount = slots,
        MorningSlots = slots,
        Tables = tables,
        Meetings = meetings,
        Forbidden = Enumerable.Range(0, participants).Select(_ => (IReadOnlyCollection<int>)[]).ToList(),
    };

    private static B2bspMeeting Meeting(int a, int b, int fixedSlot = 0, params int[] predecessors) =>
        new(a, b, Session.Any, fixedSlot, predecessors);

    [Theory]
    [InlineData("tic-12", 0)]
    [InlineData("forumt-14", 5)]
    [InlineData("forumt-14crafd", 4)]
    public void Reaches_and_proves_the_published_optimum(string name, int optimum)
    {
        var instance = Benchmarks.Load(name);

        var result = B2bspSolver.Solve(instance, Budget);

        result.Status.ShouldBe(SolveStatus.Optimal);
        result.Breaks.ShouldBe(optimum);
        result.LowerBound.ShouldBe(optimum);
        result.Reason.ShouldBe("value equals the lower bound");
        B2bspChecker.Violations(instance, result.Slots, 2).ShouldBeEmpty();
        B2bspChecker.TotalBreaks(instance, result.Slots).ShouldBe(optimum);
    }

    [Fact]
    public void A_hard_instance_gets_a_checked_schedule_and_a_bound_below_it()
    {
        var instance = Benchmarks.Load("forum-13crafb");

        var result = B2bspSolver.Solve(instance, new B2bspOptions { MaxIterations = 2_000_000, MaxConflicts = 20_000 });

        result.Status.ShouldBe(SolveStatus.Feasible);
        result.Breaks!.Value.ShouldBeGreaterThanOrEqualTo(6);
        B2bspChecker.Violations(instance, result.Slots, 2).ShouldBeEmpty();
        B2bspChecker.TotalBreaks(instance, result.Slots).ShouldBe(result.Breaks!.Value);
        result.LowerBound.ShouldBeLessThanOrEqualTo(6);
        result.LowerBound.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void The_clause_search_proves_a_published_instance_infeasible_where_presolve_cannot()
    {
        var instance = Benchmarks.Load("forum-13crafc");
        var options = new B2bspOptions { Fairness = 0, MaxIterations = 100_000, MaxConflicts = 200_000 };

        var result = B2bspSolver.Solve(instance, options);
        var withoutClauses = B2bspSolver.Solve(instance, options with { CompleteSearch = false });

        result.Status.ShouldBe(SolveStatus.Infeasible);
        result.Reason.ShouldBe("the clause search proved that no schedule satisfies all constraints");
        withoutClauses.Status.ShouldBe(SolveStatus.Unknown);
    }

    [Fact]
    public void Parallel_searches_return_the_best_checked_schedule_and_count_all_iterations()
    {
        var instance = Benchmarks.Load("forum-13crafc");
        var localOnly = new B2bspOptions { MaxIterations = 300_000, Seed = 3, CompleteSearch = false };
        var single = B2bspSolver.Solve(instance, localOnly);

        var parallel = B2bspSolver.Solve(instance, localOnly with { Threads = 2 });

        B2bspChecker.Violations(instance, parallel.Slots, 2).ShouldBeEmpty();
        B2bspChecker.TotalBreaks(instance, parallel.Slots).ShouldBe(parallel.Breaks!.Value);
        parallel.Breaks!.Value.ShouldBeLessThanOrEqualTo(single.Breaks!.Value);
        parallel.Iterations.ShouldBeGreaterThan(single.Iterations);
    }

    [Fact]
    public void Equal_seeds_and_budgets_give_equal_schedules()
    {
        var instance = Benchmarks.Load("forum-13crafc");
        var options = new B2bspOptions { MaxIterations = 300_000, Seed = 3, MaxConflicts = 5_000 };

        B2bspSolver.Solve(instance, options).Slots.ShouldBe(B2bspSolver.Solve(instance, options).Slots);
    }

    [Fact]
    public void A_participant_with_more_meetings_than_slots_is_infeasible()
    {
        var instance = Instance(4, 2, 5, Meeting(1, 2), Meeting(1, 3), Meeting(1, 4));

        var result = B2bspSolver.Solve(instance, Budget);

        result.Status.ShouldBe(SolveStatus.Infeasible);
        result.Reason.ShouldNotBeNull().ShouldContain("participant 1");
    }

    [Fact]
    public void More_fixed_meetings_in_a_slot_than_tables_is_infeasible()
    {
        var instance = Instance(4, 3, 1, Meeting(1, 2, fixedSlot: 2), Meeting(3, 4, fixedSlot: 2));

        var result = B2bspSolver.Solve(instance, Budget);

        result.Status.ShouldBe(SolveStatus.Infeasible);
        result.Reason.ShouldNotBeNull().ShouldContain("tables");
    }

    [Fact]
    public void A_precedence_cycle_is_infeasible()
    {
        var instance = Instance(4, 4, 2, Meeting(1, 2, 0, 2), Meeting(3, 4, 0, 1));

        var result = B2bspSolver.Solve(instance, Budget);

        result.Status.ShouldBe(SolveStatus.Infeasible);
        result.Reason.ShouldNotBeNull().ShouldContain("cycle");
    }

    [Fact]
    public void A_precedence_chain_longer_than_the_slots_is_infeasible()
    {
        var instance = Instance(8, 3, 4, Meeting(1, 2), Meeting(3, 4, 0, 1), Meeting(5, 6, 0, 2), Meeting(7, 8, 0, 3));

        var result = B2bspSolver.Solve(instance, Budget);

        result.Status.ShouldBe(SolveStatus.Infeasible);
        result.Reason.ShouldNotBeNull().ShouldContain("predecessors");
    }

    [Fact]
    public void Fairness_that_cannot_hold_is_infeasible()
    {
        // Participant 1 must meet in slots 1 and 3 (fixed), so it has a break; participant 5 has no meetings.
        var instance = Instance(5, 3, 2, Meeting(1, 2, fixedSlot: 1), Meeting(1, 3, fixedSlot: 3), Meeting(2, 4));

        B2bspSolver.Solve(instance, Budget with { Fairness = 0 }).Status.ShouldBe(SolveStatus.Infeasible);
        B2bspSolver.Solve(instance, Budget with { Fairness = 1 }).Status.ShouldBe(SolveStatus.Optimal);
    }

    [Fact]
    public void Exhaustive_search_proves_infeasibility_the_cheap_checks_miss()
    {
        // A triangle of meetings needs three slots, and each pair's slots are restricted so they collide.
        var instance = Instance(3, 3, 3, Meeting(1, 2), Meeting(2, 3), Meeting(1, 3)) with
        {
            Forbidden = [[3], [3], [3]],
        };

        var result = B2bspSolver.Solve(instance, Budget);

        result.Status.ShouldBe(SolveStatus.Infeasible);
        ExhaustiveB2bsp.Optimum(instance, 2).ShouldBeNull();
    }

    [Fact]
    public void Random_small_instances_agree_with_exhaustive_search()
    {
        var checkedFeasible = 0;
        for (var seed = 1; seed <= 300; seed++)
        {
            var instance = RandomB2bsp.Create(seed);
            var fairness = seed % 4 == 0 ? (int?)null : seed % 3;

            var expected = ExhaustiveB2bsp.Optimum(instance, fairness);
            var result = B2bspSolver.Solve(instance, Budget with { Fairness = fairness, MaxIterations = 200_000 });

            if (expected is null)
            {
                result.Status.ShouldBe(SolveStatus.Infeasible, $"seed {seed}");
                continue;
            }
            checkedFeasible++;
            result.Status.ShouldBe(SolveStatus.Optimal, $"seed {seed}");
            result.Breaks.ShouldBe(expected, $"seed {seed}");
            result.LowerBound.ShouldBeLessThanOrEqualTo(expected.Value, $"seed {seed}");
            B2bspChecker.Violations(instance, result.Slots, fairness).ShouldBeEmpty($"seed {seed}");
            B2bspChecker.TotalBreaks(instance, result.Slots).ShouldBe(expected.Value, $"seed {seed}");
        }
        checkedFeasible.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Local_search_alone_finds_the_exhaustive_optimum_on_medium_random_instances()
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            var instance = RandomB2bsp.Create(1000 + seed);
            var expected = ExhaustiveB2bsp.Optimum(instance, 2);
            var exhaustiveOff = Budget with { ExactNodeLimit = 0, MaxIterations = 500_000, CompleteSearch = false };

            var result = B2bspSolver.Solve(instance, exhaustiveOff);

            if (expected is null)
            {
                result.Status.ShouldBeOneOf(SolveStatus.Infeasible, SolveStatus.Unknown);
                continue;
            }
            result.Breaks.ShouldNotBeNull($"seed {seed}");
            result.Breaks.Value.ShouldBeGreaterThanOrEqualTo(expected.Value);
            B2bspChecker.Violations(instance, result.Slots, 2).ShouldBeEmpty($"seed {seed}");
        }
    }

    [Fact]
    public void The_lower_bound_never_exceeds_the_value_of_a_found_schedule_on_the_published_instances()
    {
        foreach (var file in Directory.GetFiles(Benchmarks.Directory, "*.dzn"))
        {
            var instance = DznReader.Load(file);
            var result = B2bspSolver.Solve(instance, new B2bspOptions { MaxIterations = 200_000, MaxConflicts = 2_000 });

            result.Breaks.ShouldNotBeNull(instance.Name);
            result.LowerBound.ShouldBeLessThanOrEqualTo(result.Breaks.Value, instance.Name);
            B2bspChecker.Violations(instance, result.Slots, 2).ShouldBeEmpty(instance.Name);
        }
    }

    [Fact]
    public void The_complete_search_alone_finds_and_proves_the_exhaustive_optimum_or_infeasibility()
    {
        var decided = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var instance = RandomB2bsp.Create(seed);
            var fairness = seed % 4 == 0 ? (int?)null : seed % 3;
            var someoneWithoutBreaks = instance.Meetings
                .SelectMany(m => new[] { m.First, m.Second })
                .CountBy(p => p)
                .Count(group => group.Value >= 2) < instance.ParticipantCount;
            if (fairness is not null && !someoneWithoutBreaks)
            {
                continue;
            }
            var expected = ExhaustiveB2bsp.Optimum(instance, fairness);
            var clausesOnly = Budget with { Fairness = fairness, ExactNodeLimit = 0, MaxIterations = 1 };

            var result = B2bspSolver.Solve(instance, clausesOnly);

            decided++;
            if (expected is null)
            {
                result.Status.ShouldBe(SolveStatus.Infeasible, $"seed {seed}");
                continue;
            }
            result.Status.ShouldBe(SolveStatus.Optimal, $"seed {seed}");
            result.Breaks.ShouldBe(expected, $"seed {seed}");
            B2bspChecker.Violations(instance, result.Slots, fairness).ShouldBeEmpty($"seed {seed}");
            B2bspChecker.TotalBreaks(instance, result.Slots).ShouldBe(expected.Value, $"seed {seed}");
        }
        decided.ShouldBeGreaterThan(100);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_core_search_alone_proves_the_exhaustive_optimum_from_below_or_infeasibility(bool busyCapacity)
    {
        var decided = 0;
        var withBreaks = 0;
        var crowded = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var instance = RandomB2bsp.Create(seed);
            var fairness = seed % 4 == 0 ? (int?)null : seed % 3;
            var model = B2bspModel.From(instance, fairness);
            if (CoreSearch.Create(model, busyCapacity) is not { } core)
            {
                continue;
            }
            crowded += Enumerable.Range(0, model.Slots)
                .Any(s => model.Domain.Count(domain => SlotMask.Slots(domain).Contains(s)) > model.Tables) ? 1 : 0;
            var expected = ExhaustiveB2bsp.Optimum(instance, fairness);

            core.Advance(long.MaxValue, int.MaxValue, CancellationToken.None);

            decided++;
            if (expected is null)
            {
                core.Infeasible.ShouldBeTrue($"seed {seed}");
                continue;
            }
            core.Optimum.ShouldNotBeNull($"seed {seed}");
            core.Bound.ShouldBe(expected.Value, $"seed {seed}");
            withBreaks += expected.Value > 0 ? 1 : 0;
            var slots = core.Optimum.Select(s => s + 1).ToArray();
            B2bspChecker.Violations(instance, slots, fairness).ShouldBeEmpty($"seed {seed}");
            B2bspChecker.TotalBreaks(instance, slots).ShouldBe(expected.Value, $"seed {seed}");
        }
        decided.ShouldBeGreaterThan(100);
        withBreaks.ShouldBeGreaterThan(20);
        crowded.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void A_replayed_core_search_refutes_every_bound_below_the_optimum_and_schedules_at_it()
    {
        int optima = 0, optimaAfterCores = 0, refuted = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var instance = RandomB2bsp.Create(seed);
            var fairness = seed % 4 == 0 ? (int?)null : seed % 3;
            var model = B2bspModel.From(instance, fairness);
            if (CoreSearch.Create(model, busyCapacity: true) is not { } core
                || ExhaustiveB2bsp.Optimum(instance, fairness) is not { } expected)
            {
                continue;
            }
            while (true)
            {
                var progress = core.Progress;
                var replica = CoreSearch.Replay(model, progress);

                replica.ShouldNotBeNull($"seed {seed}");
                replica.Bound.ShouldBe(core.Bound, $"seed {seed}");
                var outcome = replica.SolveAtBound(CancellationToken.None);

                if (core.Bound < expected)
                {
                    outcome.ShouldBe(SatOutcome.Unsatisfiable, $"seed {seed}, bound {core.Bound}");
                    refuted++;
                    core.Advance(long.MaxValue, core.Bound + 1, CancellationToken.None);
                    core.Optimum.ShouldBeNull($"seed {seed}");
                    continue;
                }
                outcome.ShouldBe(SatOutcome.Satisfiable, $"seed {seed}");
                var slots = replica.Optimum!.Select(s => s + 1).ToArray();
                B2bspChecker.Violations(instance, slots, fairness).ShouldBeEmpty($"seed {seed}");
                B2bspChecker.TotalBreaks(instance, slots).ShouldBe(expected, $"seed {seed}");
                optima++;
                optimaAfterCores += progress.Cores.Count > 0 ? 1 : 0;
                break;
            }
        }
        optima.ShouldBeGreaterThan(100);
        optimaAfterCores.ShouldBeGreaterThan(10);
        refuted.ShouldBeGreaterThan(20);
    }
}
