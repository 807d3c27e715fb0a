using CanadaKoreaMatch.Matching;
using static CanadaKoreaMatch.Matching.Tests.Profiles;

namespace CanadaKoreaMatch.Matching.Tests;

/// <summary>Who may be suggested to whom, symmetry, calibration and determinism.</summary>
public class RuleTests
{
    [Fact]
    public void Firms_of_the_same_country_are_never_suggested()
    {
        var pool = Background(300, seed: 3);
        var engine = new MatchingEngine(pool);
        var country = pool.ToDictionary(p => p.Id, p => p.Country);

        foreach (var (id, list) in engine.ComputeAll(20))
        {
            list.ShouldAllBe(s => country[s.CounterpartId] != country[id]);
        }

        var twoCanadians = pool.Where(p => p.Country == "CA").Take(2).ToList();
        engine.Score(twoCanadians[0].Id, twoCanadians[1].Id).ShouldBeNull();
    }

    [Fact]
    public void An_excluded_firm_is_never_shown_to_either_side()
    {
        var canadian = Ca("canadian", offers: "DIGI.SIM", seeks: "SENS.SONAR", programmes: "CPSP");
        var korean = Kr("korean", offers: "SENS.SONAR", seeks: "DIGI.SIM", programmes: "CPSP") with { Excluded = [canadian.Id] };
        var engine = EngineWithBackground(korean, canadian);

        engine.TopFor(korean.Id, 500).ShouldNotContain(s => s.CounterpartId == canadian.Id);
        engine.TopFor(canadian.Id, 500).ShouldNotContain(s => s.CounterpartId == korean.Id);
        engine.Score(korean.Id, canadian.Id).ShouldBeNull();
        engine.Score(canadian.Id, korean.Id).ShouldBeNull();
    }

    [Fact]
    public void Not_interested_removes_the_pair_for_good()
    {
        var canadian = Ca("canadian", offers: "DIGI.SIM", seeks: "SENS.SONAR", programmes: "CPSP");
        var korean = Kr("korean", offers: "SENS.SONAR", seeks: "DIGI.SIM", programmes: "CPSP");
        var engine = EngineWithBackground(korean, canadian);
        engine.ComputeAll(10)[korean.Id].ShouldContain(s => s.CounterpartId == canadian.Id);

        var changed = engine.Block(korean.Id, canadian.Id);
        engine.Upsert(canadian with { Description = "Now also offering simulation for submarine crews." });

        changed.ShouldBe([korean.Id, canadian.Id], ignoreOrder: true);
        engine.TopFor(korean.Id, 10).ShouldNotContain(s => s.CounterpartId == canadian.Id);
        engine.TopFor(canadian.Id, 10).ShouldNotContain(s => s.CounterpartId == korean.Id);
        engine.Score(canadian.Id, korean.Id).ShouldBeNull();
    }

    [Fact]
    public void Taking_back_not_interested_lists_the_pair_again_as_if_it_had_never_been_blocked()
    {
        var canadian = Ca("canadian", offers: "DIGI.SIM", seeks: "SENS.SONAR", programmes: "CPSP");
        var korean = Kr("korean", offers: "SENS.SONAR", seeks: "DIGI.SIM", programmes: "CPSP");
        var engine = EngineWithBackground(korean, canadian);
        var never = EngineWithBackground(korean, canadian);
        engine.ComputeAll(10);
        never.ComputeAll(10);
        engine.Block(korean.Id, canadian.Id);

        var changed = engine.Unblock(canadian.Id, korean.Id);

        changed.ShouldBe([korean.Id, canadian.Id], ignoreOrder: true);
        engine.TopFor(korean.Id, 10).ShouldContain(s => s.CounterpartId == canadian.Id);
        foreach (var id in new[] { korean.Id, canadian.Id })
        {
            engine.TopFor(id, 10).Select(s => (s.CounterpartId, s.Score)).ShouldBe(never.TopFor(id, 10).Select(s => (s.CounterpartId, s.Score)));
        }

        engine.Unblock(canadian.Id, korean.Id).ShouldBeEmpty("a pair not blocked changes nothing");
    }

