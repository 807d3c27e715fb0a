using CanadaKoreaMatch.Scheduling.Sat;

namespace CanadaKoreaMatch.Scheduling.Tests;

public class SatSolverTests
{
    private static List<int[]> RandomFormula(Random random, int variables, int clauses, int width = 3) =>
        Enumerable.Range(0, clauses)
            .Select(_ => Enumerable.Range(0, width).Select(_ => 2 * random.Next(variables) + random.Next(2)).ToArray())
            .ToList();

    private static bool Satisfies(IEnumerable<int[]> formula, Func<int, bool> value) =>
        formula.All(clause => clause.Any(lit => value(lit >> 1) == ((lit & 1) == 0)));

    private static bool BruteForce(IReadOnlyList<int[]> formula, int variables, IReadOnlyList<int> assumptions)
    {
        for (var bits = 0; bits < 1 << variables; bits++)
        {
            var assignment = bits;
            bool Value(int v) => (assignment >> v & 1) == 1;
            if (assumptions.All(lit => Value(lit >> 1) == ((lit & 1) == 0)) && Satisfies(formula, Value))
            {
                return true;
            }
        }
        return false;
    }

    private static SatSolver Load(IEnumerable<int[]> formula, int variables, bool alternating = false)
    {
        var solver = new SatSolver(alternating);
        for (var v = 0; v < variables; v++)
        {
            solver.NewVariable();
        }
        foreach (var clause in formula)
        {
            solver.AddClause(clause);
        }
        return solver;
    }

