using CanadaKoreaMatch.Matching;
using static CanadaKoreaMatch.Matching.Tests.Profiles;

namespace CanadaKoreaMatch.Matching.Tests;

public class ScenarioTests
{
    private static readonly MatchProfile SubmarineBuilder = Kr(
        "Korean submarine builder",
        offers: "MAR.SUB MAR.SHIP MAR.MRO",
        seeks: "DIGI.SIM DIGI.HEALTH MAR.HANDLING MAT.METALS SPACE.SATCOM",
        programmes: "CPSP KSS3",
        modes: "CO_PRODUCTION CO_SUSTAINMENT SUPPLY_CHAIN",
        compliance: "DAPA DTSA",
        languages: "KO EN",
        size: CompanySize.Large,
        description: "Builder of KSS-III submarines offering through-life support, local production and technology transfer for Canada's patrol submarine project.");

    private static readonly MatchProfile[] Suppliers =
    [
        Ca("Simulation house", offers: "DIGI.SIM SVC.TRAINING", programmes: "CPSP AIRCREW_TRAINING", modes: "SUPPLY_CHAIN CO_DEVELOPMENT", compliance: "CGP ISO9001", size: CompanySize.Large,
            description: "Training and simulation systems for submarine crews and naval training centres."),
        Ca("Machinery health monitor", offers: "DIGI.HEALTH", programmes: "CPSP", modes: "SUPPLY_CHAIN", compliance: "CGP",
            description: "Machinery condition monitoring and predictive maintenance; oil debris sensors for through-life support."),
        Ca("Handling systems maker", offers: "MAR.HANDLING", programmes: "CPSP RIVER_DESTROYER", modes: "SUPPLY_CHAIN CO_PRODUCTION", compliance: "CGP",
            description: "Ship and helicopter handling systems, recovery and traversing systems for navies."),
        Ca("Steel mill", offers: "MAT.METALS", programmes: "CPSP", modes: "SUPPLY_CHAIN", compliance: "ISO9001", size: CompanySize.Large,
            description: "Steel plate for shipbuilding and hull fabrication."),
        Ca("Satellite operator", offers: "SPACE.SATCOM", programmes: "ARCTIC", modes: "SUPPLY_CHAIN CO_DEVELOPMENT", compliance: "CGP",
            description: "Low Earth orbit satellite communications for Arctic and naval users."),
    ];

    private static readonly MatchProfile[] Peers =
    [
        Ca("Canadian shipyard", offers: "MAR.SHIP MAR.MRO", programmes: "CPSP RIVER_DESTROYER", modes: "CO_PRODUCTION CO_SUSTAINMENT", compliance: "CGP", size: CompanySize.Large,
            description: "Naval shipbuilding and through-life support of surface combatants and submarines."),
        Ca("Refit yard", offers: "MAR.MRO MAR.SUB", programmes: "CPSP", modes: "CO_SUSTAINMENT", compliance: "CGP",
            description: "Submarine maintenance, repair and overhaul; through-life support."),
    ];

    private static MatchingEngine Build() => EngineWithBackground([SubmarineBuilder, .. Suppliers, .. Peers]);

    [Fact]
    public void Submarine_builder_sees_the_firms_offering_what_it_seeks_above_firms_that_share_its_capabilities()
    {
        var engine = Build();

        var ranked = engine.TopFor(SubmarineBuilder.Id, 50).Select(s => s.CounterpartId).ToList();

        var supplierRanks = Suppliers.Select(s => ranked.IndexOf(s.Id)).ToList();
        var peerRanks = Peers.Select(p => ranked.IndexOf(p.Id)).Where(r => r >= 0).ToList();
        supplierRanks.ShouldAllBe(r => r >= 0);
        foreach (var peerRank in peerRanks)
        {
            supplierRanks.ShouldAllBe(r => r < peerRank);
        }
    }

    [Fact]
    public void Each_supplier_is_told_what_the_submarine_builder_seeks_from_it()
    {
        var engine = Build();

        var suggestion = engine.TopFor(Suppliers[0].Id, 20).Single(s => s.CounterpartId == SubmarineBuilder.Id);

        suggestion.Reasons.Select(r => r.Text).ShouldContain("seeks DIGI.SIM, which you offer");
        suggestion.Reasons.Select(r => r.Text).ShouldContain("both in programme CPSP");
    }

    [Fact]
    public void Submarine_builder_is_told_which_sought_capability_each_supplier_offers()
    {
        var engine = Build();

        var top = engine.TopFor(SubmarineBuilder.Id, 60);

        top.Single(s => s.CounterpartId == Suppliers[1].Id).Reasons.Select(r => r.Text).ShouldContain("offers DIGI.HEALTH, which you seek");
        top.Single(s => s.CounterpartId == Suppliers[3].Id).Reasons.Select(r => r.Text).ShouldContain("offers MAT.METALS, which you seek");
    }
}