    [Fact]
    public void Blocked_pairs_given_at_construction_are_never_suggested()
    {
        var canadian = Ca("canadian", offers: "DIGI.SIM", seeks: "SENS.SONAR");
        var korean = Kr("korean", offers: "SENS.SONAR", seeks: "DIGI.SIM");
        var engine = new MatchingEngine([.. Background(), korean, canadian], [(canadian.Id, korean.Id)]);

        engine.TopFor(korean.Id, 500).ShouldNotContain(s => s.CounterpartId == canadian.Id);
    }

    [Fact]
    public void A_pair_linked_by_nothing_but_text_is_not_suggested()
    {
        var korean = Kr("korean", offers: "LAND.ARMOUR", description: "Armoured vehicle production for export.");
        var canadian = Ca("canadian", offers: "SPACE.SAT", description: "Armoured vehicle production for export.");
        var engine = Engine(korean, canadian);

        engine.Score(korean.Id, canadian.Id).ShouldBeNull();
    }

    [Fact]
    public void A_shared_programme_alone_is_not_a_suggestion()
    {
        var korean = Kr("korean", offers: "LAND.ARMOUR", programmes: "CPSP");
        var canadian = Ca("canadian", offers: "SPACE.SAT", programmes: "CPSP");
        var engine = EngineWithBackground(korean, canadian);

        engine.Score(korean.Id, canadian.Id).ShouldBeNull();
        engine.TopFor(korean.Id, 500).ShouldNotContain(s => s.CounterpartId == canadian.Id);
    }

    [Fact]
    public void Each_firm_reads_a_pair_by_its_own_needs_and_the_reasons_mirror_each_other()
    {
        var pool = Background(400, seed: 5);
        var engine = new MatchingEngine(pool);
        var differing = 0;

        foreach (var profile in pool.Take(60))
        {
            var list = engine.TopFor(profile.Id, 20);
            var meetsMyNeedExactly = list.Select(s => s.Reasons.Any(r => r.Kind is ReasonKind.OffersWhatYouSeek or ReasonKind.MaturityBelowNeed)).ToList();
            meetsMyNeedExactly.SkipWhile(exact => exact).ShouldAllBe(exact => !exact, "firms meeting one of the reader's needs with the exact code come first");
            foreach (var suggestion in list.Take(5))
            {
                var back = engine.Score(suggestion.CounterpartId, profile.Id).ShouldNotBeNull();
                differing += Math.Abs(back.Score - suggestion.Score) > 1e-9 ? 1 : 0;
                var offered = suggestion.Reasons.Where(r => r.Kind is ReasonKind.OffersWhatYouSeek or ReasonKind.MaturityBelowNeed).Select(r => r.Subjects[0]);
                var sought = back.Reasons.Where(r => r.Kind == ReasonKind.SeeksWhatYouOffer).Select(r => r.Subjects[0]);
                sought.ShouldBe(offered, ignoreOrder: true);
            }
        }

        differing.ShouldBeGreaterThan(0, "each side reads the pair by its own needs, so some pairs score differently for each");
    }

