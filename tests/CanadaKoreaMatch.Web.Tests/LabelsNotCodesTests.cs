using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>People read capabilities, domains, programmes, modes and credentials by their labels in their language; codes only on hover.</summary>
public sealed class LabelsNotCodesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly ConditionalWeakTable<AppFactory, Lazy<Task<Pair>>> Pairs = [];

    /// <summary>Codes whose labels never quote them, so none may be read anywhere on the pages.</summary>
    private static readonly string[] Codes = ["MAR.PROP", "MAR.SUB", "SUPPLY_CHAIN", "CO_SUSTAINMENT", "ISO9001", "KSS3"];

    private static readonly string[] Modes = ["SUPPLY_CHAIN", "CO_SUSTAINMENT"];
    private static readonly string[] CanadianProgrammes = ["CPSP"];
    private static readonly string[] CanadianCompliance = ["ISO9001", "CGP"];
    private static readonly string[] KoreanLanguages = ["KO", "EN"];
    private static readonly string[] KoreanProgrammes = ["KSS3"];
    private static readonly string[] KoreanCompliance = ["DAPA"];

    private static readonly Dictionary<string, Labels> ByLanguage = new()
    {
        ["en"] = new("Marine propulsion and power systems", "Submarines", "Supply chain (supplier to a prime, incl. ITB)", "Co-sustainment",
            "Canadian Patrol Submarine Project (up to 12 submarines)", "ISO 9001 quality management certified", "Maritime", "partnership modes in common: "),
        ["fr"] = new("Systèmes de propulsion et d'énergie marins", "Sous-marins", "Chaîne d'approvisionnement (fournisseur d'un maître d'œuvre, y compris RIT)",
            "Soutien en service conjoint", "Projet canadien de sous-marins de patrouille (jusqu'à 12 sous-marins)", "Certifié ISO 9001 (gestion de la qualité)",
            "Maritime", "modes de partenariat en commun\u00a0: "),
        ["ko"] = new("함정 추진 및 전력 체계", "잠수함", "공급망 참여(주계약업체 협력사, ITB 포함)", "공동 후속군수지원", "캐나다 초계잠수함 사업(CPSP, 최대 12척)",
            "ISO 9001 품질경영시스템 인증", "해양", "협력 방식 일치: "),
    };

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ko")]
    public async Task The_directory_lists_capabilities_by_label_with_the_code_on_hover(string culture)
    {
        var pair = await PairAsync();
        var page = await pair.Official.GetDocumentAsync($"/Companies?search={pair.Tag}&culture={culture}");

        var labels = ByLanguage[culture];
        ShowsWordsNotCodes(page, labels.Propulsion, labels.Submarines);
        Hover(page, "[data-testid=companies] span.tag", "MAR.PROP").ShouldBe(labels.Propulsion);
        Hover(page, "[data-testid=companies] span.tag", "MAR.SUB").ShouldBe(labels.Submarines);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ko")]
    public async Task A_profile_names_capabilities_modes_programmes_and_credentials_by_label(string culture)
    {
        var pair = await PairAsync();
        var page = await pair.Official.GetDocumentAsync($"/Companies/Details/{pair.Canadian.Id}?culture={culture}");

        var labels = ByLanguage[culture];
        ShowsWordsNotCodes(page, labels.Propulsion, labels.Submarines, labels.SupplyChain, labels.CoSustainment, labels.Cpsp, labels.Iso9001);
        Hover(page, "span.tag", "SUPPLY_CHAIN").ShouldBe(labels.SupplyChain);
        Hover(page, "span.tag", "CPSP").ShouldBe(labels.Cpsp);
        Hover(page, "span.tag", "ISO9001").ShouldBe(labels.Iso9001);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ko")]
    public async Task Suggestions_give_their_reasons_in_words_of_the_readers_language(string culture)
    {
        var pair = await PairAsync();
        var page = await pair.KoreanRep.GetDocumentAsync($"/Companies/Suggestions/{pair.Korean.Id}?culture={culture}");

        var labels = ByLanguage[culture];
        var suggestion = page.QuerySelector($"[data-testid=suggestion][data-company='{pair.Canadian.Id}']").ShouldNotBeNull();
        var reasons = suggestion.QuerySelectorAll(".reasons li").Select(li => li.TextContent).ToList();
        reasons.ShouldContain(r => r.StartsWith(labels.ModesAgree, StringComparison.Ordinal) && r.Contains(labels.SupplyChain, StringComparison.Ordinal)
            && r.Contains(labels.CoSustainment, StringComparison.Ordinal));
        reasons.ShouldContain(r => r.Contains(labels.Propulsion, StringComparison.Ordinal));
        ShowsWordsNotCodes(page, labels.Propulsion, labels.Submarines);
        Hover(page, ".reasons span.term", "CO_SUSTAINMENT").ShouldBe(labels.CoSustainment);
        Hover(page, ".reasons span.term", "MAR.PROP").ShouldBe(labels.Propulsion);
        page.QuerySelectorAll("select[name=programme] option[value=CPSP]").Single().TextContent.ShouldBe(labels.Cpsp);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ko")]
    public async Task The_curation_queue_the_match_page_and_the_dashboard_name_the_domain(string culture)
    {
        var pair = await PairAsync();
        var labels = ByLanguage[culture];

        var queue = await pair.Official.GetDocumentAsync($"/Officials/Curation?status=Requested&search={pair.Tag}&culture={culture}");
        var row = queue.QuerySelectorAll("[data-testid=curation-queue] tbody tr").ShouldHaveSingleItem();
        Hover(row, "span", "MAR").ShouldBe(labels.Maritime);
        ShowsWordsNotCodes(queue, labels.Maritime);
        queue.QuerySelectorAll("select[name=programme] option[value=CPSP]").Single().TextContent.ShouldBe(labels.Cpsp);

        var match = await pair.Official.GetDocumentAsync($"/Matches/{pair.MatchId}?culture={culture}");
        ShowsWordsNotCodes(match, labels.Maritime, labels.Propulsion, labels.SupplyChain);
        Hover(match, ".reasons span.term", "SUPPLY_CHAIN").ShouldBe(labels.SupplyChain);

        var dashboard = await pair.Official.GetDocumentAsync($"/Officials/Dashboard?culture={culture}");
        var domains = dashboard.QuerySelectorAll("[data-testid=by-domain] svg text").Where(t => t.QuerySelector("title") is not null).ToList();
        domains.ShouldContain(t => t.QuerySelector("title")!.TextContent == "MAR" && VisibleText(t) == labels.Maritime);
    }

    [Fact]
    public async Task The_introduction_email_names_the_terms_in_each_recipients_language()
    {
        var pair = await CreatePairAsync(app);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == pair.Korean.RepEmail).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "ko")));
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == pair.Canadian.RepEmail).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "fr")));
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        foreach (var action in new[] { "review", "approve", "introduce" })
        {
            (await official.PostAsJsonAsync($"/api/v1/matches/{pair.MatchId}/{action}", new { })).EnsureSuccessStatusCode();
        }

        // The introduction is the one message with a list of reasons (the notice of a firm's verification may come too).
        var korean = (await app.MailToAsync(pair.Korean.RepEmail)).Where(m => m.Contains("<ul>", StringComparison.Ordinal)).ShouldHaveSingleItem();
        var canadian = (await app.MailToAsync(pair.Canadian.RepEmail)).Where(m => m.Contains("<ul>", StringComparison.Ordinal)).ShouldHaveSingleItem();

        korean.ShouldContain($"<li>{ByLanguage["ko"].ModesAgree}");
        korean.ShouldContain(ByLanguage["ko"].Propulsion);
        korean.ShouldContain(ByLanguage["ko"].CoSustainment);
        korean.ShouldContain("(캐나다)");
        canadian.ShouldContain($"<li>{Encoded(ByLanguage["fr"].ModesAgree)}");
        canadian.ShouldContain(Encoded(ByLanguage["fr"].Propulsion));
        canadian.ShouldContain("(Corée)");
        foreach (var code in Codes)
        {
            korean.ShouldNotContain(code);
            canadian.ShouldNotContain(code);
        }
    }

    /// <summary>The page shows each label as text, and none of <see cref="Codes"/> outside attributes and SVG titles.</summary>
    private static void ShowsWordsNotCodes(IParentNode page, params string[] labels)
    {
        var text = VisibleText(page.QuerySelector("main") ?? throw new InvalidOperationException("No main element."));
        foreach (var label in labels)
        {
            text.ShouldContain(label);
        }

        foreach (var code in Codes)
        {
            text.ShouldNotContain(code, customMessage: $"the code {code} is shown as text");
        }
    }

    /// <summary>The text of the element under <paramref name="selector"/> whose title is <paramref name="code"/>.</summary>
    private static string Hover(IParentNode page, string selector, string code) =>
        page.QuerySelectorAll(selector).Where(e => e.GetAttribute("title") == code).Select(e => e.TextContent.Trim()).Distinct().ShouldHaveSingleItem();

    private static string VisibleText(IElement element)
    {
        var copy = (IElement)element.Clone(deep: true);
        foreach (var hidden in copy.QuerySelectorAll("title, script, style, template").ToList())
        {
            hidden.Remove();
        }

        return copy.TextContent.Trim();
    }

    /// <summary>As the e-mail templates encode a value: markup characters only, letters as they are.</summary>
    private static string Encoded(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("'", "&#x27;", StringComparison.Ordinal).Replace("\u00a0", "&#xA0;", StringComparison.Ordinal);

    private Task<Pair> PairAsync() => Pairs.GetValue(app, a => new Lazy<Task<Pair>>(() => CreatePairAsync(a))).Value;

    /// <summary>
    /// A Canadian maker of marine propulsion and a Korean submarine builder that seeks it, both accepting supply-chain work and
    /// co-sustainment, verified, with the Korean firm's request for an introduction waiting in the curation queue.
    /// </summary>
    private static async Task<Pair> CreatePairAsync(AppFactory app)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var canadian = await FirmAsync(app, Payloads.Company($"Maple Propulsion {tag}", "CA")
            .With("description", "Electric drive and power systems for naval platforms.")
            .With("offers", new object[] { new { code = "MAR.PROP", trl = 8 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } })
            .With("modes", Modes)
            .With("programmes", CanadianProgrammes)
            .With("compliance", CanadianCompliance));
        var korean = await FirmAsync(app, Payloads.Company($"Hanbada Shipyard {tag}", "KR")
            .With("size", "LARGE")
            .With("languages", KoreanLanguages)
            .With("description", "Submarine builder for naval platforms at home and abroad.")
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.PROP" } })
            .With("modes", Modes)
            .With("programmes", KoreanProgrammes)
            .With("compliance", KoreanCompliance));
        await app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();

        var requested = await korean.Rep.PostAsJsonAsync($"/api/v1/companies/{korean.Id}/suggestions/{canadian.Id}/request-introduction", new { });
        requested.EnsureSuccessStatusCode();
        var matchId = (await requested.JsonAsync())["id"]!.GetValue<Guid>();

        var official = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));
        var koreanRep = await BrowserlessClient.SignedInAsync(app, korean.RepEmail);
        return new Pair(tag, canadian, korean, matchId, official, koreanRep);
    }

    private static async Task<Firm> FirmAsync(AppFactory app, Dictionary<string, object?> payload)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var rep = await app.ClientForAsync(email);
        var id = await rep.RegisterCompanyAsync(payload);
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        (await official.PostAsync($"/api/v1/companies/{id}/verify", null)).EnsureSuccessStatusCode();
        return new Firm(id, rep, email);
    }

    private sealed record Firm(Guid Id, HttpClient Rep, string RepEmail);

    private sealed record Pair(string Tag, Firm Canadian, Firm Korean, Guid MatchId, BrowserlessClient Official, BrowserlessClient KoreanRep);

    private sealed record Labels(
        string Propulsion, string Submarines, string SupplyChain, string CoSustainment, string Cpsp, string Iso9001, string Maritime, string ModesAgree);
}
