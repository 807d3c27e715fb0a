using System.Text.Json;
using CanadaKoreaMatch.Benchmarks.Quality;

namespace CanadaKoreaMatch.Matching.Tests;

/// <summary>The labelled set of real partnerships: complete, cited, within the taxonomy, split by its written rule.</summary>
public class LabelledSetTests
{
    private static readonly LabelledSet Set = QualityFiles.LoadSet(QualityFiles.Beside(QualityFiles.DefaultSetPath));

    private static readonly Lazy<TaxonomyCodes> Taxonomy = new(TaxonomyCodes.Load);

    [Fact]
    public void The_set_loads_with_at_least_24_pairs_every_firm_sourced_and_every_pair_cited()
    {
        Set.Pairs.Count.ShouldBeGreaterThanOrEqualTo(24);
        Set.Firms.ShouldAllBe(f => !string.IsNullOrWhiteSpace(f.Source) && !string.IsNullOrWhiteSpace(f.Description) && f.Offers.Count > 0);
        Set.Pairs.ShouldAllBe(p =>
            p.Citation.Sources.Count > 0
            && p.Citation.Sources.All(s => !string.IsNullOrWhiteSpace(s))
            && p.Citation.Summary.Length > 40
            && !string.IsNullOrWhiteSpace(p.Kind)
            && p.Year >= 1990 && p.Year <= 2026);
    }

    [Fact]
    public void Every_code_is_one_of_the_taxonomy()
    {
        var taxonomy = Taxonomy.Value;
        foreach (var firm in Set.Firms)
        {
            firm.Offers.Concat(firm.Seeks).Select(c => c.Code).ShouldAllBe(code => taxonomy.Capabilities.Contains(code), firm.Name);
            firm.Modes.ShouldAllBe(code => taxonomy.Modes.Contains(code), firm.Name);
            firm.Programmes.ShouldAllBe(code => taxonomy.Programmes.Contains(code), firm.Name);
            firm.Compliance.ShouldAllBe(code => taxonomy.Compliance.Contains(code), firm.Name);
            firm.Languages.ShouldAllBe(code => taxonomy.Languages.Contains(code), firm.Name);
            (firm.Offers.Concat(firm.Seeks).Where(c => c.Trl is not null)).ShouldAllBe(c => c.Trl >= 1 && c.Trl <= 9, firm.Name);
        }
    }

    [Fact]
    public void Ids_are_unique_and_every_pair_joins_a_canadian_firm_and_a_korean_firm_once()
    {
        var byId = Set.Firms.ToDictionary(f => f.Id);
        byId.Count.ShouldBe(Set.Firms.Count);
        Set.Firms.Select(f => f.Name).Distinct().Count().ShouldBe(Set.Firms.Count);
        foreach (var pair in Set.Pairs)
        {
            byId[pair.Ca].Country.ShouldBe("CA");
            byId[pair.Kr].Country.ShouldBe("KR");
        }

        Set.Pairs.Select(p => (p.Ca, p.Kr)).Distinct().Count().ShouldBe(Set.Pairs.Count);
        Set.Firms.Count(f => Set.Pairs.Any(p => p.Ca == f.Id || p.Kr == f.Id)).ShouldBeGreaterThanOrEqualTo(30);
        Should.NotThrow(() => new MatchingEngine(Set.Firms.Select(f => f.ToProfile())));
    }

    [Fact]
    public void Each_pair_is_in_the_split_its_names_give_and_about_a_third_is_held_out()
    {
        var names = Set.Firms.ToDictionary(f => f.Id, f => f.Name);
        foreach (var pair in Set.Pairs)
        {
            pair.Split.ShouldBe(SplitRule.SplitOf(names[pair.Ca], names[pair.Kr], Set.SplitThreshold), $"{names[pair.Ca]} | {names[pair.Kr]}");
        }

        var heldOut = Set.Pairs.Count(p => p.Split == Splits.HeldOut);
        heldOut.ShouldBeGreaterThan(0);
        ((double)heldOut / Set.Pairs.Count).ShouldBeInRange(0.25, 0.40);
        Set.Pairs.Count(p => p.Split == Splits.Tune).ShouldBe(Set.Pairs.Count - heldOut);
    }