    [Fact]
    public void A_broad_buyer_sees_a_firm_meeting_one_of_its_needs_above_firms_that_only_want_what_it_has()
    {
        var prime = Kr("prime", offers: "MAR.SUB MAR.SHIP", seeks: "SVC.TRAINING DIGI.HEALTH MAR.HANDLING MAT.METALS SPACE.SATCOM SPACE.EO SENS.COMMS MFG.ILS",
            programmes: "CPSP KSS3", modes: "CO_PRODUCTION CO_SUSTAINMENT SUPPLY_CHAIN", compliance: "DAPA", languages: "KO EN", size: CompanySize.Large,
            description: "Submarine and naval shipbuilder building a Canadian supply chain for through-life support.");
        var supplier = Ca("satellite operator", offers: "SPACE.SATCOM", languages: "EN FR", size: CompanySize.Large,
            description: "Low Earth orbit satellite communications for government users.");
        var admirers = Enumerable.Range(0, 25).Select(i => Ca($"admirer {i}", offers: "SENS.SONAR", seeks: "MAR.SUB MAR.SHIP",
            programmes: "CPSP KSS3", modes: "CO_PRODUCTION CO_SUSTAINMENT", compliance: "CGP", languages: "EN",
            description: "Canadian firm seeking submarine and naval shipbuilding partners for through-life support of submarines.")).ToArray();
        var engine = EngineWithBackground([prime, supplier, .. admirers]);

        var list = engine.TopFor(prime.Id, 500).ToList();
        var rank = list.FindIndex(s => s.CounterpartId == supplier.Id);
        rank.ShouldBeGreaterThanOrEqualTo(0);
        list.Take(rank).ShouldAllBe(s => s.Reasons.Any(r => r.Kind == ReasonKind.OffersWhatYouSeek), "only firms meeting a need of the prime exactly rank above it");
        admirers.ShouldAllBe(a => list.FindIndex(s => s.CounterpartId == a.Id) > rank, "firms that only want what the prime has rank below");
        var reasons = list[rank].Reasons;
        reasons[0].Kind.ShouldBe(ReasonKind.OffersWhatYouSeek);
        reasons[0].Subjects[0].ShouldBe("SPACE.SATCOM");

        engine.TopFor(supplier.Id, 10).ShouldContain(s => s.CounterpartId == prime.Id);
    }

    [Fact]
    public void Listing_more_needs_dilutes_none_of_them()
    {
        var supplier = Ca("steel mill", offers: "MAT.METALS", size: CompanySize.Large, description: "Plate steel for shipbuilding.");
        var narrow = Kr("narrow buyer", offers: "MAR.SHIP", seeks: "MAT.METALS", size: CompanySize.Large);
        var broad = narrow with { Seeks = [.. narrow.Seeks, .. Split("SVC.TRAINING DIGI.HEALTH MAR.HANDLING SPACE.SATCOM SPACE.EO SENS.COMMS MFG.ILS").Select(c => new CapabilityClaim(c))] };

        var asNarrow = EngineWithBackground(narrow, supplier).Score(narrow.Id, supplier.Id).ShouldNotBeNull();
        var asBroad = EngineWithBackground(broad, supplier).Score(broad.Id, supplier.Id).ShouldNotBeNull();

        asBroad.Score.ShouldBe(asNarrow.Score, 1e-9);
    }

    [Fact]
    public void A_strong_two_way_pair_with_shared_programmes_scores_85_to_98()
    {
        var korean = Kr("korean", offers: "SENS.SONAR MAR.SUB", seeks: "DIGI.HEALTH DIGI.SIM MAR.HANDLING", programmes: "CPSP KSS3",
            modes: "CO_SUSTAINMENT CO_PRODUCTION", compliance: "DAPA", languages: "KO EN", size: CompanySize.Large,
            description: "Submarine builder seeking condition monitoring and training simulation partners for through-life support.");
        var canadian = Ca("canadian", offers: "DIGI.HEALTH DIGI.SIM", seeks: "SENS.SONAR MAR.SUB", programmes: "CPSP KSS3",
            modes: "CO_SUSTAINMENT", compliance: "CGP",
            description: "Condition monitoring and training simulation for submarines; through-life support partner.");
        var engine = EngineWithBackground(korean, canadian);

        engine.Score(korean.Id, canadian.Id).ShouldNotBeNull().Score.ShouldBeInRange(85, 98);
    }

