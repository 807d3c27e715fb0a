namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>
/// Where a known partner stands in a reader's list: <see cref="Above"/> counterparts rank strictly
/// before it and it shares its score with <see cref="Tied"/> counterparts (itself included). Under
/// random tie-breaking every place from Above+1 to Above+Tied is equally likely, so the rank is the
/// mid-rank and recall at k is the probability of landing within the first k places.
/// </summary>
internal readonly record struct RankOutcome(int Above, int Tied)
{
    /// <summary>Not in the list at all (beyond its depth, or not suggestable): counts 0.</summary>
    public static readonly RankOutcome Missing = new(int.MaxValue, 1);

    /// <summary>A strict position, 1-based, as in a list that has no ties left.</summary>
    public static RankOutcome At(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        return new RankOutcome(position - 1, 1);
    }

    public bool Found => Above != int.MaxValue;

    /// <summary>Expected rank under random tie-breaking: Above + (Tied + 1) / 2.</summary>
    public double MidRank => Found ? Above + ((Tied + 1) / 2.0) : double.PositiveInfinity;

    public double ReciprocalRank => Found ? 1.0 / MidRank : 0;

    /// <summary>Expected recall at <paramref name="k"/>: the share of the tied places that fall within the first k.</summary>
    public double RecallAt(int k) => Found ? Math.Clamp((double)(k - Above) / Tied, 0, 1) : 0;

    /// <summary>Rank of <paramref name="targetScore"/> among <paramref name="scores"/> (the target's own score included once).</summary>
    public static RankOutcome OfScore(double targetScore, IEnumerable<double> scores)
    {
        var above = 0;
        var tied = 0;
        foreach (var score in scores)
        {
            if (score > targetScore)
            {
                above++;
            }
            else if (score == targetScore)
            {
                tied++;
            }
        }

        return new RankOutcome(above, Math.Max(tied, 1));
    }

    public override string ToString() => !Found ? "-" : Tied == 1 ? $"{Above + 1}" : $"{MidRank:0.#} (tie of {Tied})";
}

/// <summary>Recall at 5 and 10 and mean reciprocal rank over a set of outcomes.</summary>
internal readonly record struct MetricSummary(int Count, double RecallAt5, double RecallAt10, double Mrr)
{
    public static MetricSummary Of(IEnumerable<RankOutcome> outcomes)
    {
        var list = outcomes.ToList();
        if (list.Count == 0)
        {
            return new MetricSummary(0, 0, 0, 0);
        }

        return new MetricSummary(
            list.Count,
            list.Average(o => o.RecallAt(5)),
            list.Average(o => o.RecallAt(10)),
            list.Average(o => o.ReciprocalRank));
    }
}