    [Fact]
    public void No_firm_description_names_a_partner()
    {
        var byId = Set.Firms.ToDictionary(f => f.Id);
        foreach (var pair in Set.Pairs)
        {
            foreach (var (reader, partner) in new[] { (byId[pair.Ca], byId[pair.Kr]), (byId[pair.Kr], byId[pair.Ca]) })
            {
                var text = reader.Description + " " + string.Join(" ", reader.Offers.Concat(reader.Seeks).Select(c => c.Note));
                text.ShouldNotContain(partner.Name, Case.Insensitive, $"{reader.Name} names {partner.Name}");
                var brand = partner.Name.Split(' ', '-')[0];
                if (brand.Length >= 4 && brand != "Korea")
                {
                    text.ShouldNotContain(brand, Case.Insensitive, $"{reader.Name} names {partner.Name}");
                }
            }
        }
    }
}

/// <summary>The synthetic distractors have the declared directory shape.</summary>
public class DistractorGeneratorTests
{
    private static readonly List<Distractor> Pool = DistractorGenerator.Generate();

    [Fact]
    public void The_default_pool_holds_1200_firms_half_in_each_country_with_unique_ids()
    {
        Pool.Count.ShouldBe(1200);
        DistractorGenerator.DefaultCount.ShouldBeGreaterThanOrEqualTo(1000);
        Pool.Count(d => d.Profile.Country == "CA").ShouldBe(600);
        Pool.Count(d => d.Profile.Country == "KR").ShouldBe(600);
        Pool.Select(d => d.Profile.Id).Distinct().Count().ShouldBe(1200);
        var labelled = QualityFiles.LoadSet(QualityFiles.Beside(QualityFiles.DefaultSetPath)).Firms.Select(f => f.Id).ToHashSet();
        Pool.ShouldAllBe(d => !labelled.Contains(d.Profile.Id));
    }

    [Fact]
    public void Each_country_has_the_declared_mix_of_single_need_smes_specialists_mid_size_firms_and_broad_primes()
    {
        foreach (var country in new[] { "CA", "KR" })
        {
            var firms = Pool.Where(d => d.Profile.Country == country).ToList();
            firms.Count(d => d.Kind == DistractorKind.SingleNeedSme).ShouldBe(270);
            firms.Count(d => d.Kind == DistractorKind.SpecialistSme).ShouldBe(150);
            firms.Count(d => d.Kind == DistractorKind.MidSizeFirm).ShouldBe(90);
            firms.Count(d => d.Kind == DistractorKind.BroadPrime).ShouldBe(90);
        }

        Pool.Where(d => d.Kind == DistractorKind.SingleNeedSme).ShouldAllBe(d =>
            d.Profile.Size == CompanySize.Sme && d.Profile.Seeks.Count >= 1 && d.Profile.Seeks.Count <= 2 && d.Profile.Offers.Count <= 2);
        Pool.Where(d => d.Kind == DistractorKind.BroadPrime).ShouldAllBe(d =>
            d.Profile.Size == CompanySize.Large && d.Profile.Seeks.Count >= 6 && d.Profile.Seeks.Count <= 10 && d.Profile.Offers.Count >= 6);
        Pool.ShouldAllBe(d => !d.Profile.Offers.Select(c => c.Code).Intersect(d.Profile.Seeks.Select(c => c.Code)).Any());

        var shape = DistractorGenerator.Describe(Pool);
        shape.PrimesWithSixToTenNeeds.ShouldBe(180);
        shape.SingleNeedSmes.ShouldBeGreaterThanOrEqualTo(540);
    }

