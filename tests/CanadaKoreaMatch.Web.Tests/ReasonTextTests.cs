using System.Text.Json;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Matching;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using static CanadaKoreaMatch.Matching.ReasonKind;

namespace CanadaKoreaMatch.Web.Tests;

public sealed partial class ReasonTextTests
{
    private static readonly ReasonText Reasons = new(SeedTaxonomy(), new JsonStringLocalizerFactory(new OutputFolder()));

    [Theory]
    [InlineData("en", "seeks Marine propulsion and power systems, which you offer")]
    [InlineData("fr", "recherche Systèmes de propulsion et d'énergie marins, que vous offrez")]
    [InlineData("ko", "귀사가 제공하는 함정 추진 및 전력 체계을(를) 찾고 있습니다")]
    public void A_capability_is_named_by_its_label_in_the_readers_language(string language, string expected) =>
        Reasons.Plain(Reason(SeeksWhatYouOffer, "MAR.PROP"), language).ShouldBe(expected);

    [Theory]
    [InlineData("en", "partnership modes in common: Supply chain (supplier to a prime, incl. ITB), Co-sustainment")]
    [InlineData("fr", "modes de partenariat en commun\u00a0: Chaîne d'approvisionnement (fournisseur d'un maître d'œuvre, y compris RIT), Soutien en service conjoint")]
    [InlineData("ko", "협력 방식 일치: 공급망 참여(주계약업체 협력사, ITB 포함), 공동 후속군수지원")]
    public void Partnership_modes_are_named_by_their_labels(string language, string expected) =>
        Reasons.Plain(Reason(ModesAgree, "SUPPLY_CHAIN", "CO_SUSTAINMENT"), language).ShouldBe(expected);

    [Theory]
    [InlineData("en", "offers Submarines, in the same domain (Maritime) as Naval surface shipbuilding, which you seek")]
    [InlineData("fr", "offre Sous-marins, du même domaine (Maritime) que Construction navale de bâtiments de surface, que vous recherchez")]
    [InlineData("ko", "귀사가 찾는 수상함 건조과(와) 같은 해양 분야의 잠수함을(를) 제공합니다")]
    public void A_nearby_capability_names_both_capabilities_and_their_domain(string language, string expected) =>
        Reasons.Plain(Reason(OffersCloseToWhatYouSeek, "MAR.SUB", "MAR.SHIP", "MAR"), language).ShouldBe(expected);

    [Theory]
    [InlineData("en", "follows KSS-III submarine family (Korea and exports), related to your Canadian Patrol Submarine Project (up to 12 submarines)")]
    [InlineData("fr", "suit «\u00a0Famille de sous-marins KSS-III (Corée et exportation)\u00a0», lié à «\u00a0Projet canadien de sous-marins de patrouille (jusqu'à 12 sous-marins)\u00a0», que vous suivez")]
    [InlineData("ko", "귀사가 참여하는 캐나다 초계잠수함 사업(CPSP, 최대 12척)과(와) 관련된 장보고-III(KSS-III) 잠수함 계열(국내 및 수출)에 참여합니다")]
    public void Related_programmes_are_named_by_their_labels(string language, string expected) =>
        Reasons.Plain(Reason(RelatedProgramme, "KSS3", "CPSP"), language).ShouldBe(expected);

    [Theory]
    [InlineData("en", "lacks what the controlled work you seek requires: Registered with Korea's DAPA as a defence firm or Holds Korean DAPA-designated protected defence technology")]
    [InlineData("fr", "n'a pas ce qu'exigent les travaux contrôlés que vous recherchez\u00a0: Inscrit comme entreprise de défense auprès de la DAPA (Corée) ou Détient une technologie de défense protégée désignée par la DAPA (Corée)")]
    [InlineData("ko", "귀사가 찾는 통제 대상 업무의 요건을 갖추지 못했습니다: 방위사업청 등록 방산업체 또는 방위사업청 지정 방위산업기술 보유")]
    public void Alternative_credentials_are_joined_by_or_in_the_readers_language(string language, string expected) =>
        Reasons.Plain(Reason(ComplianceGap, "DAPA", "DTSA"), language).ShouldBe(expected);

    [Theory]
    [InlineData("en", "working languages in common: English, Korean")]
    [InlineData("fr", "langues de travail en commun\u00a0: Anglais, Coréen")]
    [InlineData("ko", "공통 업무 언어: 영어, 한국어")]
    public void Shared_languages_are_named_not_coded(string language, string expected) =>
        Reasons.Plain(Reason(SharedLanguage, "EN", "KO"), language).ShouldBe(expected);

    [Theory]
    [InlineData("en", "a prime, for you as an SME supplier")]
    [InlineData("fr", "un maître d'œuvre, pour vous comme fournisseur PME")]
    [InlineData("ko", "주계약업체로, 중소 협력업체인 귀사에 적합합니다")]
    public void The_size_fit_reads_in_the_readers_language(string language, string expected) =>
        Reasons.Plain(Reason(SizeFit, "LARGE", "SME"), language).ShouldBe(expected);

