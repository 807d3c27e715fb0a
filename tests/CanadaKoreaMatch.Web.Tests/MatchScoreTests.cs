using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// The match page and API give each firm the score of its own suggestions list, and officials both firms' scores with the
/// pair score of the curation queue, each labelled.
/// </summary>
public sealed class MatchScoreTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] KoreanCompliance = ["DAPA"];

    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task Each_firm_reads_on_the_match_the_score_of_its_suggestions_list_and_officials_read_both_and_the_pair_score()
    {
        var (ca, kr, matchId) = await IntroductionRequestedAsync();
        var caReading = await ReadingAsync(ca, kr.Id);
        var krReading = await ReadingAsync(kr, ca.Id);
        caReading.ShouldNotBe(krReading, "each firm reads the pair by its own needs");

        var asCanadian = await ca.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/matches/{matchId}");
        var asKorean = await kr.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/matches/{matchId}");
        var asOfficial = await (await kit.OfficialAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/matches/{matchId}");

        (Score(asCanadian!, "canadianScore"), Score(asCanadian!, "koreanScore")).ShouldBe((caReading, null));
        (Score(asKorean!, "canadianScore"), Score(asKorean!, "koreanScore")).ShouldBe((null, krReading));
        (Score(asOfficial!, "canadianScore"), Score(asOfficial!, "koreanScore")).ShouldBe((caReading, krReading));
        var pair = asOfficial!["score"]!.GetValue<double>();
        pair.ShouldBe((caReading + krReading) / 2, 0.1, "the pair score is the mean of both readings");
        asCanadian!["score"]!.GetValue<double>().ShouldBe(caReading, 0.05, "a firm reads its own score: with it, the mean would give the other firm's away");
        asKorean!["score"]!.GetValue<double>().ShouldBe(krReading, 0.05);
        var queue = await (await kit.OfficialAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/matches?status=Requested&pageSize=100");
        queue!["items"]!.AsArray().Single(m => m!["id"]!.GetValue<Guid>() == matchId)!["score"]!.GetValue<double>().ShouldBe(pair);

        using var canadianPage = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        var suggestionsPage = await canadianPage.GetDocumentAsync($"/Companies/Suggestions/{ca.Id}");
        var listed = suggestionsPage.QuerySelector($"[data-testid=suggestion][data-company='{kr.Id}'] .score b")!.TextContent;
        listed.ShouldBe($"{caReading:0}");
        var matchPage = await canadianPage.GetDocumentAsync($"/Matches/{matchId}");
        matchPage.QuerySelector("[data-testid=match-score]")!.TextContent.ShouldContain($"Score for {ca.Name}: {listed}");
        matchPage.QuerySelector("[data-testid=match-score-note]")!.TextContent.ShouldContain("As on your suggestions list");
        matchPage.QuerySelector("[data-testid=match-readings]").ShouldBeNull();

        using var koreanPage = await BrowserlessClient.SignedInAsync(app, kr.RepEmail);
        (await koreanPage.GetDocumentAsync($"/Matches/{matchId}")).QuerySelector("[data-testid=match-score]")!.TextContent
            .ShouldContain($"Score for {kr.Name}: {krReading:0}");

        using var officialPage = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));
        var curated = await officialPage.GetDocumentAsync($"/Matches/{matchId}");
        curated.QuerySelector("[data-testid=match-score]")!.TextContent.ShouldContain($"Pair score: {pair:0}");
        curated.QuerySelector($"[data-testid=reading-{ca.Id}]")!.TextContent.ShouldBe($"Score on the suggestions list of {ca.Name}: {caReading:0}");
        curated.QuerySelector($"[data-testid=reading-{kr.Id}]")!.TextContent.ShouldBe($"Score on the suggestions list of {kr.Name}: {krReading:0}");
        curated.QuerySelector("[data-testid=match-readings]")!.TextContent.ShouldContain("The mean of both firms' scores, as the curation queue ranks the pair.");
    }

    [Fact]
    public async Task A_firm_whose_list_no_longer_holds_the_pair_is_shown_no_score_since_the_pair_score_may_rest_on_the_other_firms_reading()
    {
        var (ca, kr, matchId) = await IntroductionRequestedAsync();
        var pair = (await (await kit.OfficialAsync()).GetFromJsonAsync<JsonObject>($"/api/v1/matches/{matchId}"))!["score"]!.GetValue<double>();
        await app.WithDbAsync(db => db.Suggestions.Where(s => s.CompanyId == ca.Id && s.CounterpartId == kr.Id).ExecuteDeleteAsync());

        var asCanadian = (await ca.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/matches/{matchId}"))!;
        Score(asCanadian, "canadianScore").ShouldBeNull();
        Score(asCanadian, "score").ShouldBeNull();
        var listed = (await ca.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/companies/{ca.Id}/matches"))!.Single(m => m!["id"]!.GetValue<Guid>() == matchId)!;
        Score(listed.AsObject(), "score").ShouldBeNull("the firm's list of introductions gives its own reading too");
        var listedForKorean = (await kr.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/companies/{kr.Id}/matches"))!.Single(m => m!["id"]!.GetValue<Guid>() == matchId)!;
        listedForKorean["score"]!.GetValue<double>().ShouldBe(await ReadingAsync(kr, ca.Id), 0.05);
        using var browser = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        var page = await browser.GetDocumentAsync($"/Matches/{matchId}");

        page.QuerySelector("[data-testid=match-score]")!.TextContent.ShouldNotContain("score", Case.Insensitive);
        page.QuerySelector("[data-testid=match-score-note]")!.TextContent.ShouldContain("Your firm's suggestions list does not hold this pair now, so no score is shown");
        pair.ShouldBeGreaterThan(0, "officials still read the pair score");
        using var official = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));
        (await official.GetDocumentAsync($"/Matches/{matchId}")).QuerySelector($"[data-testid=reading-{ca.Id}]")!.TextContent
            .ShouldBe($"{ca.Name} does not have the pair on its current suggestions list.");
    }

    [Fact]
    public async Task The_introduction_e_mail_gives_each_firm_its_own_score()
    {
        var (ca, kr, matchId) = await IntroductionRequestedAsync();
        var caReading = await ReadingAsync(ca, kr.Id);
        var krReading = await ReadingAsync(kr, ca.Id);
        var official = await kit.OfficialAsync();

        foreach (var step in new[] { "review", "approve", "introduce" })
        {
            await (await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/{step}", new { })).ShouldSucceedAsync();
        }

        (await app.MailToAsync(ca.RepEmail)).ShouldContain(m => m.Contains($"Why this partnership (score {caReading:0})", StringComparison.Ordinal));
        (await app.MailToAsync(kr.RepEmail)).ShouldContain(m => m.Contains($"Why this partnership (score {krReading:0})", StringComparison.Ordinal));
    }

    /// <summary>A Korean submarine builder and a Canadian simulator maker, suggested to each other; the Canadian asks for an introduction.</summary>
    private async Task<(ForumFirm Ca, ForumFirm Kr, Guid MatchId)> IntroductionRequestedAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var kr = await kit.FirmAsync(Payloads.Company($"Korean submarine builder {tag}", "KR")
            .With("description", "Korean submarine builder for KSS-III and export variants.")
            .With("size", "LARGE")
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 } })
            .With("seeks", new object[] { new { code = "DIGI.SIM" }, new { code = "DIGI.HEALTH" }, new { code = "MAT.METALS" } })
            .With("compliance", KoreanCompliance));
        var ca = await kit.FirmAsync(Payloads.Company($"Canadian simulator maker {tag}", "CA")
            .With("description", "Crew training and simulation for submarines.")
            .With("offers", new object[] { new { code = "DIGI.SIM", trl = 9 }, new { code = "DIGI.HEALTH", trl = 6 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } }));
        await app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
        var response = await ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/request-introduction", new { message = "Shall we?" });
        await response.ShouldSucceedAsync();
        return (ca, kr, (await response.JsonAsync())["id"]!.GetValue<Guid>());
    }

    /// <summary>The score of <paramref name="counterpartId"/> on the firm's own suggestions list.</summary>
    private static async Task<double> ReadingAsync(ForumFirm firm, Guid counterpartId)
    {
        var response = await firm.Rep.GetAsync($"/api/v1/companies/{firm.Id}/suggestions?top={SuggestionRecomputer.StoredTop}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        return list.Single(s => s!["companyId"]!.GetValue<Guid>() == counterpartId)!["score"]!.GetValue<double>();
    }

    private static double? Score(JsonObject match, string field) => match[field]?.GetValue<double>();
}
