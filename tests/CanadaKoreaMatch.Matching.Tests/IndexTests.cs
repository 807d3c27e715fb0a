using CanadaKoreaMatch.Matching;
using static CanadaKoreaMatch.Matching.Tests.Profiles;

namespace CanadaKoreaMatch.Matching.Tests;

/// <summary>The indexed search returns exactly what scoring every pair would, before and after edits.</summary>
public class IndexTests
{
    /// <summary>Same firms, scores and reasons as scoring and explaining every pair afresh.</summary>
    private static void ShouldEqualExhaustive(MatchingEngine engine, IEnumerable<Guid> ids, int top)
    {
        foreach (var id in ids)
        {
            var indexed = engine.TopFor(id, top);
            Shown(indexed).ShouldBe(Shown(engine.TopForExhaustive(id, top)), $"firm {id}");
            indexed.Select(s => s.Score).ShouldBe(indexed.Select(s => s.Score).OrderDescending(), $"explained scores of firm {id} follow the ranking");
        }
    }

    /// <summary>What a reader sees of a list: who, the score and every reason.</summary>
    private static List<string> Shown(IEnumerable<Suggestion> list) =>
        [.. list.Select(s => $"{s.CounterpartId} {s.Score} {string.Join("; ", s.Reasons)}")];

    [Fact]
    public void Indexed_top_lists_equal_the_exhaustive_ranking()
    {
        var pool = Background(1500, seed: 21);
        var engine = new MatchingEngine(pool);

        ShouldEqualExhaustive(engine, pool.Select(p => p.Id), 10);
    }

    [Fact]
    public void Indexed_top_lists_equal_the_exhaustive_ranking_with_exclusions_and_blocks()
    {
        var pool = Background(600, seed: 22);
        var random = new Random(4);
        var canadians = pool.Where(p => p.Country == "CA").Select(p => p.Id).ToArray();
        var koreans = pool.Where(p => p.Country == "KR").Select(p => p.Id).ToArray();
        var excluding = pool.Select(p => p.Country == "KR" && random.Next(3) == 0
            ? p with { Excluded = [.. canadians.OrderBy(_ => random.Next()).Take(30)] }
            : p).ToList();
        var blocks = Enumerable.Range(0, 300).Select(_ => (canadians[random.Next(canadians.Length)], koreans[random.Next(koreans.Length)])).ToList();
        var engine = new MatchingEngine(excluding, blocks);

        ShouldEqualExhaustive(engine, pool.Select(p => p.Id), 10);
    }

    [Fact]
    public void Indexed_top_lists_equal_the_exhaustive_ranking_with_more_controlled_codes_than_a_mask_holds()
    {
        var random = new Random(5);
        IReadOnlyList<CapabilityClaim> Spread(IReadOnlyList<CapabilityClaim> claims) =>
            [.. claims.Select(c => c with { Code = $"{c.Code}{random.Next(4)}" }).DistinctBy(c => c.Code)];
        var pool = Background(500, seed: 23).Select(p => p with { Offers = Spread(p.Offers), Seeks = Spread(p.Seeks) }).ToList();
        pool.SelectMany(p => p.Offers.Concat(p.Seeks)).Select(c => c.Code)
            .Where(c => c.Split('.')[0] is "MAR" or "LAND" or "AIR" or "MUN" or "SENS" or "SPACE")
            .Distinct().Count().ShouldBeGreaterThan(64);
        var engine = new MatchingEngine(pool);

        ShouldEqualExhaustive(engine, pool.Select(p => p.Id), 10);
    }