    private static SatSolver Pigeonhole(int pigeons, int holes, bool alternating = false)
    {
        var solver = new SatSolver(alternating);
        var inHole = new int[pigeons, holes];
        for (var p = 0; p < pigeons; p++)
        {
            for (var h = 0; h < holes; h++)
            {
                inHole[p, h] = SatSolver.Positive(solver.NewVariable());
            }
            solver.AddClause(Enumerable.Range(0, holes).Select(h => inHole[p, h]).ToArray());
        }
        for (var h = 0; h < holes; h++)
        {
            Cardinality.AtMost(solver, Enumerable.Range(0, pigeons).Select(p => inHole[p, h]).ToArray(), 1);
        }
        return solver;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Random_three_sat_formulas_agree_with_brute_force_and_models_satisfy_every_clause(bool alternating)
    {
        int satisfiable = 0, unsatisfiable = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var random = new Random(seed);
            var variables = random.Next(6, 15);
            var formula = RandomFormula(random, variables, (int)(variables * (3.6 + random.NextDouble())));
            var solver = Load(formula, variables, alternating);

            var outcome = solver.Solve(CancellationToken.None);

            var expected = BruteForce(formula, variables, []);
            outcome.ShouldBe(expected ? SatOutcome.Satisfiable : SatOutcome.Unsatisfiable, $"seed {seed}");
            if (expected)
            {
                Satisfies(formula, solver.Value).ShouldBeTrue($"seed {seed}");
                satisfiable++;
            }
            else
            {
                solver.ProvedUnsatisfiable.ShouldBeTrue($"seed {seed}");
                unsatisfiable++;
            }
        }
        satisfiable.ShouldBeGreaterThan(50);
        unsatisfiable.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void A_larger_random_formula_below_the_threshold_gets_a_model_that_satisfies_every_clause()
    {
        var random = new Random(5);
        var formula = RandomFormula(random, 300, 1_100);
        var solver = Load(formula, 300);

        solver.Solve(CancellationToken.None).ShouldBe(SatOutcome.Satisfiable);

        Satisfies(formula, solver.Value).ShouldBeTrue();
    }

    [Theory]
    [InlineData(5, 5, true, false)]
    [InlineData(6, 5, false, false)]
    [InlineData(7, 6, false, false)]
    [InlineData(7, 6, false, true)]
    public void Pigeons_fit_in_holes_only_when_there_are_enough(int pigeons, int holes, bool fits, bool alternating)
    {
        var solver = Pigeonhole(pigeons, holes, alternating);

        solver.Solve(CancellationToken.None).ShouldBe(fits ? SatOutcome.Satisfiable : SatOutcome.Unsatisfiable);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Answers_stay_right_across_many_learnt_clause_deletions_and_mode_switches(bool alternating)
    {
        var pigeons = Pigeonhole(9, 8, alternating);
        pigeons.Solve(CancellationToken.None).ShouldBe(SatOutcome.Unsatisfiable);
        pigeons.Conflicts.ShouldBeGreaterThan(10_000);

        var found = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var formula = RandomFormula(new Random(seed), 200, 840);
            var solver = Load(formula, 200, alternating);
            var outcome = solver.Solve(CancellationToken.None);
            if (outcome == SatOutcome.Satisfiable && solver.Conflicts > 5_000)
            {
                Satisfies(formula, solver.Value).ShouldBeTrue($"seed {seed}");
                found++;
            }
        }
        found.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Assumptions_hold_for_one_call_only_their_failed_subset_is_a_core_and_added_clauses_are_kept(bool alternating)
    {
        for (var seed = 1; seed <= 150; seed++)
        {
            var random = new Random(seed);
            var variables = random.Next(6, 12);
            var formula = RandomFormula(random, variables, variables * 3);
            var solver = Load(formula, variables, alternating);
            for (var call = 0; call < 4; call++)
            {
                var assumptions = Enumerable.Range(0, random.Next(4))
                    .Select(_ => 2 * random.Next(variables) + random.Next(2))
                    .DistinctBy(lit => lit >> 1)
                    .ToArray();

                var outcome = solver.Solve(CancellationToken.None, assumptions: assumptions);

                var expected = BruteForce(formula, variables, assumptions);
                outcome.ShouldBe(expected ? SatOutcome.Satisfiable : SatOutcome.Unsatisfiable, $"seed {seed} call {call}");
                if (expected)
                {
                    Satisfies(formula, solver.Value).ShouldBeTrue($"seed {seed} call {call}");
                    assumptions.ShouldAllBe(lit => solver.Value(lit >> 1) == ((lit & 1) == 0));
                }
                if (!expected && !solver.ProvedUnsatisfiable)
                {
                    var core = solver.FailedAssumptions.ToArray();
                    core.ShouldNotBeEmpty($"seed {seed} call {call}");
                    core.ShouldAllBe(lit => assumptions.Contains(lit));
                    BruteForce(formula, variables, core).ShouldBeFalse($"seed {seed} call {call}");
                }
                if (solver.ProvedUnsatisfiable || (assumptions.Length == 0 && !expected))
                {
                    solver.ProvedUnsatisfiable.ShouldBeTrue($"seed {seed} call {call}");
                    BruteForce(formula, variables, []).ShouldBeFalse($"seed {seed} call {call}");
                }
                var extra = RandomFormula(random, variables, 1, 2)[0];
                formula.Add(extra);
                solver.AddClause(extra);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Learnt_clauses_over_assumption_levels_stay_valid_for_later_calls_with_other_assumptions(bool alternating)
    {
        const int holes = 7;
        const int pigeons = holes + 1;
        var solver = new SatSolver(alternating);
        var formula = new List<int[]>();
        void Add(params int[] clause)
        {
            formula.Add(clause);
            solver.AddClause(clause);
        }
        int New() => SatSolver.Positive(solver.NewVariable());
        var inHole = new int[pigeons, holes];
        var selectors = new int[pigeons];
        for (var p = 0; p < pigeons; p++)
        {
            for (var h = 0; h < holes; h++)
            {
                inHole[p, h] = New();
            }
            selectors[p] = New();
            int present = New(), counted = New();
            Add(selectors[p] ^ 1, present);
            Add(selectors[p] ^ 1, counted);
            Add([present ^ 1, counted ^ 1, .. Enumerable.Range(0, holes).Select(h => inHole[p, h])]);
        }
        for (var h = 0; h < holes; h++)
        {
            for (var p = 0; p < pigeons; p++)
            {
                for (var q = p + 1; q < pigeons; q++)
                {
                    Add(inHole[p, h] ^ 1, inHole[q, h] ^ 1);
                }
            }
        }

        for (var call = 0; call < 3; call++)
        {
            solver.Solve(CancellationToken.None, assumptions: selectors).ShouldBe(SatOutcome.Unsatisfiable);
            solver.ProvedUnsatisfiable.ShouldBeFalse();
            solver.FailedAssumptions.Order().ShouldBe(selectors);

            var allButOne = selectors.Where((_, p) => p != call).ToArray();
            solver.Solve(CancellationToken.None, assumptions: allButOne).ShouldBe(SatOutcome.Satisfiable);
            Satisfies(formula, solver.Value).ShouldBeTrue();
            allButOne.ShouldAllBe(lit => solver.Value(lit >> 1));
        }
        solver.Conflicts.ShouldBeGreaterThan(1_000);
    }

    [Fact]
    public void A_conflict_budget_ends_the_search_without_an_answer()
    {
        var solver = Pigeonhole(pigeons: 10, holes: 9);

        solver.Solve(CancellationToken.None, maxConflicts: 500).ShouldBe(SatOutcome.Unknown);

        solver.Conflicts.ShouldBeInRange(500, 1_000);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void Cardinality_constraints_accept_exactly_the_assignments_within_their_bounds(int size)
    {
        for (var k = 0; k <= size; k++)
        {
            var atMost = new SatSolver();
            var atLeast = new SatSolver();
            var counted = new SatSolver();
            var lits = new[] { atMost, atLeast, counted }
                .Select(solver => Enumerable.Range(0, size).Select(_ => SatSolver.Positive(solver.NewVariable())).ToArray())
                .ToArray();
            Cardinality.AtMost(atMost, lits[0], k);
            Cardinality.AtLeast(atLeast, lits[1], k);
            var outputs = Cardinality.Counter(counted, lits[2], size);
            for (var bits = 0; bits < 1 << size; bits++)
            {
                var ones = System.Numerics.BitOperations.PopCount((uint)bits);
                int[] Assume(int[] variables) => variables.Select((lit, i) => (bits >> i & 1) == 1 ? lit : lit ^ 1).ToArray();

                atMost.Solve(CancellationToken.None, assumptions: Assume(lits[0]))
                    .ShouldBe(ones <= k ? SatOutcome.Satisfiable : SatOutcome.Unsatisfiable, $"at most {k}, bits {bits}");
                atLeast.Solve(CancellationToken.None, assumptions: Assume(lits[1]))
                    .ShouldBe(ones >= k ? SatOutcome.Satisfiable : SatOutcome.Unsatisfiable, $"at least {k}, bits {bits}");
                if (k < size)
                {
                    counted.Solve(CancellationToken.None, assumptions: [.. Assume(lits[2]), outputs[k] ^ 1])
                        .ShouldBe(ones <= k ? SatOutcome.Satisfiable : SatOutcome.Unsatisfiable, $"counter {k}, bits {bits}");
                }
            }
        }
    }
}
