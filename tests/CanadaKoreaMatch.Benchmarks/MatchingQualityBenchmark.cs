using System.Diagnostics;
using System.Globalization;
using CanadaKoreaMatch.Benchmarks.Quality;
using CanadaKoreaMatch.Matching;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// Match quality: the publicly reported Canada–Korea partnerships of the labelled set, hidden among
/// synthetic distractors, ranked by the engine (through its public API) and by naive baselines in
/// the same run; recall at 5 and 10 and MRR on both sides of every pair, per split.
/// Usage: matching-quality [--distractors N] [--seed S] [--depth D] [--set FILE] [--labels FILE] [--tune-pairs]
/// </summary>
internal static class MatchingQualityBenchmark
{
    private const int DefaultDepth = 100;

    /// <summary>
    /// Diagnostic, not a baseline: scores 1 for any real firm of the labelled set and 0 for a
    /// distractor. It measures how far merely telling real firms from synthetic ones would go.
    /// </summary>
    private const string RealFirmPrior = "real-firm prior (diagnostic)";

    public static int Run(string[] args)
    {
        var distractorCount = DistractorGenerator.DefaultCount;
        var seed = DistractorGenerator.DefaultSeed;
        var depth = DefaultDepth;
        var setPath = QualityFiles.Beside(QualityFiles.DefaultSetPath);
        string? labelsPath = null;
        var showTunePairs = false;
        var explain = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--distractors" when value is not null:
                    distractorCount = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--seed" when value is not null:
                    seed = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--depth" when value is not null:
                    depth = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--set" when value is not null:
                    setPath = value;
                    i++;
                    break;
                case "--labels" when value is not null:
                    labelsPath = value;
                    i++;
                    break;
                case "--explain" when value is not null:
                    explain.Add(value);
                    i++;
                    break;
                case "--tune-pairs":
                    showTunePairs = true;
                    break;
                default:
                    Console.Error.WriteLine("usage: matching-quality [--distractors N] [--seed S] [--depth D] [--set FILE] [--labels FILE] [--tune-pairs]");
                    return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var set = QualityFiles.LoadSet(setPath);
        var names = set.Firms.ToDictionary(f => f.Id, f => f.Name);
        var distractors = DistractorGenerator.Generate(distractorCount, seed);
        var pool = new QualityPool(set.Firms.Select(f => f.ToProfile()).Concat(distractors.Select(d => d.Profile)));
        var engine = new MatchingEngine(pool.All);
        var engineRanker = new EngineRanker(engine, depth);
        var lookingForYou = new LookingForYouRanker(new MatchingEngine(pool.All), 20);
        var methods = new List<IRanker> { engineRanker, lookingForYou, new EitherRanker("engine, either view (diagnostic)", engineRanker, lookingForYou) };
        methods.AddRange(Baselines.All(pool));
        var real = set.Firms.Select(f => f.Id).ToHashSet();
        methods.Add(new ScoreRanker(RealFirmPrior, pool, (_, other) => real.Contains(other.Id) ? 1 : 0));
        methods.Add(new ExactNeedCeiling(pool));
        var results = methods.ToDictionary(m => m.Name, m => PairEvaluation.Run(m, set.Pairs, filtered: false), StringComparer.Ordinal);
        var filtered = methods.ToDictionary(m => m.Name, m => PairEvaluation.Run(m, set.Pairs, filtered: true), StringComparer.Ordinal);

        Console.WriteLine($"Match quality, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {set.Firms.Count} labelled firms, {set.Pairs.Count} pairs "
            + $"({set.Pairs.Count(p => p.Split == Splits.Tune)} tune, {set.Pairs.Count(p => p.Split == Splits.HeldOut)} held-out), "
            + $"{distractors.Count} distractors (seed {seed}), pool {pool.All.Count} firms, engine lists {depth} deep.");
        Console.WriteLine();
        PrintShape(DistractorGenerator.Describe(distractors));
        Console.WriteLine();
        Console.WriteLine("Recall at 5 / recall at 10 / MRR. \"CA list\": the Canadian firm's list, looking for its Korean partner; \"KR list\": the reverse; \"both\": all sides together.");
        Console.WriteLine($"The {RealFirmPrior} rows rank every real firm of the set equally above the distractors: what telling real from synthetic firms alone would score.");
        Console.WriteLine($"The {ExactNeedCeiling.Label} rows give each partner the best rank a list could give it that puts every firm meeting one of the reader's needs with the exact code first: a bound, not a method.");
        Console.WriteLine();
        Console.WriteLine("Filtered ranks: the reader's other known partners are left out of its list before the partner is placed.");
        Console.WriteLine();
        PrintTable(methods, filtered);
        Console.WriteLine();
        Console.WriteLine("Unfiltered ranks: the lists as the readers see them, other known partners included.");
        Console.WriteLine();
        PrintTable(methods, results);
        Console.WriteLine();
        if (showTunePairs)
        {
            PrintPairs(Splits.Tune, methods, filtered, results, names);
            Console.WriteLine();
        }

        PrintPairs(Splits.HeldOut, methods, filtered, results, names);
        foreach (var name in explain)
        {
            Console.WriteLine();
            PrintExplanation(name, set, engine, names);
        }
        if (labelsPath is not null)
        {
            Console.WriteLine();
            PrintLabels(labelsPath, depth);
        }

        Console.WriteLine();
        Console.WriteLine($"Run time {clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static void PrintShape(DistractorShape shape)
    {
        string Count<TKey>(IReadOnlyDictionary<TKey, int> counts)
            where TKey : notnull => string.Join(", ", counts.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));

        Console.WriteLine($"Distractors: {shape.Total} firms; by country: {Count(shape.ByCountry)}.");
        Console.WriteLine($"  kinds: {Count(shape.ByKind)}.");
        Console.WriteLine($"  SMEs seeking one or two codes: {shape.SingleNeedSmes}; broad primes with 6-10 needs: {shape.PrimesWithSixToTenNeeds}.");
        Console.WriteLine($"  description language: {Count(shape.ByDescriptionLanguage)}.");
        Console.WriteLine($"  firms naming a code (offered or sought): most named {string.Join(", ", shape.MostNamedCodes.Select(c => $"{c.Code} {c.Firms}"))}; "
            + $"median code {shape.MedianCodeFirms}; least named {string.Join(", ", shape.LeastNamedCodes.Select(c => $"{c.Code} {c.Firms}"))}.");
    }

    private static void PrintTable(List<IRanker> methods, Dictionary<string, List<PairOutcome>> results)
    {
        Console.WriteLine("| method | split | pairs | CA list R@5 | R@10 | MRR | KR list R@5 | R@10 | MRR | both R@5 | R@10 | MRR |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var method in methods)
        {
            foreach (var split in new[] { Splits.Tune, Splits.HeldOut, Splits.All })
            {
                var ca = PairEvaluation.Summarize(results[method.Name], split, Side.CanadianList);
                var kr = PairEvaluation.Summarize(results[method.Name], split, Side.KoreanList);
                var both = PairEvaluation.Summarize(results[method.Name], split, null);
                Console.WriteLine($"| {method.Name} | {split} | {ca.Count} | {F(ca.RecallAt5)} | {F(ca.RecallAt10)} | {F(ca.Mrr)} | {F(kr.RecallAt5)} | {F(kr.RecallAt10)} | {F(kr.Mrr)} | {F(both.RecallAt5)} | {F(both.RecallAt10)} | {F(both.Mrr)} |");
            }
        }
    }

    private static void PrintPairs(
        string split,
        List<IRanker> methods,
        Dictionary<string, List<PairOutcome>> filtered,
        Dictionary<string, List<PairOutcome>> results,
        Dictionary<Guid, string> names)
    {
        static string Both(RankOutcome filteredRank, RankOutcome rank) => filteredRank == rank ? $"{rank}" : $"{filteredRank} [{rank}]";

        Console.WriteLine($"{char.ToUpperInvariant(split[0])}{split[1..]} pairs: filtered rank of the partner in the Canadian firm's list / in the Korean firm's list, "
            + "the unfiltered rank in brackets where it differs (\"-\": not in the list; ties at their mid-rank).");
        Console.WriteLine();
        Console.WriteLine($"| pair | {string.Join(" | ", methods.Select(m => m.Name))} |");
        Console.WriteLine($"|---|{string.Concat(methods.Select(_ => "---|"))}");
        foreach (var pair in results[methods[0].Name].Where(o => o.Pair.Split == split).Select(o => o.Pair))
        {
            var cells = methods.Select(m =>
            {
                var outcome = results[m.Name].First(o => o.Pair == pair);
                var passedOver = filtered[m.Name].First(o => o.Pair == pair);
                return $"{Both(passedOver.InCanadianList, outcome.InCanadianList)} / {Both(passedOver.InKoreanList, outcome.InKoreanList)}";
            });
            Console.WriteLine($"| {names[pair.Ca]} – {names[pair.Kr]} | {string.Join(" | ", cells)} |");
        }
    }

    private static void PrintLabels(string path, int depth)
    {
        var export = QualityFiles.LoadLabels(path);
        var pool = new QualityPool(export.Firms.Select(f => f.ToProfile()));
        var engine = new MatchingEngine(pool.All);
        var summary = LabelSummary.Of(export.Labels, pool, new EngineRanker(engine, depth));
        Console.WriteLine($"User labels from {path} (exported {export.ExportedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "n/a"}): {export.Firms.Count} firms, "
            + $"{summary.Positives} positive and {summary.Negatives} negative labels ({summary.Skipped} skipped), ranked by the engine on the exported firms without their blocks.");
        Console.WriteLine();
        Console.WriteLine("| labels | in top 5 | in top 10 | MRR |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| positive ({summary.Positives}) | {F(summary.PositiveInTop5)} | {F(summary.PositiveInTop10)} | {F(summary.PositiveMrr)} |");
        Console.WriteLine($"| negative ({summary.Negatives}) | {F(summary.NegativeInTop5)} | {F(summary.NegativeInTop10)} | |");
    }

    /// <summary>For each pair of the firm named <paramref name="name"/>: the reader's first five, and the partner as the reader reads it.</summary>
    private static void PrintExplanation(string name, LabelledSet set, MatchingEngine engine, Dictionary<Guid, string> names)
    {
        string Named(Guid id) => names.TryGetValue(id, out var n) ? n : $"distractor {id.ToString()[..8]}";
        string Line(Suggestion s) => $"{s.Score:0.0} {Named(s.CounterpartId)}: {string.Join("; ", s.Reasons.Select(r => r.ToString()))}";

        foreach (var pair in set.Pairs.Where(p => names[p.Ca] == name || names[p.Kr] == name))
        {
            foreach (var (reader, partner) in new[] { (pair.Ca, pair.Kr), (pair.Kr, pair.Ca) })
            {
                Console.WriteLine($"{Named(reader)} reading {Named(partner)}:");
                foreach (var suggestion in engine.TopFor(reader, 5))
                {
                    Console.WriteLine($"  {Line(suggestion)}");
                }

                Console.WriteLine($"  partner: {(engine.Score(reader, partner) is { } own ? Line(own) : "not suggestable")}");
            }
        }
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
