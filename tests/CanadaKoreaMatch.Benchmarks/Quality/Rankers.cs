using CanadaKoreaMatch.Matching;

namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>The firms of one evaluation run, by id and by country.</summary>
internal sealed class QualityPool
{
    public QualityPool(IEnumerable<MatchProfile> profiles)
    {
        All = profiles.ToList();
        ById = All.ToDictionary(p => p.Id);
        ByCountry = All.GroupBy(p => p.Country, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<MatchProfile>)[.. g], StringComparer.Ordinal);
    }

    public IReadOnlyList<MatchProfile> All { get; }

    public IReadOnlyDictionary<Guid, MatchProfile> ById { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<MatchProfile>> ByCountry { get; }

    /// <summary>The firms a reader may be offered: those of the other country.</summary>
    public IReadOnlyList<MatchProfile> OtherCountryOf(MatchProfile reader) =>
        ByCountry.Where(kv => kv.Key != reader.Country).SelectMany(kv => kv.Value).ToList();
}

/// <summary>
/// Ranks, in a reader's list, a given counterpart of the other country. The firms of
/// <paramref name="passOver"/> (the reader's other known partners, for the filtered rank) are left out
/// of the list before the target is placed.
/// </summary>
internal interface IRanker
{
    string Name { get; }

    RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null);
}

/// <summary>
/// The matching engine through its public API only: each reader's list is <c>TopFor(reader, depth)</c>
/// and a counterpart's rank is its position there; beyond the depth, or not suggested at all, it is missing.
/// </summary>
internal sealed class EngineRanker(MatchingEngine engine, int depth) : IRanker
{
    private readonly Dictionary<Guid, Dictionary<Guid, int>> positions = [];

    public string Name => "engine";

    public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null)
    {
        var list = ListOf(reader);
        if (!list.TryGetValue(target, out var position))
        {
            return RankOutcome.Missing;
        }

        var passedOver = passOver is null ? 0 : passOver.Count(id => id != target && list.TryGetValue(id, out var p) && p < position);
        return RankOutcome.At(position - passedOver);
    }

    public IReadOnlyDictionary<Guid, int> ListOf(Guid reader)
    {
        if (!positions.TryGetValue(reader, out var list))
        {
            list = [];
            var suggestions = engine.TopFor(reader, depth);
            for (var i = 0; i < suggestions.Count; i++)
            {
                list[suggestions[i].CounterpartId] = i + 1;
            }

            positions[reader] = list;
        }

        return list;
    }
}

/// <summary>
/// A baseline: a pair score computed over every firm of the other country. Equal scores are ties
/// (mid-rank, expected recall), and firms scoring 0 tie at the end of the list.
/// </summary>
internal sealed class ScoreRanker : IRanker
{
    private readonly QualityPool pool;
    private readonly Func<MatchProfile, IReadOnlyList<MatchProfile>, IReadOnlyDictionary<Guid, double>> scoreAll;
    private readonly Dictionary<Guid, IReadOnlyDictionary<Guid, double>> cache = [];

    public ScoreRanker(string name, QualityPool pool, Func<MatchProfile, MatchProfile, double> score)
        : this(name, pool, (reader, others) => others.ToDictionary(o => o.Id, o => score(reader, o)))
    {
    }

    public ScoreRanker(string name, QualityPool pool, Func<MatchProfile, IReadOnlyList<MatchProfile>, IReadOnlyDictionary<Guid, double>> scoreAll)
    {
        Name = name;
        this.pool = pool;
        this.scoreAll = scoreAll;
    }

    public string Name { get; }

    public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null)
    {
        if (!cache.TryGetValue(reader, out var scores))
        {
            var me = pool.ById[reader];
            cache[reader] = scores = scoreAll(me, pool.OtherCountryOf(me));
        }

        if (!scores.TryGetValue(target, out var targetScore))
        {
            return RankOutcome.Missing;
        }

        var kept = passOver is null ? scores : scores.Where(kv => kv.Key == target || !passOver.Contains(kv.Key));
        return RankOutcome.OfScore(targetScore, kept.Select(kv => kv.Value));
    }
}

/// <summary>The naive baselines the engine is compared with.</summary>
internal static class Baselines
{
    public const string OverlapName = "offer/seek overlap";
    public const string JaccardName = "Jaccard of codes";
    public const string Bm25Name = "text BM25";

    /// <summary>|A.offers ∩ B.seeks| + |B.offers ∩ A.seeks|.</summary>
    public static double Overlap(MatchProfile a, MatchProfile b) =>
        Codes(a.Offers).Intersect(Codes(b.Seeks), StringComparer.Ordinal).Count()
        + Codes(b.Offers).Intersect(Codes(a.Seeks), StringComparer.Ordinal).Count();

