using System.Globalization;
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
/// "Firms looking for what you offer": the verified firms whose own suggestions hold a firm, with their reasons turned
/// to the firm's side and without their score. The class has its own database, so the lists hold only the firms these
/// tests make.
/// </summary>
public sealed class LookingForYouTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] KoreanCompliance = ["DAPA"];
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_supplier_reads_the_firms_that_seek_what_it_offers_with_their_reasons_turned_to_its_side_and_no_score()
    {
        var tag = Tag();
        var overhaul = await kit.FirmAsync(Payloads.Company($"Halifax overhaul yard {tag}", "CA")
            .With("offers", new object[] { new { code = "MAR.MRO", trl = 9 } })
            .With("seeks", new object[] { new { code = "SPACE.LAUNCH" } }));
        var shipyard = await kit.FirmAsync(Payloads.Company($"Geoje shipyard {tag}", "KR")
            .With("offers", new object[] { new { code = "MAR.SHIP", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.MRO" } })
            .With("compliance", KoreanCompliance));
        var armour = await kit.FirmAsync(Payloads.Company($"Changwon armour {tag}", "KR")
            .With("offers", new object[] { new { code = "LAND.ARMOUR", trl = 9 } })
            .With("seeks", new object[] { new { code = "AIR.UAS" } }));
        var unverifiedRep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var unverified = await unverifiedRep.RegisterCompanyAsync(Payloads.Company($"Busan yard {tag}", "KR")
            .With("offers", new object[] { new { code = "MAR.SHIP", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.MRO" } }));
        await RecomputeAsync();

        var view = await ViewAsync(overhaul.Rep, overhaul.Id);

        var listed = view.Select(f => f!["companyId"]!.GetValue<Guid>()).ToList();
        listed.ShouldContain(shipyard.Id, "the shipyard seeks what the yard offers");
        listed.ShouldNotContain(armour.Id, "the armour maker does not");
        listed.ShouldNotContain(unverified, "an unverified firm is seen by no firm");
        var entry = view.Single(f => f!["companyId"]!.GetValue<Guid>() == shipyard.Id)!.AsObject();
        entry.ContainsKey("score").ShouldBeFalse("the shipyard's reading of the pair stays its own");
        var reasons = entry["reasons"]!.AsArray();
        reasons[0]!["kind"]!.GetValue<string>().ShouldBe("SeeksWhatYouOffer");
        reasons[0]!["subjects"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["MAR.MRO"]);
        reasons.Select(r => r!["contribution"]!.GetValue<double>()).ShouldAllBe(c => c == -1 || c == 0 || c == 1);
        entry["inYourSuggestions"]!.GetValue<bool>().ShouldBeTrue("the yard's own list holds the shipyard too, below any firm meeting its need");
        (await ViewAsync(unverifiedRep, unverified)).ShouldBeEmpty("an unverified firm is in no other firm's list");
        (await ListedAsync(armour)).ShouldNotContain(overhaul.Id, "the yard neither seeks armour nor offers what the armour maker seeks");
    }

    [Fact]
    public async Task An_exclusion_either_way_takes_the_firm_off_the_view()
    {
        var (overhaul, shipyard) = await PairAsync();
        (await ListedAsync(overhaul)).ShouldContain(shipyard.Id);

        await (await shipyard.Rep.PostAsJsonAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{overhaul.Id}", new { })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        (await ListedAsync(overhaul)).ShouldNotContain(shipyard.Id, "the shipyard excluded the yard, even before its list is recomputed");
    }

    [Fact]
    public async Task A_firm_that_excluded_another_does_not_see_it_even_while_the_stored_lists_still_hold_the_pair()
    {
        var (overhaul, shipyard) = await PairAsync();
        await app.WithDbAsync(db =>
        {
            db.CompanyExclusions.Add(new CompanyExclusion { CompanyId = overhaul.Id, ExcludedCompanyId = shipyard.Id, Kind = ExclusionKind.Excluded, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        (await app.WithDbAsync(db => db.Suggestions.AnyAsync(s => s.CompanyId == shipyard.Id && s.CounterpartId == overhaul.Id))).ShouldBeTrue();
        (await ListedAsync(overhaul)).ShouldNotContain(shipyard.Id, "the yard excluded the shipyard");
    }

    [Fact]
    public async Task Saying_not_interested_on_the_tab_returns_to_the_tab_and_takes_the_firm_off_it()
    {
        var (overhaul, shipyard) = await PairAsync();
        using var browser = await BrowserlessClient.SignedInAsync(app, overhaul.RepEmail);
        var tab = $"/Companies/Suggestions/{overhaul.Id}?view=looking-for-you";

        var done = await browser.SubmitFormAsync(tab, [("reason", "NotOurField")], $"[data-company='{shipyard.Id}'] [data-testid='not-interested-form']");

        BrowserlessClient.RedirectTarget(done).ShouldBe(tab);
        (await ListedAsync(overhaul)).ShouldNotContain(shipyard.Id);
        (await browser.GetDocumentAsync(tab)).QuerySelector($"[data-testid='suggestion'][data-company='{shipyard.Id}']").ShouldBeNull();
    }

    [Fact]
    public async Task Not_interested_in_a_firm_only_on_the_tab_is_kept_with_the_tab_and_the_place_it_had_there_and_no_score()
    {
        var (overhaul, shipyard) = await PairAsync();
        var closer = await kit.FirmAsync(Payloads.Company($"Mokpo shipyard {Tag()}", "KR")
            .With("offers", new object[] { new { code = "SPACE.LAUNCH", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.MRO" } })
            .With("compliance", KoreanCompliance));
        await RecomputeAsync();
        await app.WithDbAsync(db => db.Suggestions.Where(s => s.CompanyId == overhaul.Id && s.CounterpartId == shipyard.Id).ExecuteDeleteAsync());
        var tab = await ListedAsync(overhaul);
        tab.IndexOf(closer.Id).ShouldBeLessThan(tab.IndexOf(shipyard.Id), "the firm that also offers what the yard seeks reads it better");
        var place = tab.IndexOf(shipyard.Id) + 1;

        await (await overhaul.Rep.PostAsJsonAsync($"/api/v1/companies/{overhaul.Id}/suggestions/{shipyard.Id}/not-interested", new { reason = "WrongSize" }))
            .ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var label = await app.WithDbAsync(db => db.MatchLabels.AsNoTracking().SingleAsync(l => l.CompanyId == overhaul.Id && l.CounterpartId == shipyard.Id));
        label.ListedIn.ShouldBe(ListedIn.LookingForYou);
        label.Rank.ShouldBe(place);
        label.Score.ShouldBeNull("the tab shows no score");
        var export = await (await kit.OfficialAsync()).GetFromJsonAsync<JsonObject>("/api/v1/matching/labels/export");
        var exported = export!["labels"]!.AsArray().Single(l => l!["companyId"]!.GetValue<Guid>() == overhaul.Id)!;
        exported["listedIn"]!.GetValue<string>().ShouldBe("LookingForYou");
        exported["rank"]!.GetValue<int>().ShouldBe(place);
        exported["score"].ShouldBeNull();
    }

    [Fact]
    public async Task A_firm_whose_verification_is_withdrawn_sees_no_firm_on_the_tab_at_once()
    {
        var (overhaul, _) = await PairAsync();
        (await ListedAsync(overhaul)).ShouldNotBeEmpty();

        await (await (await kit.OfficialAsync()).PostAsJsonAsync($"/api/v1/companies/{overhaul.Id}/withhold-verification", new { reason = "The NCAGE code does not match the firm." }))
            .ShouldSucceedAsync();

        (await ListedAsync(overhaul)).ShouldBeEmpty("no other firm sees it, before and after the lists are refreshed");
    }

    [Fact]
    public async Task Only_the_firms_representatives_and_officials_read_it_and_a_bad_size_is_refused()
    {
        var (overhaul, shipyard) = await PairAsync();
        var url = $"/api/v1/companies/{overhaul.Id}/looking-for-you";

        await (await shipyard.Rep.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await kit.OfficialAsync()).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await overhaul.Rep.GetAsync($"{url}?top=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["top"]);
    }

    [Fact]
    public async Task The_suggestions_page_shows_the_view_on_its_own_tab_without_a_score()
    {
        var (overhaul, shipyard) = await PairAsync();
        using var browser = await BrowserlessClient.SignedInAsync(app, overhaul.RepEmail);

        var page = await browser.GetDocumentAsync($"/Companies/Suggestions/{overhaul.Id}?view=looking-for-you");

        page.QuerySelector("[data-testid='looking-for-you-tab']")!.GetAttribute("aria-current").ShouldBe("page");
        page.QuerySelector("[data-testid='looking-for-you-tab'] .count")!.TextContent
            .ShouldBe(page.QuerySelectorAll("[data-testid='suggestion']").Length.ToString(CultureInfo.InvariantCulture), "the tab counts the firms it lists");
        var card = page.QuerySelector($"[data-testid='suggestion'][data-company='{shipyard.Id}']")!;
        card.QuerySelector(".score").ShouldBeNull();
        card.QuerySelector("[data-testid='also-suggested']").ShouldNotBeNull();
        card.QuerySelector("[data-testid='request-introduction']").ShouldNotBeNull();
        card.QuerySelector(".reasons")!.TextContent.ShouldContain("which you offer");

        var own = await browser.GetDocumentAsync($"/Companies/Suggestions/{overhaul.Id}?view=anything-else");
        own.QuerySelector("[data-testid='looking-for-you-tab']")!.HasAttribute("aria-current").ShouldBeFalse("an unknown view is the firm's own list");
        own.QuerySelector("[data-testid='suggestion'] .score").ShouldNotBeNull();
        own.QuerySelector("[data-testid='suggestion-views'] a:not([data-testid]) .count")!.TextContent
            .ShouldBe(own.QuerySelectorAll("[data-testid='suggestion']").Length.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<(ForumFirm Overhaul, ForumFirm Shipyard)> PairAsync()
    {
        var tag = Tag();
        var overhaul = await kit.FirmAsync(Payloads.Company($"Esquimalt overhaul {tag}", "CA")
            .With("offers", new object[] { new { code = "MAR.MRO", trl = 9 } })
            .With("seeks", new object[] { new { code = "SPACE.LAUNCH" } }));
        var shipyard = await kit.FirmAsync(Payloads.Company($"Ulsan shipyard {tag}", "KR")
            .With("offers", new object[] { new { code = "MAR.SHIP", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.MRO" } })
            .With("compliance", KoreanCompliance));
        await RecomputeAsync();
        return (overhaul, shipyard);
    }

    private static async Task<JsonArray> ViewAsync(HttpClient client, Guid company) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/v1/companies/{company}/looking-for-you"))!;

    private static async Task<List<Guid>> ListedAsync(ForumFirm firm) =>
        [.. (await ViewAsync(firm.Rep, firm.Id)).Select(f => f!["companyId"]!.GetValue<Guid>())];

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private Task<int> RecomputeAsync() => app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
}
