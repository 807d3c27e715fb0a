using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Scheduling.Tests;

public class ForumSolverTests
{
    private static ForumInstance Forum(int slots, int tables, int interpreters, ForumParticipant[] participants, params ForumRequest[] requests) => new()
    {
        Name = "hand-made",
        Days = [new ForumDay("Day 1", slots, [new ForumSession("morning", 1, slots)])],
        Tables = Enumerable.Range(1, tables).Select(t => new ForumTable($"T{t}")).ToList(),
        Interpreters = interpreters,
        BufferSlots = 1,
        Participants = participants,
        Requests = requests,
    };

    /// <summary>A deterministic budget for the generated forums (the search would otherwise run until it stalls).</summary>
    private static readonly ForumOptions Passes = new() { MaxPasses = 40 };

    private static ForumParticipant En(string id) => new(id, ["en"]);

    private static ForumParticipant Ko(string id) => new(id, ["ko"]);

    private static ForumResult SolveChecked(ForumInstance forum, ForumOptions? options = null)
    {
        var result = ForumSolver.Solve(forum, options);
        new ForumChecker(forum).Violations(result).ShouldBeEmpty();
        result.ScheduledWeight.ShouldBeLessThanOrEqualTo(result.WeightUpperBound);
        return result;
    }

    [Fact]
    public void A_generated_forum_gets_a_checked_schedule_with_true_explanations()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 300, Requests: 1500, SlotsPerDay: 8, Tables: 35, Interpreters: 3), seed: 5);

        var result = SolveChecked(forum, Passes);

        result.Unscheduled.ShouldNotBeEmpty();
        result.Meetings.Count.ShouldBeGreaterThan(500);
        ((double)result.ScheduledWeight / result.WeightUpperBound).ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void The_heavier_request_gets_the_only_interpreter_and_the_other_is_explained()
    {
        var forum = Forum(1, 5, 1, [En("ca-1"), En("ca-2"), Ko("kr-1"), Ko("kr-2")],
            new ForumRequest("light", "ca-1", "kr-1", 1),
            new ForumRequest("heavy", "ca-2", "kr-2", 5));

        var result = SolveChecked(forum);

        result.Meetings.Single().Request.ShouldBe("heavy");
        result.Meetings.Single().Interpreter.ShouldBe("1");
        var light = result.Unscheduled.Single();
        light.Blockers.Single().Kind.ShouldBe(BlockerKind.NoInterpreter);
        light.LowerPriority.ShouldBeTrue();
    }

    private static ForumInstance Pooled(int slots, ForumInterpreter[] pool, ForumParticipant[] participants, params ForumRequest[] requests) =>
        Forum(slots, 10, 0, participants, requests) with { InterpreterPool = pool };

    [Fact]
    public void A_korean_french_meeting_is_never_served_by_a_korean_english_interpreter()
    {
        var forum = Pooled(2, [new ForumInterpreter("ko-en", ["ko-en"]), new ForumInterpreter("fr", ["FR-ko"])],
            [Ko("kr-1"), Ko("kr-2"), new ForumParticipant("ca-1", ["fr"]), En("ca-2"), new ForumParticipant("ca-3", ["fr"])],
            new ForumRequest("fr-1", "ca-1", "kr-1", 1),
            new ForumRequest("en-1", "ca-2", "kr-1", 1),
            new ForumRequest("fr-2", "ca-3", "kr-2", 1));

        var result = SolveChecked(forum);

        result.Meetings.Count.ShouldBe(3);
        result.Meetings.Where(m => m.Request.StartsWith("fr", StringComparison.Ordinal)).ShouldAllBe(m => m.Interpreter == "fr");
        result.Meetings.Single(m => m.Request == "en-1").Interpreter.ShouldBe("ko-en");
        result.Meetings.Single(m => m.Request == "fr-1").Slot.ShouldNotBe(result.Meetings.Single(m => m.Request == "fr-2").Slot);
    }

    [Fact]
    public void Interpreters_of_a_slot_are_matched_so_that_the_versatile_one_takes_the_rarer_pair()
    {
        // In one slot: the Korean–English meeting comes first, but only the versatile interpreter speaks French.
        var forum = Pooled(1, [new ForumInterpreter("both", ["ko-en", "ko-fr"]), new ForumInterpreter("en-only", ["en-ko"])],
            [Ko("kr-1"), Ko("kr-2"), En("ca-1"), new ForumParticipant("ca-2", ["fr"])],
            new ForumRequest("a-english", "ca-1", "kr-1", 1),
            new ForumRequest("b-french", "ca-2", "kr-2", 1));

        var result = SolveChecked(forum);

        result.Meetings.Single(m => m.Request == "b-french").Interpreter.ShouldBe("both");
        result.Meetings.Single(m => m.Request == "a-english").Interpreter.ShouldBe("en-only");
    }

    [Fact]
    public void A_pair_no_interpreter_covers_is_explained_with_the_missing_languages()
    {
        var forum = Pooled(3, [new ForumInterpreter("i1", ["ko-en"])],
            [Ko("kr-1"), new ForumParticipant("ca-1", ["fr"])],
            new ForumRequest("r", "ca-1", "kr-1", 4));

        var result = SolveChecked(forum);

        var explained = result.Unscheduled.Single();
        var blocker = explained.Blockers.Single();
        blocker.Kind.ShouldBe(BlockerKind.NoInterpreter);
        blocker.Slots.Count.ShouldBe(3);
        blocker.Message.ShouldContain("fr–ko");
        blocker.Message.ShouldContain("en–ko");
        explained.LowerPriority.ShouldBeFalse();
        result.WeightUpperBound.ShouldBe(0);
    }

    [Fact]
    public void Taken_interpreters_able_to_serve_are_explained_as_the_blocker()
    {
        var forum = Pooled(1, [new ForumInterpreter("i1", ["ko-en"]), new ForumInterpreter("i2", ["fr-ko"])],
            [Ko("kr-1"), Ko("kr-2"), En("ca-1"), En("ca-2")],
            new ForumRequest("heavy", "ca-1", "kr-1", 5),
            new ForumRequest("light", "ca-2", "kr-2", 1));

        var result = SolveChecked(forum);

        result.Meetings.Single().ShouldBe(new ScheduledMeeting("heavy", 1, 1, "T1", "i1"));
        var blocker = result.Unscheduled.Single().Blockers.Single();
        blocker.Kind.ShouldBe(BlockerKind.NoInterpreter);
        blocker.Message.ShouldContain("1 interpreter able to serve them is taken");
        result.Unscheduled.Single().LowerPriority.ShouldBeTrue();
    }

    [Fact]
    public void A_pool_and_generic_interpreters_serve_together_and_the_checker_verifies_every_assignment()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 300, Requests: 1500, SlotsPerDay: 8, Tables: 35, Interpreters: 1, PooledInterpreters: 4), seed: 7);
        forum.InterpreterPool.Count.ShouldBe(4);

        var result = SolveChecked(forum, Passes);

        var pooled = forum.InterpreterPool.Select(i => i.Id).ToHashSet();
        result.Meetings.Count(m => m.Interpreter is { } i && pooled.Contains(i)).ShouldBeGreaterThan(0);
        result.Meetings.Count(m => m.Interpreter == "1").ShouldBeGreaterThan(0);
        result.Meetings.GroupBy(m => (m.Day, m.Slot)).ShouldAllBe(g => g.Count(m => m.Interpreter != null) <= 5);
    }

    [Fact]
    public void The_checker_rejects_an_interpreter_without_the_pair()
    {
        var forum = Pooled(1, [new ForumInterpreter("i1", ["ko-en"]), new ForumInterpreter("i2", ["ko-fr"])],
            [Ko("kr-1"), new ForumParticipant("ca-1", ["fr"])],
            new ForumRequest("r", "ca-1", "kr-1", 1));
        var result = SolveChecked(forum);
        result.Meetings.Single().Interpreter.ShouldBe("i2");

        var forged = result with { Meetings = [result.Meetings.Single() with { Interpreter = "i1" }] };

        new ForumChecker(forum).Violations(forged).ShouldContain(v => v.Contains("no pair", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"days":[],"tables":[],"interpreterPool":[{"id":"i","pairs":["ko"]}],"participants":[],"requests":[]}""", "malformed language pair")]
    [InlineData("""{"days":[],"tables":[],"interpreters":2,"interpreterPool":[{"id":"2","pairs":["ko-en"]}],"participants":[],"requests":[]}""", "generic interpreter")]
    [InlineData("""{"days":[],"tables":[],"interpreterPool":[{"id":"i","pairs":["ko-en"]},{"id":"i","pairs":["ko-fr"]}],"participants":[],"requests":[]}""", "appears twice")]
    public void Malformed_interpreter_pools_are_rejected_with_the_reason(string json, string reason)
    {
        Should.Throw<FormatException>(() => ForumJson.Parse(json)).Message.ShouldContain(reason);
    }

    [Fact]
    public void Firms_sharing_a_language_need_no_interpreter()
    {
        var forum = Forum(1, 5, 0, [new ForumParticipant("ca-1", ["en", "fr"]), new ForumParticipant("kr-1", ["ko", "en"])],
            new ForumRequest("r", "ca-1", "kr-1", 1));

        SolveChecked(forum).Meetings.Single().Interpreter.ShouldBeNull();
    }

    [Fact]
    public void An_unavailable_participant_is_named_as_the_blocker()
    {
        var away = new ForumParticipant("kr-1", ["en"], Unavailable: [new SlotRange(1, 1, 4)]);
        var forum = Forum(4, 5, 0, [En("ca-1"), away], new ForumRequest("r", "ca-1", "kr-1", 3));

        var explained = SolveChecked(forum).Unscheduled.Single();

        explained.Blockers.Single().Kind.ShouldBe(BlockerKind.Unavailable);
        explained.Blockers.Single().Participant.ShouldBe("kr-1");
        explained.Blockers.Single().Slots.Count.ShouldBe(4);
        explained.LowerPriority.ShouldBeFalse();
    }

    [Fact]
    public void A_fully_booked_participant_is_named_with_the_meetings_in_the_way()
    {
        var forum = Forum(2, 5, 0, [En("ca-1"), En("a"), En("b"), En("c")],
            new ForumRequest("r1", "ca-1", "a", 5),
            new ForumRequest("r2", "ca-1", "b", 5),
            new ForumRequest("r3", "ca-1", "c", 1));

        var explained = SolveChecked(forum).Unscheduled.Single();

        explained.Request.ShouldBe("r3");
        var blocker = explained.Blockers.Single();
        blocker.Kind.ShouldBe(BlockerKind.ParticipantBooked);
        blocker.Participant.ShouldBe("ca-1");
        blocker.Competing.Order().ShouldBe(["r1", "r2"]);
        explained.LowerPriority.ShouldBeTrue();
    }

    [Fact]
    public void Full_tables_are_reported_when_nothing_else_blocks()
    {
        var forum = Forum(1, 1, 0, [En("a"), En("b"), En("c"), En("d")],
            new ForumRequest("r1", "a", "b", 2),
            new ForumRequest("r2", "c", "d", 1));

        var explained = SolveChecked(forum).Unscheduled.Single();

        explained.Request.ShouldBe("r2");
        explained.Blockers.Single().Kind.ShouldBe(BlockerKind.NoTable);
    }

    [Fact]
    public void A_locked_meeting_keeps_its_slot_and_table_even_against_heavier_requests()
    {
        var forum = Forum(1, 2, 0, [En("a"), En("b"), En("c")],
            new ForumRequest("locked", "a", "b", 1, Locked: new LockedPlacement(1, 1, "T2")),
            new ForumRequest("heavy", "a", "c", 5));

        var result = SolveChecked(forum);

        result.Meetings.Single().ShouldBe(new ScheduledMeeting("locked", 1, 1, "T2", null));
        result.Unscheduled.Single().Blockers.Single().Competing.ShouldBe(["locked"]);
        result.Unscheduled.Single().LowerPriority.ShouldBeFalse();
    }

    [Fact]
    public void Buffers_keep_slots_free_around_a_busy_period()
    {
        var speaker = new ForumParticipant("ca-1", ["en"], Busy: [new SlotRange(1, 3, 3)]);
        var forum = Forum(5, 5, 0, [speaker, En("a"), En("b"), En("c"), En("d")],
            new ForumRequest("r1", "ca-1", "a", 1),
            new ForumRequest("r2", "ca-1", "b", 1),
            new ForumRequest("r3", "ca-1", "c", 1));

        var result = SolveChecked(forum);

        result.Meetings.Select(m => m.Slot).Order().ShouldBe([1, 5]);
        result.Unscheduled.Single().Blockers.ShouldContain(b => b.Kind == BlockerKind.Unavailable && b.Participant == "ca-1" && b.Slots.Count == 3);
    }

    [Fact]
    public void Meetings_are_packed_without_breaks_when_possible()
    {
        var forum = Forum(6, 5, 0, [En("hub"), En("a"), En("b"), En("c")],
            new ForumRequest("r1", "hub", "a", 1),
            new ForumRequest("r2", "hub", "b", 1),
            new ForumRequest("r3", "hub", "c", 1));

        var result = SolveChecked(forum);

        result.Breaks.ShouldBe(0);
        result.Status.ShouldBe(SolveStatus.Optimal);
    }

    [Fact]
    public void Re_solving_after_a_table_is_removed_moves_only_the_meetings_that_sat_there()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 200, Requests: 800, SlotsPerDay: 8, Tables: 30, Interpreters: 3), seed: 9);
        var first = SolveChecked(forum, Passes);
        var removed = first.Meetings.GroupBy(m => m.Table).OrderByDescending(g => g.Count()).First().Key;
        var cancelled = first.Meetings[0].Request;
        var changed = forum with
        {
            Tables = forum.Tables.Where(t => t.Id != removed).ToList(),
            Requests = forum.Requests.Where(r => r.Id != cancelled).ToList(),
        };

        var second = SolveChecked(changed, Passes with { Previous = first.Meetings });

        var displaced = first.Meetings.Count(m => m.Table == removed && m.Request != cancelled);
        second.Moved.ShouldBeLessThanOrEqualTo(displaced);
        var before = first.Meetings.ToDictionary(m => m.Request);
        second.Meetings.Where(m => before.TryGetValue(m.Request, out var b) && b.Table != removed)
            .ShouldAllBe(m => before[m.Request].Day == m.Day && before[m.Request].Slot == m.Slot && before[m.Request].Table == m.Table);
    }

    [Fact]
    public void Re_solving_keeps_the_interpreter_of_a_meeting_that_stays_in_its_slot()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 200, Requests: 800, SlotsPerDay: 8, Tables: 30, Interpreters: 2, PooledInterpreters: 3), seed: 12);
        var first = SolveChecked(forum, Passes);
        var cancelled = first.Meetings.Where(m => m.Interpreter is not null).Take(5).Select(m => m.Request).ToHashSet();
        var changed = forum with { Requests = forum.Requests.Where(r => !cancelled.Contains(r.Id)).ToList() };

        var second = SolveChecked(changed, Passes with { Previous = first.Meetings });

        var before = first.Meetings.ToDictionary(m => m.Request);
        var stayed = second.Meetings.Where(m => m.Interpreter is not null && before[m.Request].Day == m.Day && before[m.Request].Slot == m.Slot).ToList();
        stayed.Count.ShouldBeGreaterThan(5);
        stayed.ShouldAllBe(m => before[m.Request].Interpreter == m.Interpreter);
    }

    [Fact]
    public void Re_solving_after_an_availability_change_keeps_unaffected_meetings()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 200, Requests: 800, SlotsPerDay: 8, Tables: 30, Interpreters: 3), seed: 11);
        var first = SolveChecked(forum, Passes);
        var firm = forum.Participants[0];
        var changed = forum with
        {
            Participants = [firm with { Unavailable = [new SlotRange(1, 1, 8)] }, .. forum.Participants.Skip(1)],
        };

        var second = SolveChecked(changed, Passes with { Previous = first.Meetings });

        var affected = first.Meetings.Count(m => m.Day == 1 && changed.Requests.First(r => r.Id == m.Request) is var r && (r.First == firm.Id || r.Second == firm.Id));
        second.Moved.ShouldBeLessThanOrEqualTo(affected);
    }

    [Fact]
    public void Scheduled_weight_never_exceeds_the_exhaustive_optimum_nor_the_bound_and_usually_reaches_it()
    {
        var reached = 0;
        const int Trials = 150;
        for (var seed = 1; seed <= Trials; seed++)
        {
            var forum = RandomForum.Create(seed);

            var result = SolveChecked(forum);
            var optimum = ExhaustiveForum.MaxWeight(forum);

            result.ScheduledWeight.ShouldBeLessThanOrEqualTo(optimum, $"seed {seed}");
            optimum.ShouldBeLessThanOrEqualTo(result.WeightUpperBound, $"seed {seed}");
            if (result.ScheduledWeight == optimum)
            {
                reached++;
            }
        }
        reached.ShouldBeGreaterThanOrEqualTo(Trials * 9 / 10);
    }

    [Fact]
    public void The_b_matching_bound_is_never_below_the_exhaustive_optimum_and_often_meets_it()
    {
        var tight = 0;
        const int Trials = 400;
        for (var seed = 1; seed <= Trials; seed++)
        {
            var forum = seed % 2 == 0 ? RandomForum.CreateDense(seed) : RandomForum.Create(seed);
            var optimum = ExhaustiveForum.MaxWeight(forum);

            var bound = new ForumFlowBound(ForumModel.Compile(forum)).Compute(0, 200, CancellationToken.None);
            var result = SolveChecked(forum);

            optimum.ShouldBeLessThanOrEqualTo(bound, $"seed {seed}");
            optimum.ShouldBeLessThanOrEqualTo(result.WeightUpperBound, $"seed {seed}");
            result.ScheduledWeight.ShouldBeLessThanOrEqualTo(optimum, $"seed {seed}");
            if (bound == optimum)
            {
                tight++;
            }
        }
        tight.ShouldBeGreaterThan(Trials / 2);
    }

    [Fact]
    public void The_b_matching_bound_matches_a_hand_computed_value()
    {
        // A triangle of firms (not bipartite, so the bound runs on the double cover): each firm has two requests and
        // two slots, so the firms alone would allow all three meetings (weight 12), but one table over two slots
        // allows two meetings: the bound is the two heaviest, 5 + 4.
        var forum = Forum(2, 1, 0, [En("a"), En("b"), En("c")],
            new ForumRequest("ab", "a", "b", 5),
            new ForumRequest("bc", "b", "c", 4),
            new ForumRequest("ca", "c", "a", 3));

        new ForumFlowBound(ForumModel.Compile(forum)).Compute(0, 200, CancellationToken.None).ShouldBe(9);
        SolveChecked(forum).ScheduledWeight.ShouldBe(9);
    }

    [Fact]
    public void The_progress_reports_a_weight_that_never_falls_and_a_bound_that_never_rises()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 200, Requests: 900, SlotsPerDay: 8, Tables: 30, Interpreters: 2, PooledInterpreters: 2), seed: 3);
        var reports = new List<ForumProgress>();

        var result = SolveChecked(forum, new ForumOptions { MaxPasses = 6, Progress = reports.Add });

        reports.Select(p => p.Phase).ShouldContain("greedy");
        reports.Select(p => p.Phase).ShouldContain("bound");
        reports[^1].Phase.ShouldBe("final");
        reports.Zip(reports.Skip(1)).ShouldAllBe(x => x.Second.ScheduledWeight >= x.First.ScheduledWeight && x.Second.UpperBound <= x.First.UpperBound);
        reports[^1].ScheduledWeight.ShouldBe(result.ScheduledWeight);
        reports[^1].UpperBound.ShouldBe(result.WeightUpperBound);
        reports.Max(p => p.Pass).ShouldBeLessThanOrEqualTo(6);
    }

    [Fact]
    public void A_deterministic_budget_gives_the_same_schedule_twice()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 200, Requests: 900, SlotsPerDay: 8, Tables: 25, Interpreters: 1, PooledInterpreters: 3), seed: 4);

        var first = SolveChecked(forum, new ForumOptions { MaxPasses = 10, Seed = 7 });
        var second = SolveChecked(forum, new ForumOptions { MaxPasses = 10, Seed = 7 });

        second.Meetings.ShouldBe(first.Meetings);
        second.WeightUpperBound.ShouldBe(first.WeightUpperBound);
    }

    [Fact]
    public void A_solve_cancelled_before_it_starts_still_returns_a_checked_schedule_under_a_valid_bound()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 200, Requests: 900, SlotsPerDay: 8, Tables: 25, Interpreters: 2), seed: 6);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var result = SolveChecked(forum, new ForumOptions { Cancellation = cancelled.Token });
        var searched = SolveChecked(forum, Passes);

        result.Meetings.Count.ShouldBeGreaterThan(0);
        searched.ScheduledWeight.ShouldBeLessThanOrEqualTo(result.WeightUpperBound);
        searched.ScheduledWeight.ShouldBeGreaterThanOrEqualTo(result.ScheduledWeight);
    }

    [Fact]
    public void The_json_format_round_trips()
    {
        var forum = ForumGenerator.Generate(new ForumSize(Firms: 20, Requests: 40, SlotsPerDay: 4, Tables: 5, Interpreters: 1), seed: 2);

        var again = ForumJson.Parse(ForumJson.Serialize(forum));

        ForumJson.Serialize(again).ShouldBe(ForumJson.Serialize(forum));
        again.Requests.Count.ShouldBe(40);
    }

    [Theory]
    [InlineData("""{"days":[],"tables":[],"participants":[],"requests":[{"id":"r","first":"x","second":"y","weight":1}]}""", "unknown participant")]
    [InlineData("""{"days":[{"name":"d","slots":2,"sessions":[{"name":"m","from":1,"to":3}]}],"tables":[],"participants":[],"requests":[]}""", "outside slots")]
    [InlineData("""{"days":[],"tables":[],"participants":[{"id":"a","languages":[]},{"id":"b","languages":[]}],"requests":[{"id":"r","first":"a","second":"b","weight":0}]}""", "positive weight")]
    public void Malformed_forums_are_rejected_with_the_reason(string json, string reason)
    {
        Should.Throw<FormatException>(() => ForumJson.Parse(json)).Message.ShouldContain(reason);
    }
}