    [Fact]
    public void Descriptions_are_in_english_french_and_korean_some_bilingual()
    {
        var languages = Pool.GroupBy(d => d.DescriptionLanguage).ToDictionary(g => g.Key, g => g.ToList());
        languages.Keys.ShouldBe(["EN", "EN+FR", "FR", "KO", "KO+EN"], ignoreOrder: true);
        languages.Values.ShouldAllBe(list => list.Count >= 30);
        languages["KO"].ShouldAllBe(d => d.Profile.Description.Any(c => c >= '\uAC00' && c <= '\uD7A3'));
        languages["KO+EN"].ShouldAllBe(d => d.Profile.Description.Any(c => c >= '\uAC00' && c <= '\uD7A3') && d.Profile.Description.Contains("We ", StringComparison.Ordinal));
        languages["EN"].ShouldAllBe(d => !d.Profile.Description.Any(c => c >= '\uAC00' && c <= '\uD7A3'));
        languages["FR"].ShouldAllBe(d => d.Profile.Description.Contains("Nous ", StringComparison.Ordinal));
        languages["EN+FR"].ShouldAllBe(d => d.Profile.Description.Contains("Nous ", StringComparison.Ordinal) && d.Profile.Description.Contains("We ", StringComparison.Ordinal));
        Pool.Where(d => d.Profile.Country == "KR").ShouldAllBe(d => d.Profile.Languages.Contains("KO"));
    }

    [Fact]
    public void Code_popularity_is_skewed_a_few_codes_popular_many_rare()
    {
        var firmsNaming = Pool
            .SelectMany(d => d.Profile.Offers.Concat(d.Profile.Seeks).Select(c => c.Code).Distinct())
            .GroupBy(c => c)
            .Select(g => g.Count())
            .OrderDescending()
            .ToList();
        var median = firmsNaming[firmsNaming.Count / 2];
        firmsNaming[0].ShouldBeGreaterThanOrEqualTo(3 * median);
        firmsNaming[0].ShouldBeGreaterThanOrEqualTo(10 * firmsNaming[^1]);
        firmsNaming.Take(5).Sum().ShouldBeGreaterThan(firmsNaming.TakeLast(20).Sum());
    }

    [Fact]
    public void Every_generated_code_is_one_of_the_taxonomy()
    {
        var taxonomy = TaxonomyCodes.Load();
        DistractorVocabulary.Phrases.Keys.ToHashSet().SetEquals(taxonomy.Capabilities).ShouldBeTrue();
        Pool.ShouldAllBe(d => d.Profile.Modes.All(taxonomy.Modes.Contains)
            && d.Profile.Programmes.All(taxonomy.Programmes.Contains)
            && d.Profile.Compliance.All(taxonomy.Compliance.Contains)
            && d.Profile.Languages.All(taxonomy.Languages.Contains));
    }

    [Fact]
    public void The_same_seed_gives_the_same_firms_and_another_seed_other_firms()
    {
        var again = DistractorGenerator.Generate(DistractorGenerator.DefaultCount, DistractorGenerator.DefaultSeed);
        again.Select(d => (d.Profile.Id, d.Kind, d.Profile.Description)).ShouldBe(Pool.Select(d => (d.Profile.Id, d.Kind, d.Profile.Description)));
        DistractorGenerator.Generate(DistractorGenerator.DefaultCount, 1).Select(d => d.Profile.Id).Intersect(again.Select(d => d.Profile.Id)).ShouldBeEmpty();
    }
}

/// <summary>Recall, MRR, ties and baselines on rankings small enough to check by hand.</summary>
public class RankingMetricTests
{
    [Fact]
    public void Strict_positions_give_recall_and_mrr_by_hand()
    {
        var outcomes = new[] { RankOutcome.At(1), RankOutcome.At(3), RankOutcome.At(7), RankOutcome.At(12), RankOutcome.Missing };

        var summary = MetricSummary.Of(outcomes);

        summary.Count.ShouldBe(5);
        summary.RecallAt5.ShouldBe(0.4, 1e-12);
        summary.RecallAt10.ShouldBe(0.6, 1e-12);
        summary.Mrr.ShouldBe((1 + (1.0 / 3) + (1.0 / 7) + (1.0 / 12)) / 5, 1e-12);
    }

