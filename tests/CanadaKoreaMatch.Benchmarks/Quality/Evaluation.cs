namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>Which firm's list is read: the Canadian firm's (looking for its Korean partner) or the Korean firm's.</summary>
internal enum Side
{
    CanadianList,
    KoreanList,
}

/// <summary>Both sides of one labelled pair under one method.</summary>
internal sealed record PairOutcome(PairRecord Pair, RankOutcome InCanadianList, RankOutcome InKoreanList)
{
    public RankOutcome On(Side side) => side == Side.CanadianList ? InCanadianList : InKoreanList;
}

internal static class PairEvaluation
{
    /// <summary>
    /// Both sides of every pair. Filtered (the usual protocol where one reader has several true
    /// answers): the reader's other known partners, of either split, are left out of its list before
    /// the partner is placed, so a prime with twelve partners is not marked down for ranking one of
    /// them behind another. Unfiltered: the list as the reader sees it.
    /// </summary>
    public static List<PairOutcome> Run(IRanker ranker, IReadOnlyList<PairRecord> pairs, bool filtered)
    {
        var partners = pairs
            .SelectMany(p => new[] { (Reader: p.Ca, Partner: p.Kr), (Reader: p.Kr, Partner: p.Ca) })
            .GroupBy(x => x.Reader)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(x => x.Partner).ToHashSet());
        return [.. pairs.Select(p => new PairOutcome(
            p,
            ranker.Rank(p.Ca, p.Kr, filtered ? partners[p.Ca] : null),
            ranker.Rank(p.Kr, p.Ca, filtered ? partners[p.Kr] : null)))];
    }

    /// <summary>Metrics over the pairs of <paramref name="split"/> (or all), on one side or (side null) on both.</summary>
    public static MetricSummary Summarize(IEnumerable<PairOutcome> outcomes, string split, Side? side)
    {
        var chosen = outcomes.Where(o => split == Splits.All || o.Pair.Split == split);
        var ranks = side is { } s
            ? chosen.Select(o => o.On(s))
            : chosen.SelectMany(o => new[] { o.InCanadianList, o.InKoreanList });
        return MetricSummary.Of(ranks);
    }
}

/// <summary>
/// How a ranking places what people did with suggestions: the share of positive and of negative
/// labels whose counterpart stands in the reader's top 5 and top 10, and the MRR of the positives.
/// Labels naming a firm missing from the pool, or two firms of one country, are skipped.
/// </summary>
internal sealed record LabelSummary(
    int Positives,
    int Negatives,
    int Skipped,
    double PositiveInTop5,
    double PositiveInTop10,
    double NegativeInTop5,
    double NegativeInTop10,
    double PositiveMrr)
{
    public static LabelSummary Of(IEnumerable<LabelRecord> labels, QualityPool pool, IRanker ranker)
    {
        var positives = new List<RankOutcome>();
        var negatives = new List<RankOutcome>();
        var skipped = 0;
        foreach (var label in labels)
        {
            if (!pool.ById.TryGetValue(label.CompanyId, out var reader)
                || !pool.ById.TryGetValue(label.CounterpartId, out var counterpart)
                || reader.Country == counterpart.Country)
            {
                skipped++;
                continue;
            }

            (label.Positive ? positives : negatives).Add(ranker.Rank(reader.Id, counterpart.Id));
        }

        var pos = MetricSummary.Of(positives);
        var neg = MetricSummary.Of(negatives);
        return new LabelSummary(positives.Count, negatives.Count, skipped, pos.RecallAt5, pos.RecallAt10, neg.RecallAt5, neg.RecallAt10, pos.Mrr);
    }
}