    [Fact]
    public void A_specialist_in_a_need_ranks_above_a_broad_firm_meeting_it_among_many_offers()
    {
        var buyer = Kr("buyer", offers: "MAR.SUB", seeks: "DIGI.HEALTH MAT.METALS SVC.TRAINING SPACE.SATCOM");
        var specialist = Ca("specialist", offers: "DIGI.HEALTH");
        var broad = Ca("broad", offers: "DIGI.HEALTH LAND.ARTY AIR.ROTOR SENS.RADAR AIR.UAS");
        var engine = EngineWithBackground(buyer, specialist, broad);

        var list = engine.TopFor(buyer.Id, 200).Select(s => s.CounterpartId).ToList();
        list.IndexOf(specialist.Id).ShouldBeLessThan(list.IndexOf(broad.Id));
        engine.Score(buyer.Id, specialist.Id)!.Score.ShouldBeGreaterThan(engine.Score(buyer.Id, broad.Id)!.Score);
        engine.Score(buyer.Id, specialist.Id)!.Reasons[0].Kind.ShouldBe(ReasonKind.OffersWhatYouSeek);
    }

    [Fact]
    public void A_firm_whose_every_need_the_reader_meets_ranks_above_one_with_further_needs()
    {
        var supplier = Ca("supplier", offers: "SENS.SONAR", seeks: "MAR.SUB");
        var onlyThat = Kr("only that", offers: "MAR.SUB", seeks: "SENS.SONAR");
        var more = Kr("more", offers: "MAR.SUB", seeks: "SENS.SONAR LAND.ARMOUR AIR.AIRCRAFT SPACE.EO");
        var engine = EngineWithBackground(supplier, onlyThat, more);

        engine.Score(supplier.Id, onlyThat.Id)!.Score.ShouldBeGreaterThan(engine.Score(supplier.Id, more.Id)!.Score);
    }

    [Fact]
    public void A_weak_tag_overlap_scores_under_30()
    {
        var korean = Kr("korean", offers: "MAR.SHIP", seeks: "LAND.ARMOUR");
        var sameDomain = Ca("same domain", offers: "LAND.ARTY");
        var peer = Ca("peer", offers: "MAR.SHIP");
        var engine = EngineWithBackground(korean, sameDomain, peer);

        engine.Score(korean.Id, sameDomain.Id).ShouldNotBeNull().Score.ShouldBeLessThan(30);
        engine.Score(korean.Id, peer.Id).ShouldNotBeNull().Score.ShouldBeLessThan(30);
    }

    [Fact]
    public void Results_do_not_depend_on_input_order()
    {
        var pool = Background(300, seed: 9);
        var shuffled = pool.ToArray();
        new Random(1).Shuffle(shuffled);

        var first = new MatchingEngine(pool).ComputeAll(10);
        var second = new MatchingEngine(shuffled).ComputeAll(10);

        foreach (var (id, list) in first)
        {
            second[id].Select(s => (s.CounterpartId, s.Score)).ShouldBe(list.Select(s => (s.CounterpartId, s.Score)));
        }
    }

    [Fact]
    public void Equal_scores_are_ordered_by_id()
    {
        var korean = Kr("korean", seeks: "DIGI.SIM");
        var twinA = Ca("twin a", offers: "DIGI.SIM");
        var twinB = Ca("twin b", offers: "DIGI.SIM");
        var engine = Engine(korean, twinA, twinB);

        var list = engine.TopFor(korean.Id, 2);

        list[0].Score.ShouldBe(list[1].Score);
        list.Select(s => s.CounterpartId).ShouldBe(new[] { twinA.Id, twinB.Id }.Order());
    }

    [Fact]
    public void A_country_other_than_CA_or_KR_is_refused()
    {
        var odd = Ca("odd") with { Country = "US" };

        Should.Throw<ArgumentException>(() => new MatchingEngine([odd]));
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var firm = Ca("firm");

        Should.Throw<ArgumentException>(() => new MatchingEngine([firm, firm with { Name = "again" }]));
    }

    [Fact]
    public void Codes_are_matched_whatever_their_case_and_spacing()
    {
        var korean = Kr("korean", seeks: "mar.sub");
        var canadian = Ca("canadian", offers: " MAR.SUB ");
        var engine = Engine(korean, canadian);

        engine.Score(korean.Id, canadian.Id).ShouldNotBeNull().Reasons.Select(r => r.Text).ShouldContain("offers MAR.SUB, which you seek");
    }
}