    [Fact]
    public void Every_kind_of_reason_reads_without_a_code_or_a_placeholder_in_each_language()
    {
        var terms = SeedTaxonomy().Terms;
        var codes = terms.Where(t => t.Kind != TaxonomyKind.Domain && t.Kind != TaxonomyKind.Language).Select(t => t.Code).ToList();
        foreach (var kind in Enum.GetValues<ReasonKind>())
        {
            var reason = Example(kind);
            var english = Reasons.Plain(reason, "en");
            foreach (var language in SupportedCultures.All)
            {
                var text = Reasons.Plain(reason, language);
                text.ShouldNotContain("{", customMessage: $"{kind} in {language}");
                // Some labels quote an acronym that is also a code ("캐나다 통제물품 프로그램(CGP) 등록"): only text outside the labels counts.
                var outsideLabels = terms.Select(t => t.Label(language)).OrderByDescending(l => l.Length)
                    .Aggregate(text, (rest, label) => rest.Replace(label, "", StringComparison.Ordinal));
                Regex.Matches(outsideLabels, @"[A-Z0-9_.]{3,}").Select(m => m.Value).Where(codes.Contains)
                    .ShouldBeEmpty($"{kind} in {language} reads \"{text}\"");
                if (language != "en")
                {
                    text.ShouldNotBe(english, $"{kind} is not translated into {language}");
                }
            }
        }
    }

    [Fact]
    public void On_a_page_each_label_carries_its_code_in_a_title_and_text_is_encoded()
    {
        Reasons.Html(Reason(ModesAgree, "SUPPLY_CHAIN", "JOINT_RD"), "en").ToString().ShouldBe(
            "partnership modes in common: <span class=\"term\" title=\"SUPPLY_CHAIN\">Supply chain (supplier to a prime, incl. ITB)</span>, " +
            "<span class=\"term\" title=\"JOINT_RD\">Joint R&amp;D</span>");
        Reasons.Html(Reason(SeeksWhatYouOffer, "MAR.PROP"), "ko").ToString()
            .ShouldBe("귀사가 제공하는 <span class=\"term\" title=\"MAR.PROP\">함정 추진 및 전력 체계</span>을(를) 찾고 있습니다");
        Reasons.Html(Reason(SharedTerms, "<b>hull</b>"), "fr").ToString().ShouldBe("vos descriptions partagent&#xA0;: &lt;b&gt;hull&lt;/b&gt;");
    }

    [Fact]
    public void A_code_the_taxonomy_does_not_hold_is_shown_as_it_is_without_a_title()
    {
        Reasons.Plain(Reason(OffersWhatYouSeek, "MAR.WARP"), "fr").ShouldBe("offre MAR.WARP, que vous recherchez");
        Reasons.Html(Reason(OffersWhatYouSeek, "MAR.WARP"), "en").ToString().ShouldBe("offers MAR.WARP, which you seek");
        Reasons.Plain(new ReasonDto("SomethingNew", ["X"], "something new about X", 1), "ko").ShouldBe("something new about X");
    }

    private static ReasonDto Example(ReasonKind kind) => kind switch
    {
        OffersWhatYouSeek or SeeksWhatYouOffer or SharedCapability => Reason(kind, "SENS.SONAR"),
        OffersCloseToWhatYouSeek or SeeksCloseToWhatYouOffer => Reason(kind, "MAR.SUB", "MAR.MRO", "MAR"),
        MaturityBelowNeed => Reason(kind, "DIGI.SIM", "5", "7"),
        SharedProgramme => Reason(kind, "NORAD_MOD"),
        RelatedProgramme => Reason(kind, "K9_K2_EXPORT", "ARTY_MOD"),
        ModesAgree => Reason(kind, "CO_PRODUCTION", "TECH_TRANSFER"),
        ComplianceFit => Reason(kind, "CGP"),
        ComplianceGap or YourComplianceGap => Reason(kind, "DAPA", "DTSA"),
        SizeFit => Reason(kind, "SME", "SME"),
        SharedLanguage => Reason(kind, "EN", "FR"),
        SharedTerms => Reason(kind, "through-life support", "hull"),
        _ => Reason(kind),
    };

    private static ReasonDto Reason(ReasonKind kind, params string[] subjects) =>
        new(kind.ToString(), subjects, new Reason(kind, subjects, 1).Text, 1);

    /// <summary>The taxonomy the application seeds, read from its seed file.</summary>
    private static TaxonomyCatalog SeedTaxonomy()
    {
        using var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "taxonomy.json")));
        var kinds = new Dictionary<string, TaxonomyKind>
        {
            ["domains"] = TaxonomyKind.Domain, ["capabilities"] = TaxonomyKind.Capability, ["modes"] = TaxonomyKind.Mode,
            ["programmes"] = TaxonomyKind.Programme, ["compliance"] = TaxonomyKind.Compliance, ["languages"] = TaxonomyKind.Language,
        };
        var catalog = new TaxonomyCatalog();
        catalog.Load(kinds.SelectMany(k => seed.RootElement.GetProperty(k.Key).EnumerateArray().Select((term, i) => new TaxonomyTerm
        {
            Kind = k.Value, Code = term.GetProperty("code").GetString()!, SortOrder = i,
            LabelEn = term.GetProperty("en").GetString()!, LabelFr = term.GetProperty("fr").GetString()!, LabelKo = term.GetProperty("ko").GetString()!,
        })).ToList());
        return catalog;
    }

    /// <summary>The strings files as the build copies them next to the tests.</summary>
    private sealed class OutputFolder : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "CanadaKoreaMatch.Web";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public string EnvironmentName { get; set; } = "Testing";
    }
}