    /// <summary>Jaccard similarity of all capability codes each firm names (offered or sought).</summary>
    public static double Jaccard(MatchProfile a, MatchProfile b)
    {
        var x = Codes(a.Offers).Concat(Codes(a.Seeks)).ToHashSet(StringComparer.Ordinal);
        var y = Codes(b.Offers).Concat(Codes(b.Seeks)).ToHashSet(StringComparer.Ordinal);
        var union = x.Union(y, StringComparer.Ordinal).Count();
        return union == 0 ? 0 : (double)x.Intersect(y, StringComparer.Ordinal).Count() / union;
    }

    public static IReadOnlyList<IRanker> All(QualityPool pool)
    {
        var indexes = pool.ByCountry.ToDictionary(
            kv => kv.Key,
            kv => new Bm25Index(kv.Value.Select(p => (p.Id, p.Description))),
            StringComparer.Ordinal);
        return
        [
            new ScoreRanker(OverlapName, pool, Overlap),
            new ScoreRanker(JaccardName, pool, Jaccard),
            new ScoreRanker(Bm25Name, pool, (reader, _) => indexes
                .Where(kv => kv.Key != reader.Country)
                .SelectMany(kv => kv.Value.Score(reader.Description))
                .ToDictionary(kv => kv.Key, kv => kv.Value)),
        ];
    }

    private static IEnumerable<string> Codes(IEnumerable<CapabilityClaim> claims) => claims.Select(c => c.Code).Distinct(StringComparer.Ordinal);
}

/// <summary>
/// A diagnostic, not a ranking: the best rank any list that puts the firms meeting one of the reader's stated needs with
/// the exact code above all others (scope 2's rule, the engine's first level) could give the partner. A partner that
/// meets such a need may come first; one that does not comes after every firm of the other country that does.
/// </summary>
internal sealed class ExactNeedCeiling(QualityPool pool) : IRanker
{
    public const string Label = "exact-need-first ceiling (diagnostic)";

    public string Name => Label;

    public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null)
    {
        var me = pool.ById[reader];
        if (MeetsANeed(me, pool.ById[target]))
        {
            return RankOutcome.At(1);
        }

        var ahead = pool.OtherCountryOf(me).Count(o => o.Id != target && passOver?.Contains(o.Id) != true && MeetsANeed(me, o));
        return RankOutcome.At(ahead + 1);
    }

    public static bool MeetsANeed(MatchProfile reader, MatchProfile other) =>
        other.Offers.Any(o => reader.Seeks.Any(n => string.Equals(n.Code, o.Code, StringComparison.Ordinal)));
}

/// <summary>
/// The application's second view of a firm's suggestions, "firms looking for what you offer": the firms of the other
/// country whose own first <paramref name="listed"/> suggestions hold the reader, best reading of the reader first.
/// </summary>
internal sealed class LookingForYouRanker(MatchingEngine engine, int listed) : IRanker
{
    public const string Label = "engine, \"looking for you\" view";

    private readonly Dictionary<Guid, List<(Guid Firm, double Score)>> views = Build(engine, listed);

    public string Name => Label;

    public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null)
    {
        if (!views.TryGetValue(reader, out var view))
        {
            return RankOutcome.Missing;
        }

        var position = 0;
        foreach (var (firm, _) in view)
        {
            if (firm != target && passOver?.Contains(firm) == true)
            {
                continue;
            }

            position++;
            if (firm == target)
            {
                return RankOutcome.At(position);
            }
        }

        return RankOutcome.Missing;
    }

    private static Dictionary<Guid, List<(Guid, double)>> Build(MatchingEngine engine, int listed)
    {
        var views = new Dictionary<Guid, List<(Guid, double)>>();
        foreach (var (owner, list) in engine.ComputeAll(listed))
        {
            foreach (var suggestion in list)
            {
                if (!views.TryGetValue(suggestion.CounterpartId, out var view))
                {
                    views[suggestion.CounterpartId] = view = [];
                }

                view.Add((owner, suggestion.Score));
            }
        }

        foreach (var view in views.Values)
        {
            view.Sort((x, y) => y.Item2 != x.Item2 ? y.Item2.CompareTo(x.Item2) : x.Item1.CompareTo(y.Item1));
        }

        return views;
    }
}

/// <summary>A diagnostic: the better of two rankers' ranks, i.e. the partner within the first k of either view (a reader who reads both reads up to 2k firms).</summary>
internal sealed class EitherRanker(string name, IRanker first, IRanker second) : IRanker
{
    public string Name => name;

    public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null)
    {
        var a = first.Rank(reader, target, passOver);
        var b = second.Rank(reader, target, passOver);
        return a.MidRank <= b.MidRank ? a : b;
    }
}