    [Fact]
    public void Tied_scores_take_the_mid_rank_and_the_expected_recall()
    {
        // Scores of the reader's candidates, the target's (2) included: one above, three tied.
        var outcome = RankOutcome.OfScore(2, [5, 2, 2, 2, 1, 0]);

        outcome.ShouldBe(new RankOutcome(1, 3));
        outcome.MidRank.ShouldBe(3);
        outcome.ReciprocalRank.ShouldBe(1.0 / 3, 1e-12);
        outcome.RecallAt(1).ShouldBe(0);
        outcome.RecallAt(2).ShouldBe(1.0 / 3, 1e-12);
        outcome.RecallAt(3).ShouldBe(2.0 / 3, 1e-12);
        outcome.RecallAt(4).ShouldBe(1);
    }

    [Fact]
    public void A_zero_score_ties_with_every_zero_at_the_end_and_a_missing_partner_counts_nothing()
    {
        var zero = RankOutcome.OfScore(0, [3, 1, 0, 0, 0, 0]);

        zero.ShouldBe(new RankOutcome(2, 4));
        zero.MidRank.ShouldBe(4.5);
        zero.RecallAt(5).ShouldBe(0.75);
        RankOutcome.Missing.ReciprocalRank.ShouldBe(0);
        RankOutcome.Missing.RecallAt(10).ShouldBe(0);
        RankOutcome.At(4).ToString().ShouldBe("4");
    }

    [Fact]
    public void Baselines_score_by_hand_and_never_rank_a_firm_of_the_readers_country()
    {
        var reader = Profiles.Ca("Reader", offers: "MAR.SUB SENS.SONAR", seeks: "MAT.METALS DIGI.SIM");
        var both = Profiles.Kr("Both ways", offers: "MAT.METALS", seeks: "MAR.SUB SENS.SONAR");
        var oneWay = Profiles.Kr("One way", offers: "DIGI.SIM", seeks: "AIR.UAS");
        var none = Profiles.Kr("None", offers: "LAND.ARTY", seeks: "AIR.ROTOR");
        var compatriot = Profiles.Ca("Compatriot", offers: "MAT.METALS DIGI.SIM", seeks: "MAR.SUB SENS.SONAR");

        Baselines.Overlap(reader, both).ShouldBe(3);
        Baselines.Overlap(reader, oneWay).ShouldBe(1);
        Baselines.Jaccard(reader, both).ShouldBe(3.0 / 4);
        Baselines.Jaccard(reader, oneWay).ShouldBe(1.0 / 5);

        var pool = new QualityPool([reader, both, oneWay, none, compatriot]);
        var overlap = new ScoreRanker(Baselines.OverlapName, pool, Baselines.Overlap);
        overlap.Rank(reader.Id, both.Id).ShouldBe(RankOutcome.At(1));
        overlap.Rank(reader.Id, oneWay.Id).ShouldBe(RankOutcome.At(2));
        overlap.Rank(reader.Id, none.Id).ShouldBe(new RankOutcome(2, 1));
        overlap.Rank(reader.Id, compatriot.Id).ShouldBe(RankOutcome.Missing);
    }

    [Fact]
    public void A_filtered_rank_leaves_out_the_readers_other_partners_and_nothing_else()
    {
        var reader = Profiles.Kr("Reader", offers: "MAR.SUB", seeks: "MAT.METALS DIGI.SIM SENS.SONAR");
        var three = Profiles.Ca("Three", offers: "MAT.METALS DIGI.SIM SENS.SONAR", seeks: "AIR.UAS");
        var two = Profiles.Ca("Two", offers: "MAT.METALS DIGI.SIM", seeks: "AIR.UAS");
        var one = Profiles.Ca("One", offers: "MAT.METALS", seeks: "AIR.UAS");
        var alsoOne = Profiles.Ca("Also one", offers: "SENS.SONAR", seeks: "AIR.UAS");
        var pool = new QualityPool([reader, three, two, one, alsoOne]);
        var overlap = new ScoreRanker(Baselines.OverlapName, pool, Baselines.Overlap);
        HashSet<Guid> partners = [three.Id, one.Id];

        overlap.Rank(reader.Id, one.Id).ShouldBe(new RankOutcome(2, 2));
        overlap.Rank(reader.Id, one.Id, partners).ShouldBe(new RankOutcome(1, 2));
        overlap.Rank(reader.Id, two.Id, partners).ShouldBe(RankOutcome.At(1));
        overlap.Rank(reader.Id, three.Id, partners).ShouldBe(RankOutcome.At(1));

        var engine = new EngineRanker(new MatchingEngine(pool.All), 10);
        var list = engine.ListOf(reader.Id);
        list.Count.ShouldBe(4);
        foreach (var target in new[] { three, two, one, alsoOne })
        {
            engine.Rank(reader.Id, target.Id, new HashSet<Guid>()).ShouldBe(RankOutcome.At(list[target.Id]));
            engine.Rank(reader.Id, target.Id, list.Keys.ToHashSet()).ShouldBe(RankOutcome.At(1));
        }
    }

