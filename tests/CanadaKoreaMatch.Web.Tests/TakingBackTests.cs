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
/// A firm takes back "not interested" or a named exclusion: the pair may be suggested again, the decision stays in the
/// history and the label export stops counting it. Each test builds its own Korean shipyard and two Canadian suppliers; the
/// class has its own database, so every list holds the few firms these tests make.
/// </summary>
public sealed class TakingBackTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] KoreanCompliance = ["DAPA"];
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task Taking_back_not_interested_suggests_the_firm_again_keeps_the_label_and_the_export_no_longer_counts_it()
    {
        var (shipyard, overhaul, sonar) = await PoolAsync();
        await (await shipyard.Rep.PostAsJsonAsync($"/api/v1/companies/{shipyard.Id}/suggestions/{overhaul.Id}/not-interested", new { reason = "NotOurField" }))
            .ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await shipyard.Rep.PostAsJsonAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{sonar.Id}", new { })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await RecomputeAsync();
        (await StoredAsync(shipyard.Id, overhaul.Id)).ShouldBeFalse();
        (await StoredAsync(overhaul.Id, shipyard.Id)).ShouldBeFalse("not interested blocks the pair both ways");
        (await StoredAsync(sonar.Id, shipyard.Id)).ShouldBeFalse("so does an exclusion");

        var setAside = (await shipyard.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/companies/{shipyard.Id}/exclusions"))!;
        setAside.Select(e => (e!["excludedCompanyId"]!.GetValue<Guid>(), e["kind"]!.GetValue<string>()))
            .ShouldBe([(sonar.Id, "Excluded"), (overhaul.Id, "NotInterested")], ignoreOrder: true);
        await (await overhaul.Rep.DeleteAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{overhaul.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var official = await kit.OfficialAsync();
        (await official.GetAsync($"/api/v1/companies/{shipyard.Id}/exclusions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await official.DeleteAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{overhaul.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await (await shipyard.Rep.DeleteAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{overhaul.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await shipyard.Rep.DeleteAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{overhaul.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await RecomputeAsync();

        (await StoredAsync(shipyard.Id, overhaul.Id)).ShouldBeTrue();
        (await StoredAsync(overhaul.Id, shipyard.Id)).ShouldBeTrue();
        (await StoredAsync(sonar.Id, shipyard.Id)).ShouldBeFalse("the other exclusion stands");
        var label = await app.WithDbAsync(db => db.MatchLabels.AsNoTracking().SingleAsync(l => l.CompanyId == shipyard.Id));
        label.Kind.ShouldBe(MatchLabelKind.NotInterested, "the decision stays in the history");
        (await ExportedAsync(official, shipyard.Id, overhaul.Id)).ShouldBeFalse("a \"not interested\" taken back no longer counts against the pair");

        await (await shipyard.Rep.PostAsJsonAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{overhaul.Id}", new { })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        (await ExportedAsync(official, shipyard.Id, overhaul.Id)).ShouldBeFalse("an exclusion by name does not bring the old label back");

        await (await shipyard.Rep.DeleteAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{sonar.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await RecomputeAsync();
        (await StoredAsync(sonar.Id, shipyard.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task On_the_suggestions_page_a_firm_set_aside_is_suggested_again_and_a_second_click_is_no_error()
    {
        var (shipyard, overhaul, _) = await PoolAsync();
        await (await shipyard.Rep.PostAsync($"/api/v1/companies/{shipyard.Id}/suggestions/{overhaul.Id}/not-interested", null)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        using var browser = await BrowserlessClient.SignedInAsync(app, shipyard.RepEmail);
        var page = $"/Companies/Suggestions/{shipyard.Id}";
        var row = (await browser.GetDocumentAsync(page)).QuerySelector("[data-testid='set-aside'] tbody tr")!;
        row.TextContent.ShouldContain(overhaul.Name);
        row.TextContent.ShouldContain("Not interested");
        var token = await browser.AntiforgeryTokenAsync(page, "[data-testid='set-aside'] form");

        var done = await browser.SubmitFormAsync(page, [], "[data-testid='set-aside'] form");
        var again = await browser.Http.PostAsync(new Uri($"{page}?handler=SuggestAgain&excludedId={overhaul.Id}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        BrowserlessClient.RedirectTarget(done).ShouldBe(page);
        BrowserlessClient.RedirectTarget(again).ShouldBe(page, "taken back already: the same answer, not an error page");
        (await app.WithDbAsync(db => db.CompanyExclusions.AnyAsync(e => e.CompanyId == shipyard.Id))).ShouldBeFalse();
        await RecomputeAsync();
        var after = await browser.GetDocumentAsync(page);
        after.QuerySelector("[data-testid='set-aside']").ShouldBeNull();
        after.QuerySelectorAll("[data-testid='suggestion']").Select(s => s.GetAttribute("data-company")).ShouldContain(overhaul.Id.ToString());
    }

    [Fact]
    public async Task A_firm_cannot_exclude_a_firm_it_cannot_see()
    {
        var (shipyard, _, _) = await PoolAsync();
        var hidden = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var unverified = await hidden.RegisterCompanyAsync(Payloads.Company($"Unverified yard {Guid.NewGuid():N}"[..28], "CA"));

        var refused = await shipyard.Rep.PostAsJsonAsync($"/api/v1/companies/{shipyard.Id}/exclusions/{unverified}", new { });

        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["excludedCompanyId"]);
        (await shipyard.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/companies/{shipyard.Id}/exclusions"))!.ShouldBeEmpty();
    }

    /// <summary>A Korean shipyard seeking in-service support and sonar, a Canadian overhaul yard and a Canadian sonar maker.</summary>
    private async Task<(ForumFirm Shipyard, ForumFirm Overhaul, ForumFirm Sonar)> PoolAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var shipyard = await kit.FirmAsync(Payloads.Company($"Geoje shipyard {tag}", "KR")
            .With("offers", new object[] { new { code = "MAR.SHIP", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.MRO" }, new { code = "SENS.SONAR" } })
            .With("compliance", KoreanCompliance));
        var overhaul = await kit.FirmAsync(Payloads.Company($"Halifax overhaul yard {tag}", "CA")
            .With("offers", new object[] { new { code = "MAR.MRO", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.SHIP" } }));
        var sonar = await kit.FirmAsync(Payloads.Company($"Dartmouth sonar {tag}", "CA")
            .With("offers", new object[] { new { code = "SENS.SONAR", trl = 8 } })
            .With("seeks", new object[] { new { code = "MAR.SHIP" } }));
        await RecomputeAsync();
        return (shipyard, overhaul, sonar);
    }

    private Task<bool> StoredAsync(Guid reader, Guid counterpart) =>
        app.WithDbAsync(db => db.Suggestions.AnyAsync(s => s.CompanyId == reader && s.CounterpartId == counterpart));

    private static async Task<bool> ExportedAsync(HttpClient official, Guid company, Guid counterpart) =>
        (await (await official.GetAsync("/api/v1/matching/labels/export")).JsonAsync())["labels"]!.AsArray()
            .Any(l => l!["companyId"]!.GetValue<Guid>() == company && l["counterpartId"]!.GetValue<Guid>() == counterpart);

    private Task<int> RecomputeAsync() => app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
}
