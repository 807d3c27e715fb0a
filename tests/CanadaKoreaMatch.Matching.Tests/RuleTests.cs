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
    public void Scores_are_symmetric_and_reasons_mirror_each_other()
    {
        var pool = Background(400, seed: 5);
        var engine = new MatchingEngine(pool);

        foreach (var profile in pool.Take(60))
        {
            foreach (var suggestion in engine.TopFor(profile.Id, 5))
            {
                var back = engine.Score(suggestion.CounterpartId, profile.Id).ShouldNotBeNull();
                back.Score.ShouldBe(suggestion.Score);
                var offered = suggestion.Reasons.Where(r => r.Kind is ReasonKind.OffersWhatYouSeek or ReasonKind.MaturityBelowNeed).Select(r => r.Subjects[0]);
                var sought = back.Reasons.Where(r => r.Kind == ReasonKind.SeeksWhatYouOffer).Select(r => r.Subjects[0]);
                sought.ShouldBe(offered, ignoreOrder: true);
            }
        }
    }

    [Fact]
    public void A_strong_two_way_pair_with_shared_programmes_scores_80_to_95()
    {
        var korean = Kr("korean", offers: "SENS.SONAR MAR.SUB", seeks: "DIGI.HEALTH DIGI.SIM MAR.HANDLING", programmes: "CPSP KSS3",
            modes: "CO_SUSTAINMENT CO_PRODUCTION", compliance: "DAPA", languages: "KO EN", size: CompanySize.Large,
            description: "Submarine builder seeking condition monitoring and training simulation partners for through-life support.");
        var canadian = Ca("canadian", offers: "DIGI.HEALTH DIGI.SIM", seeks: "SENS.SONAR MAR.SUB", programmes: "CPSP KSS3",
            modes: "CO_SUSTAINMENT", compliance: "CGP",
            description: "Condition monitoring and training simulation for submarines; through-life support partner.");
        var engine = EngineWithBackground(korean, canadian);

        engine.Score(korean.Id, canadian.Id).ShouldNotBeNull().Score.ShouldBeInRange(80, 95);
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
