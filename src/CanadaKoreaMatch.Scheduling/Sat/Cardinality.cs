namespace CanadaKoreaMatch.Scheduling.Sat;

/// <summary>Cardinality constraints as clauses (sequential counters, which unit propagation keeps arc-consistent).</summary>
internal static class Cardinality
{
    private const int PairwiseLimit = 6;

    /// <summary>
    /// Builds a counter over <paramref name="lits"/> and returns its outputs: output <c>j</c> is forced true when at least
    /// <c>j + 1</c> literals are true (for <c>j</c> up to <paramref name="limit"/>); -1 where that count cannot be reached.
    /// Asserting the negation of output <c>k</c> bounds the sum by <c>k</c>.
    /// </summary>
    public static int[] Counter(SatSolver solver, IReadOnlyList<int> lits, int limit)
    {
        var previous = Array.Empty<int>();
        for (var i = 0; i < lits.Count; i++)
        {
            var width = Math.Min(i + 1, limit + 1);
            var row = new int[width];
            for (var j = 0; j < width; j++)
            {
                var r = SatSolver.Positive(solver.NewVariable(decision: false));
                row[j] = r;
                if (j == 0)
                {
                    solver.AddClause([lits[i] ^ 1, r]);
                }
                else
                {
                    solver.AddClause([lits[i] ^ 1, previous[j - 1] ^ 1, r]);
                }
                if (j < previous.Length)
                {
                    solver.AddClause([previous[j] ^ 1, r]);
                }
            }
            previous = row;
        }
        var outputs = new int[limit + 1];
        for (var j = 0; j <= limit; j++)
        {
            outputs[j] = j < previous.Length ? previous[j] : -1;
        }
        return outputs;
    }

    /// <summary>At most <paramref name="k"/> of <paramref name="lits"/> are true.</summary>
    public static void AtMost(SatSolver solver, IReadOnlyList<int> lits, int k)
    {
        if (lits.Count <= k)
        {
            return;
        }
        if (k == 0)
        {
            foreach (var lit in lits)
            {
                solver.AddClause([lit ^ 1]);
            }
            return;
        }
        if (k == 1 && lits.Count <= PairwiseLimit)
        {
            for (var i = 0; i < lits.Count; i++)
            {
                for (var j = i + 1; j < lits.Count; j++)
                {
                    solver.AddClause([lits[i] ^ 1, lits[j] ^ 1]);
                }
            }
            return;
        }
        solver.AddClause([Counter(solver, lits, k)[k] ^ 1]);
    }

    /// <summary>At least <paramref name="k"/> of <paramref name="lits"/> are true.</summary>
    public static void AtLeast(SatSolver solver, IReadOnlyList<int> lits, int k)
    {
        if (k > lits.Count)
        {
            solver.AddClause([]);
            return;
        }
        AtMost(solver, lits.Select(l => l ^ 1).ToArray(), lits.Count - k);
    }
}