    [Fact]
    public void After_edits_the_cached_lists_equal_the_exhaustive_ranking_and_unnamed_firms_keep_theirs()
    {
        const int top = 5;
        var pool = Background(400, seed: 23);
        var engine = new MatchingEngine(pool);
        var before = engine.ComputeAll(top).ToDictionary(p => p.Key, p => p.Value.Select(s => (s.CounterpartId, s.Score)).ToList());
        var random = new Random(8);
        var extra = Background(40, seed: 99);
        var live = pool.ToDictionary(p => p.Id);

        for (var step = 0; step < 40; step++)
        {
            IReadOnlySet<Guid> changed;
            var victim = live.Values.ElementAt(random.Next(live.Count));
            switch (step % 6)
            {
                case 0:
                    var edited = victim with
                    {
                        Seeks = [.. extra[step].Seeks],
                        Programmes = [.. extra[step].Programmes],
                        Description = extra[step].Description,
                    };
                    live[edited.Id] = edited;
                    changed = engine.Upsert(edited);
                    changed.ShouldContain(edited.Id);
                    break;
                case 1:
                    var added = extra[step] with { Id = new Guid(step + 1, 0, 0, new byte[8]) };
                    live[added.Id] = added;
                    changed = engine.Upsert(added);
                    break;
                case 2:
                    live.Remove(victim.Id);
                    changed = engine.Remove(victim.Id);
                    before.Remove(victim.Id);
                    break;
                case 3:
                    var partner = engine.TopFor(victim.Id, 1).Single().CounterpartId;
                    changed = engine.Block(victim.Id, partner);
                    changed.ShouldContain(victim.Id);
                    break;
                case 4:
                    // Same score, other reasons: the registration named for controlled work changes.
                    var korean = live.Values.Where(p => p.Country == "KR" && p.Compliance.Intersect(["DAPA", "DTSA"]).Any()).ElementAt(random.Next(50));
                    var other = korean.Compliance.Contains("DAPA") ? "DTSA" : "DAPA";
                    var registered = korean with { Compliance = [.. korean.Compliance.Where(c => c is not ("DAPA" or "DTSA")), other] };
                    live[registered.Id] = registered;
                    changed = engine.Upsert(registered);
                    break;
                default:
                    var excluding = victim with { Excluded = [.. engine.TopFor(victim.Id, 2).Select(s => s.CounterpartId)] };
                    live[excluding.Id] = excluding;
                    changed = engine.Upsert(excluding);
                    break;
            }

            var after = live.Keys.ToDictionary(id => id, id => engine.TopFor(id, top).Select(s => (s.CounterpartId, s.Score)).ToList());
            var named = engine.TopFor(changed, top);
            named.Keys.ShouldBe(changed.Where(live.ContainsKey), ignoreOrder: true);
            foreach (var (id, list) in named)
            {
                Shown(list).ShouldBe(Shown(engine.TopFor(id, top)), $"step {step}: firm {id} read with the others named");
            }

            foreach (var (id, list) in after)
            {
                if (!changed.Contains(id) && before.TryGetValue(id, out var previous))
                {
                    list.ShouldBe(previous, $"step {step}: firm {id} changed but was not named");
                }
            }

            ShouldEqualExhaustive(engine, live.Keys, top);
            before = after;
        }
    }

    [Fact]
    public void Several_lists_read_at_once_are_the_lists_read_one_by_one_deeper_than_kept_and_without_unknown_firms()
    {
        var pool = Background(300, seed: 31);
        var engine = new MatchingEngine(pool);
        engine.ComputeAll(5);
        var ids = pool.Take(40).Select(p => p.Id).ToList();

        foreach (var top in new[] { 5, 12 })
        {
            var lists = engine.TopFor([.. ids, Guid.NewGuid(), ids[0]], top);

            lists.Keys.ShouldBe(ids, ignoreOrder: true);
            foreach (var id in ids)
            {
                Shown(lists[id]).ShouldBe(Shown(engine.TopFor(id, top)));
                lists[id].Select(s => (s.CounterpartId, s.Score)).ShouldBe(engine.TopForExhaustive(id, top).Select(s => (s.CounterpartId, s.Score)));
            }
        }
    }

    [Fact]
    public void An_edit_names_the_firms_the_edited_firm_now_enters()
    {
        var korean = Kr("korean", seeks: "DIGI.QUANTUM", programmes: "NORAD_MOD");
        var canadian = Ca("canadian", offers: "MAT.BATTERY");
        var engine = EngineWithBackground(korean, canadian);
        engine.ComputeAll(5)[korean.Id].ShouldNotContain(s => s.CounterpartId == canadian.Id);

        var changed = engine.Upsert(canadian with { Offers = [new CapabilityClaim("DIGI.QUANTUM")], Programmes = ["NORAD_MOD"] });

        changed.ShouldContain(korean.Id);
        engine.TopFor(korean.Id, 5).ShouldContain(s => s.CounterpartId == canadian.Id);
    }

    [Fact]
    public void A_removed_firm_leaves_every_list()
    {
        var pool = Background(300, seed: 24);
        var engine = new MatchingEngine(pool);
        var lists = engine.ComputeAll(10);
        var gone = pool[0].Id;
        var listing = lists.Where(p => p.Value.Any(s => s.CounterpartId == gone)).Select(p => p.Key).ToList();

        var changed = engine.Remove(gone);

        changed.ShouldBe(listing, ignoreOrder: true);
        engine.Contains(gone).ShouldBeFalse();
        foreach (var id in pool.Skip(1).Select(p => p.Id))
        {
            engine.TopFor(id, 10).ShouldNotContain(s => s.CounterpartId == gone);
        }
    }

    [Fact]
    public void Without_a_full_recompute_an_edit_names_every_linked_firm()
    {
        var korean = Kr("korean", seeks: "DIGI.QUANTUM");
        var canadian = Ca("canadian", offers: "DIGI.QUANTUM");
        var engine = EngineWithBackground(korean, canadian);

        var changed = engine.Upsert(canadian with { Description = "Quantum sensing." });

        changed.ShouldContain(canadian.Id);
        changed.ShouldContain(korean.Id);
    }

    [Fact]
    public void Refreshing_statistics_keeps_the_pool_and_names_every_firm()
    {
        var pool = Background(200, seed: 25);
        var engine = new MatchingEngine(pool);
        engine.Upsert(Background(1, seed: 77)[0] with { Id = Guid.NewGuid() });

        var all = engine.RefreshStatistics();

        all.Count.ShouldBe(201);
        engine.Count.ShouldBe(201);
        ShouldEqualExhaustive(engine, pool.Take(50).Select(p => p.Id), 10);
    }
}
