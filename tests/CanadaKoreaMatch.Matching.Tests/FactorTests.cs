using CanadaKoreaMatch.Matching;
using static CanadaKoreaMatch.Matching.Tests.Profiles;

namespace CanadaKoreaMatch.Matching.Tests;

/// <summary>Each factor of the model moves the score the right way and is explained by its own reason.</summary>
public class FactorTests
{
    private static Suggestion Pair(MatchingEngine engine, MatchProfile viewer, MatchProfile other) =>
        engine.Score(viewer.Id, other.Id).ShouldNotBeNull();

    private static List<string> Texts(Suggestion suggestion) => [.. suggestion.Reasons.Select(r => r.Text)];

    [Fact]
    public void An_offer_matching_a_need_is_named_from_each_side()
    {
        var seeker = Kr("seeker", seeks: "MAR.SUB");
        var builder = Ca("builder", offers: "MAR.SUB");
        var engine = EngineWithBackground(seeker, builder);

        Texts(Pair(engine, seeker, builder)).ShouldContain("offers MAR.SUB, which you seek");
        Texts(Pair(engine, builder, seeker)).ShouldContain("seeks MAR.SUB, which you offer");
        var reason = Pair(engine, seeker, builder).Reasons.Single(r => r.Kind == ReasonKind.OffersWhatYouSeek);
        reason.Subjects.ShouldBe(["MAR.SUB"]);
        reason.Contribution.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Two_way_complement_ranks_above_one_way()
    {
        var korean = Kr("korean", offers: "SENS.SONAR", seeks: "DIGI.SIM");
        var twoWay = Ca("two-way", offers: "DIGI.SIM", seeks: "SENS.SONAR");
        var oneWay = Ca("one-way", offers: "DIGI.SIM");
        var engine = EngineWithBackground(korean, twoWay, oneWay);

        Pair(engine, korean, twoWay).Score.ShouldBeGreaterThan(Pair(engine, korean, oneWay).Score);
        var ranked = engine.TopFor(korean.Id, 300).Select(s => s.CounterpartId).ToList();
        ranked.IndexOf(twoWay.Id).ShouldBeLessThan(ranked.IndexOf(oneWay.Id));
    }

    [Fact]
    public void A_rare_capability_in_common_says_more_than_a_common_one()
    {
        var background = Background();
        var mentions = background
            .SelectMany(p => p.Offers.Concat(p.Seeks).Select(c => c.Code).Distinct())
            .GroupBy(c => c)
            .OrderBy(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        var rare = mentions[0];
        var common = mentions[^1];
        var korean = Kr("korean", seeks: $"{rare} {common}");
        var rareOffer = Ca("rare offer", offers: rare);
        var commonOffer = Ca("common offer", offers: common);
        var engine = new MatchingEngine([.. background, korean, rareOffer, commonOffer]);

        Pair(engine, korean, rareOffer).Score.ShouldBeGreaterThan(Pair(engine, korean, commonOffer).Score);
    }

    [Fact]
    public void The_same_domain_counts_partly()
    {
        var korean = Kr("korean", seeks: "MAR.SUB", programmes: "CPSP");
        var exact = Ca("exact", offers: "MAR.SUB", programmes: "CPSP");
        var near = Ca("near", offers: "MAR.SHIP", programmes: "CPSP");
        var far = Ca("far", offers: "LAND.ARMOUR", programmes: "CPSP");
        var engine = EngineWithBackground(korean, exact, near, far);

        var exactScore = Pair(engine, korean, exact).Score;
        var nearPair = Pair(engine, korean, near);
        nearPair.Score.ShouldBeLessThan(exactScore);
        nearPair.Score.ShouldBeGreaterThan(0);
        Texts(nearPair).ShouldContain("offers MAR.SHIP, in the MAR domain of MAR.SUB, which you seek");
        engine.Score(korean.Id, far.Id).ShouldBeNull();
    }

    [Fact]
    public void A_shared_programme_raises_the_score_and_is_named()
    {
        var korean = Kr("korean", seeks: "DIGI.HEALTH", programmes: "CPSP");
        var inProgramme = Ca("in programme", offers: "DIGI.HEALTH", programmes: "CPSP");
        var outside = Ca("outside", offers: "DIGI.HEALTH", programmes: "LAND_MOD");
        var engine = EngineWithBackground(korean, inProgramme, outside);

        var shared = Pair(engine, korean, inProgramme);
        shared.Score.ShouldBeGreaterThan(Pair(engine, korean, outside).Score);
        Texts(shared).ShouldContain("both in programme CPSP");
    }

    [Fact]
    public void A_related_programme_counts_and_is_named_for_each_side()
    {
        var korean = Kr("korean", offers: "MAR.SUB", programmes: "KSS3");
        var canadian = Ca("canadian", seeks: "MAR.SUB", programmes: "CPSP");
        var unrelated = Ca("unrelated", seeks: "MAR.SUB", programmes: "DRONES");
        var engine = EngineWithBackground(korean, canadian, unrelated);

        Texts(Pair(engine, canadian, korean)).ShouldContain("in programme KSS3, related to your programme CPSP");
        Texts(Pair(engine, korean, canadian)).ShouldContain("in programme CPSP, related to your programme KSS3");
        Pair(engine, korean, canadian).Score.ShouldBeGreaterThan(Pair(engine, korean, unrelated).Score);
    }

    [Fact]
    public void Agreeing_modes_raise_the_score_and_differing_modes_are_said()
    {
        var korean = Kr("korean", seeks: "MAR.MRO", modes: "CO_SUSTAINMENT JOINT_BID");
        var agrees = Ca("agrees", offers: "MAR.MRO", modes: "CO_SUSTAINMENT");
        var differs = Ca("differs", offers: "MAR.MRO", modes: "INVESTMENT");
        var engine = EngineWithBackground(korean, agrees, differs);

        var agreeing = Pair(engine, korean, agrees);
        var differing = Pair(engine, korean, differs);
        agreeing.Score.ShouldBeGreaterThan(differing.Score);
        Texts(agreeing).ShouldContain("modes agree: CO_SUSTAINMENT");
        Texts(differing).ShouldContain("no partnership mode in common");
    }

    [Fact]
    public void Similar_descriptions_raise_the_score_and_name_the_shared_phrase()
    {
        var korean = Kr("korean", seeks: "MAR.MRO", languages: "KO EN",
            description: "Submarine builder seeking through-life support partners in Canada.");
        var similar = Ca("similar", offers: "MAR.MRO",
            description: "We provide through-life support for submarines and naval vessels.");
        var different = Ca("different", offers: "MAR.MRO",
            description: "Dry dock and paint shop; hull coatings.");
        var engine = EngineWithBackground(korean, similar, different);

        var close = Pair(engine, korean, similar);
        close.Score.ShouldBeGreaterThan(Pair(engine, korean, different).Score);
        var terms = close.Reasons.Single(r => r.Kind == ReasonKind.SharedTerms);
        terms.Subjects.ShouldContain("through-life support");
        terms.Text.ShouldStartWith("your descriptions share: ");
    }

    [Fact]
    public void French_descriptions_match_across_accents_and_elisions()
    {
        var korean = Kr("korean", seeks: "MFG.ILS",
            description: "Recherche un partenaire pour le soutien logistique intégré de l'obusier automoteur.");
        var french = Ca("french", offers: "MFG.ILS",
            description: "Soutien logistique integre et pieces de rechange pour l'obusier automoteur et les blindes.");
        var english = Ca("english", offers: "MFG.ILS", description: "Spare parts warehouse.");
        var engine = EngineWithBackground(korean, french, english);

        var close = Pair(engine, korean, french);
        close.Score.ShouldBeGreaterThan(Pair(engine, korean, english).Score);
        close.Reasons.Single(r => r.Kind == ReasonKind.SharedTerms).Subjects.ShouldContain(s => s.Contains("obusier", StringComparison.Ordinal));
    }

    [Fact]
    public void Korean_descriptions_match_on_character_bigrams()
    {
        var korean = Kr("korean", seeks: "DIGI.HEALTH", description: "잠수함 장비 상태 감시 협력사를 찾습니다.");
        var similar = Ca("similar", offers: "DIGI.HEALTH", languages: "EN KO", description: "잠수함용 장비 상태감시 및 예측 정비 솔루션.");
        var different = Ca("different", offers: "DIGI.HEALTH", languages: "EN KO", description: "항공기 엔진 부품.");
        var engine = EngineWithBackground(korean, similar, different);

        var close = Pair(engine, korean, similar);
        close.Score.ShouldBeGreaterThan(Pair(engine, korean, different).Score);
        close.Reasons.Single(r => r.Kind == ReasonKind.SharedTerms).Subjects.ShouldNotBeEmpty();
    }

    [Fact]
    public void A_seeker_of_controlled_work_is_told_when_the_partner_lacks_CGP()
    {
        var korean = Kr("korean", seeks: "MAR.SUB", compliance: "DAPA");
        var unregistered = Ca("unregistered", offers: "MAR.SUB");
        var registered = Ca("registered", offers: "MAR.SUB", compliance: "CGP");
        var engine = EngineWithBackground(korean, unregistered, registered);

        var gap = Pair(engine, korean, unregistered);
        var fit = Pair(engine, korean, registered);
        Texts(gap).ShouldContain("lacks CGP, needed for the controlled work you seek");
        gap.Reasons.Single(r => r.Kind == ReasonKind.ComplianceGap).Contribution.ShouldBeLessThan(0);
        Texts(Pair(engine, unregistered, korean)).ShouldContain("you lack CGP, needed for the controlled work they seek");
        Texts(fit).ShouldContain("holds CGP, needed for the controlled work you seek");
        fit.Score.ShouldBeGreaterThan(gap.Score);
    }

    [Fact]
    public void A_Korean_partner_without_DAPA_or_DTSA_is_a_gap_for_controlled_work()
    {
        var canadian = Ca("canadian", seeks: "LAND.ARTY", compliance: "CGP");
        var korean = Kr("korean", offers: "LAND.ARTY");
        var engine = EngineWithBackground(canadian, korean);

        Texts(Pair(engine, canadian, korean)).ShouldContain("lacks DAPA or DTSA, needed for the controlled work you seek");
    }

    [Fact]
    public void Uncontrolled_work_raises_no_compliance_reason()
    {
        var korean = Kr("korean", seeks: "MAT.METALS");
        var mill = Ca("mill", offers: "MAT.METALS");
        var engine = EngineWithBackground(korean, mill);

        Pair(engine, korean, mill).Reasons.ShouldNotContain(r =>
            r.Kind == ReasonKind.ComplianceGap || r.Kind == ReasonKind.ComplianceFit || r.Kind == ReasonKind.YourComplianceGap);
    }

    [Fact]
    public void A_prime_with_an_SME_supplier_fits()
    {
        var prime = Kr("prime", seeks: "DIGI.SIM", size: CompanySize.Large);
        var supplier = Ca("supplier", offers: "DIGI.SIM");
        var engine = EngineWithBackground(prime, supplier);

        Texts(Pair(engine, prime, supplier)).ShouldContain("an SME supplier, for you as a prime");
        Texts(Pair(engine, supplier, prime)).ShouldContain("a prime, for you as an SME supplier");
    }

    [Fact]
    public void Two_primes_fit_for_co_development_only()
    {
        var korean = Kr("korean prime", offers: "AIR.AIRCRAFT", seeks: "SENS.RADAR", modes: "CO_DEVELOPMENT", size: CompanySize.Large);
        var codeveloper = Ca("co-developer", offers: "SENS.RADAR", modes: "CO_DEVELOPMENT", size: CompanySize.Large);
        var investor = Ca("investor", offers: "SENS.RADAR", modes: "INVESTMENT", size: CompanySize.Large);
        var engine = EngineWithBackground(korean, codeveloper, investor);

        Texts(Pair(engine, korean, codeveloper)).ShouldContain("two large firms, suited to co-development or a joint bid");
        Pair(engine, korean, investor).Reasons.ShouldNotContain(r => r.Kind == ReasonKind.SizeFit);
    }

    [Fact]
    public void An_offer_below_the_sought_readiness_counts_less_and_says_so()
    {
        var korean = Kr("korean", seeks: "SENS.SONAR@8");
        var mature = Ca("mature", offers: "SENS.SONAR@9");
        var young = Ca("young", offers: "SENS.SONAR@5");
        var engine = EngineWithBackground(korean, mature, young);

        var low = Pair(engine, korean, young);
        low.Score.ShouldBeLessThan(Pair(engine, korean, mature).Score);
        Texts(low).ShouldContain("offers SENS.SONAR at TRL 5, below the TRL 8 you seek");
    }

    [Fact]
    public void Peers_offering_the_same_capability_are_told_so()
    {
        var korean = Kr("korean", offers: "MAR.SUB SENS.SONAR", seeks: "DIGI.SIM");
        var peer = Ca("peer", offers: "MAR.SUB DIGI.SIM");
        var engine = EngineWithBackground(korean, peer);

        Texts(Pair(engine, korean, peer)).ShouldContain("also offers MAR.SUB, as you do");
    }

    [Fact]
    public void A_shared_language_is_named()
    {
        var korean = Kr("korean", seeks: "DIGI.SIM", languages: "KO EN");
        var canadian = Ca("canadian", offers: "DIGI.SIM", languages: "EN FR");
        var engine = EngineWithBackground(korean, canadian);

        Texts(Pair(engine, korean, canadian)).ShouldContain("you both work in EN");
    }

    [Fact]
    public void Reason_contributions_add_up_to_the_score()
    {
        var pool = Background(300, seed: 11);
        var engine = new MatchingEngine(pool);

        foreach (var profile in pool.Take(40))
        {
            foreach (var suggestion in engine.TopFor(profile.Id, 5))
            {
                suggestion.Reasons.Sum(r => r.Contribution).ShouldBe(suggestion.Score, 1e-6);
            }
        }
    }
}
