namespace CanadaKoreaMatch.Scheduling.Sat;

/// <summary>
/// Cardinality constraints as clauses: totalizers (a balanced tree of unary counters, each node capped one above the
/// limit), which unit propagation keeps arc-consistent. A true input moves one output per level of the tree, where a
/// sequential counter would move one per input after it.
/// </summary>
internal static class Cardinality
{
    private const int PairwiseLimit = 6;

    /// <summary>
    /// Builds a counter over <paramref name="lits"/> and returns its outputs: output <c>j</c> is forced true when at least
    /// <c>j + 1</c> literals are true (for <c>j</c> up to <paramref name="limit"/>); -1 where that count cannot be reached.
    /// Asserting the negation of output <c>k</c> bounds the sum by <c>k</c>. An output may be an input literal itself.
    /// </summary>
    public static int[] Counter(SatSolver solver, IReadOnlyList<int> lits, int limit)
    {
        var counted = lits.Count == 0 ? [] : Count(solver, lits, 0, lits.Count, limit + 1);
        var outputs = new int[limit + 1];
        for (var j = 0; j <= limit; j++)
        {
            outputs[j] = j < counted.Length ? counted[j] : -1;
        }
        return outputs;
    }

    /// <summary>Unary count of <c>lits[from..to)</c>, up to <paramref name="cap"/>: output <c>j</c> means "at least j + 1".</summary>
    private static int[] Count(SatSolver solver, IReadOnlyList<int> lits, int from, int to, int cap)
    {
        if (to - from == 1)
        {
            return [lits[from]];
        }
        var middle = (from + to) / 2;
        var left = Count(solver, lits, from, middle, cap);
        var right = Count(solver, lits, middle, to, cap);
        var outputs = new int[Math.Min(left.Length + right.Length, cap)];
        for (var j = 0; j < outputs.Length; j++)
        {
            outputs[j] = SatSolver.Positive(solver.NewVariable(decision: false));
        }
        for (var a = 0; a <= left.Length; a++)
        {
            for (var b = 0; b <= right.Length && a + b <= outputs.Length; b++)
            {
                if (a == 0 && b == 0)
                {
                    continue;
                }
                var sum = outputs[a + b - 1];
                if (a == 0)
                {
                    solver.AddClause([right[b - 1] ^ 1, sum]);
                }
                else if (b == 0)
                {
                    solver.AddClause([left[a - 1] ^ 1, sum]);
                }
                else
                {
                    solver.AddClause([left[a - 1] ^ 1, right[b - 1] ^ 1, sum]);
                }
            }
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