    [Fact]
    public void The_exact_need_ceiling_puts_a_partner_meeting_a_need_first_and_any_other_after_every_firm_that_meets_one()
    {
        var reader = Profiles.Kr("Reader", offers: "AIR.AIRCRAFT", seeks: "DIGI.SIM AIR.UAS");
        var sim = Profiles.Ca("Simulation", offers: "DIGI.SIM", seeks: "AIR.ROTOR");
        var drones = Profiles.Ca("Drones", offers: "AIR.UAS MAT.METALS");
        var near = Profiles.Ca("Same domain", offers: "AIR.ROTOR", seeks: "AIR.AIRCRAFT");
        var supplier = Profiles.Ca("Supplier", offers: "MFG.ELECTRONICS", seeks: "AIR.AIRCRAFT");
        var compatriot = Profiles.Kr("Compatriot", offers: "DIGI.SIM");
        var ceiling = new ExactNeedCeiling(new QualityPool([reader, sim, drones, near, supplier, compatriot]));

        ceiling.Rank(reader.Id, drones.Id).ShouldBe(RankOutcome.At(1));
        ceiling.Rank(reader.Id, supplier.Id).ShouldBe(RankOutcome.At(3), "behind Simulation and Drones; the compatriot and the same-domain firm do not count");
        ceiling.Rank(reader.Id, near.Id, new HashSet<Guid> { sim.Id }).ShouldBe(RankOutcome.At(2), "Simulation, a known partner, is passed over");
        ceiling.Rank(supplier.Id, reader.Id).ShouldBe(RankOutcome.At(1), "the reader offers the aircraft the supplier seeks");
    }

    [Fact]
    public void The_filtered_evaluation_passes_over_partners_of_either_split_for_each_reader()
    {
        var prime = Guid.NewGuid();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var citation = new Citation([], "");
        PairRecord[] pairs =
        [
            new(first, prime, "MoU", 2025, citation, Splits.Tune),
            new(second, prime, "MoU", 2025, citation, Splits.HeldOut),
        ];
        string Seen(Guid reader, Guid target, params Guid[] passOver) => $"{reader}>{target}:{string.Join(",", passOver.Order())}";
        var filtered = new List<string>();
        var unfiltered = new List<string>();

        PairEvaluation.Run(new RecordingRanker((r, t, p) => filtered.Add(Seen(r, t, [.. p ?? new HashSet<Guid>()]))), pairs, filtered: true);
        PairEvaluation.Run(new RecordingRanker((r, t, p) => unfiltered.Add(Seen(r, t, [.. p ?? new HashSet<Guid>()]))), pairs, filtered: false);

        filtered.ShouldBe(
            [Seen(first, prime, prime), Seen(prime, first, first, second), Seen(second, prime, prime), Seen(prime, second, first, second)],
            ignoreOrder: true);
        unfiltered.ShouldBe([Seen(first, prime), Seen(prime, first), Seen(second, prime), Seen(prime, second)], ignoreOrder: true);
    }

    [Fact]
    public void Labels_report_the_share_of_positives_and_negatives_in_the_top_lists()
    {
        var export = QualityFiles.LoadLabels(QualityFiles.Beside("Quality/sample-labels.json"));
        export.Firms.Count.ShouldBe(5);
        export.Labels.Count.ShouldBe(5);
        export.Labels.Count(l => l.Positive).ShouldBe(3);
        export.Labels.Single(l => l.Kind == "Outcome").Value.ShouldBe("MoU");
        var pool = new QualityPool(export.Firms.Select(f => f.ToProfile()));
        var shipyard = export.Firms[3].Id;
        var sonar = export.Firms[0].Id;
        var steel = export.Firms[1].Id;
        var drones = export.Firms[2].Id;
        var optics = export.Firms[4].Id;
        var ranker = new FixedRanker(new()
        {
            [(shipyard, sonar)] = RankOutcome.At(1),
            [(shipyard, steel)] = RankOutcome.At(7),
            [(drones, shipyard)] = RankOutcome.At(3),
            [(optics, steel)] = RankOutcome.Missing,
        });

        var summary = LabelSummary.Of(export.Labels, pool, ranker);

        summary.Positives.ShouldBe(2);
        summary.Negatives.ShouldBe(2);
        summary.Skipped.ShouldBe(1);
        summary.PositiveInTop5.ShouldBe(0.5);
        summary.PositiveInTop10.ShouldBe(1);
        summary.NegativeInTop5.ShouldBe(0.5);
        summary.NegativeInTop10.ShouldBe(0.5);
        summary.PositiveMrr.ShouldBe((1 + (1.0 / 7)) / 2, 1e-12);
    }

    private sealed class RecordingRanker(Action<Guid, Guid, IReadOnlySet<Guid>?> record) : IRanker
    {
        public string Name => "recording";

        public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null)
        {
            record(reader, target, passOver);
            return RankOutcome.At(1);
        }
    }

    private sealed class FixedRanker(Dictionary<(Guid, Guid), RankOutcome> ranks) : IRanker
    {
        public string Name => "fixed";

        public RankOutcome Rank(Guid reader, Guid target, IReadOnlySet<Guid>? passOver = null) => ranks.GetValueOrDefault((reader, target), RankOutcome.Missing);
    }
}

/// <summary>The text baseline.</summary>
public class Bm25Tests
{
    [Fact]
    public void A_document_with_the_exact_phrase_ranks_above_an_unrelated_one()
    {
        var phrase = Guid.NewGuid();
        var partial = Guid.NewGuid();
        var unrelated = Guid.NewGuid();
        var index = new Bm25Index(
        [
            (phrase, "We build towed array sonar handling systems for submarines."),
            (partial, "Sonar maintenance and spare parts for surface ships and helicopters."),
            (unrelated, "Steel plate and aluminium for bridges and railcars."),
        ]);

        var scores = index.Score("towed array sonar");

        scores[phrase].ShouldBeGreaterThan(scores[partial]);
        scores[partial].ShouldBeGreaterThan(0);
        scores[unrelated].ShouldBe(0);
    }

    [Fact]
    public void The_tokenizer_folds_accents_drops_stop_words_and_splits_hangul_into_bigrams()
    {
        SimpleTokenizer.Tokenize("Le système de sonar").ShouldBe(["systeme", "sonar"]);
        SimpleTokenizer.Tokenize("잠수함 정비").ShouldBe(["잠수", "수함", "정비"]);
        SimpleTokenizer.Tokenize("AI, 5G and C2").ShouldBe(["ai", "5g", "c2"]);
    }
}

/// <summary>The codes of the app's taxonomy seed.</summary>
internal sealed record TaxonomyCodes(
    HashSet<string> Capabilities,
    HashSet<string> Modes,
    HashSet<string> Programmes,
    HashSet<string> Compliance,
    HashSet<string> Languages)
{
    public static TaxonomyCodes Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(QualityFiles.Beside("Quality/taxonomy.json")));
        HashSet<string> Codes(string section) =>
            [.. document.RootElement.GetProperty(section).EnumerateArray().Select(e => e.GetProperty("code").GetString()!)];
        return new TaxonomyCodes(Codes("capabilities"), Codes("modes"), Codes("programmes"), Codes("compliance"), Codes("languages"));
    }
}
