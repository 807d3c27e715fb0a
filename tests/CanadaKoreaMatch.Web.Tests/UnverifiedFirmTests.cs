using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Until a trade official verifies it, a firm asks no one for anything and no other firm learns its name.</summary>
public sealed class UnverifiedFirmTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task An_unverified_firm_cannot_request_an_introduction_until_an_official_verifies_it()
    {
        var korean = await kit.FirmAsync("KR");
        var (rep, newcomer, _, _) = await UnverifiedFirmAsync();

        var refused = await rep.PostAsJsonAsync($"/api/v1/companies/{newcomer}/suggestions/{korean.Id}/request-introduction", new { message = "Hello from an unverified firm" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.JsonAsync())["detail"]!.GetValue<string>().ShouldBe("A trade official must verify your firm before it can request introductions.");
        (await app.WithDbAsync(db => db.Matches.CountAsync(m => m.CanadianCompanyId == newcomer))).ShouldBe(0);
        (await korean.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/companies/{korean.Id}/matches"))!.ShouldBeEmpty();

        (await (await kit.OfficialAsync()).PostAsync($"/api/v1/companies/{newcomer}/verify", null)).EnsureSuccessStatusCode();
        (await rep.PostAsJsonAsync($"/api/v1/companies/{newcomer}/suggestions/{korean.Id}/request-introduction", new { message = "Hello" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unverified_firm_cannot_ask_for_a_meeting_at_a_forum()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var korean = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(korean, forumId);
        var (rep, newcomer, _, _) = await UnverifiedFirmAsync();

        var refused = await ForumKit.SendRequestAsync(rep, forumId, newcomer, korean.Id);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.JsonAsync())["detail"]!.GetValue<string>().ShouldBe("A trade official must verify your firm before it can ask for meetings.");
        (await app.WithDbAsync(db => db.MeetingRequests.CountAsync(r => r.FromCompanyId == newcomer))).ShouldBe(0);
        (await ForumKit.RegisterAsync(rep, forumId, newcomer, ["en"])).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var firms = await korean.Rep.GetStringAsync($"/api/v1/forums/{forumId}/firms?companyId={korean.Id}");
        firms.ShouldNotContain(newcomer.ToString());
    }

    [Fact]
    public async Task An_unverified_firms_name_reaches_no_other_firm_through_the_directory_its_profile_or_suggestions()
    {
        var korean = await kit.FirmAsync("KR");
        (await korean.Rep.PutAsJsonAsync($"/api/v1/companies/{korean.Id}", Payloads.Company(korean.Name, "KR")
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 } })
            .With("seeks", new object[] { new { code = "DIGI.SIM" } }))).EnsureSuccessStatusCode();
        var (_, newcomer, name, _) = await UnverifiedFirmAsync();
        await app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
        var anonymous = app.CreateClient();

        foreach (var (who, client) in new[] { ("another firm's representative", korean.Rep), ("a visitor", anonymous) })
        {
            (await client.GetStringAsync($"/api/v1/companies?search={Uri.EscapeDataString(name)}")).ShouldNotContain(name, customMessage: who);
            (await client.GetAsync($"/api/v1/companies/{newcomer}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, who);
        }

        (await korean.Rep.GetStringAsync($"/api/v1/companies/{korean.Id}/suggestions")).ShouldNotContain(name);
        using var browser = await BrowserlessClient.SignedInAsync(app, korean.RepEmail);
        (await browser.GetDocumentAsync("/Companies?search=" + Uri.EscapeDataString(name))).Body!.TextContent.ShouldNotContain(name);
        (await browser.GetDocumentAsync($"/Companies/Suggestions/{korean.Id}")).Body!.TextContent.ShouldNotContain(name);
    }

    [Fact]
    public async Task The_suggestions_page_of_an_unverified_firm_says_why_it_cannot_request_introductions()
    {
        var korean = await kit.FirmAsync("KR");
        var (_, newcomer, _, email) = await UnverifiedFirmAsync();
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        var page = await browser.GetDocumentAsync($"/Companies/Suggestions/{newcomer}");

        page.QuerySelector("[data-testid='unverified-notice']")!.TextContent.ShouldContain("awaits verification");
        page.QuerySelector("[data-testid='request-introduction']").ShouldBeNull();
        var token = await browser.AntiforgeryTokenAsync($"/Companies/Suggestions/{newcomer}", "form[data-testid='language-switcher']");
        var forced = await browser.Http.PostAsync(new Uri($"/Companies/Suggestions/{newcomer}?handler=Request&counterpartId={korean.Id}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        forced.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(forced)).ShouldContain("A trade official must verify your firm before it can request introductions.");
    }

    [Fact]
    public async Task Officials_cannot_introduce_a_firm_whose_verification_was_withdrawn_so_its_name_and_people_reach_no_firm()
    {
        var official = await kit.OfficialAsync();
        var canadian = await kit.FirmAsync("CA");
        var korean = await kit.FirmAsync("KR");
        var match = (await (await korean.Rep.PostAsJsonAsync($"/api/v1/companies/{korean.Id}/suggestions/{canadian.Id}/request-introduction", new { message = "Shall we?" }))
            .JsonAsync())["id"]!.GetValue<Guid>();
        await (await official.PostAsJsonAsync($"/api/v1/matches/{match}/approve", new { })).ShouldSucceedAsync();
        await (await official.PostAsJsonAsync($"/api/v1/companies/{canadian.Id}/withhold-verification", new { reason = "The registration lapsed." })).ShouldSucceedAsync();

        var refused = await official.PostAsJsonAsync($"/api/v1/matches/{match}/introduce", new { });

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldBe("Both firms must be verified to be introduced: one of them is not, or its verification was withdrawn.");
        (await (await official.GetAsync($"/api/v1/matches/{match}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("Approved");
        (await korean.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/matches/{match}/contacts"))!.ShouldBeEmpty();
        (await app.MailToAsync(korean.RepEmail)).ShouldNotContain(m => m.Contains(canadian.RepEmail, StringComparison.Ordinal));

        await (await official.PostAsync($"/api/v1/companies/{canadian.Id}/verify", null)).ShouldSucceedAsync();
        await (await official.PostAsJsonAsync($"/api/v1/matches/{match}/introduce", new { })).ShouldSucceedAsync();
        (await korean.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/matches/{match}/contacts"))!.ShouldContain(c => c!["email"]!.GetValue<string>() == canadian.RepEmail);
    }

    [Fact]
    public async Task A_firm_whose_verification_was_withdrawn_leaves_the_firms_another_set_aside_until_it_is_verified_again()
    {
        var official = await kit.OfficialAsync();
        var canadian = await kit.FirmAsync("CA");
        var korean = await kit.FirmAsync("KR");
        await (await canadian.Rep.PostAsync($"/api/v1/companies/{canadian.Id}/exclusions/{korean.Id}", null)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var exclusions = $"/api/v1/companies/{canadian.Id}/exclusions";
        (await canadian.Rep.GetStringAsync(exclusions)).ShouldContain(korean.Name);

        await (await official.PostAsJsonAsync($"/api/v1/companies/{korean.Id}/withhold-verification", new { reason = "The registration lapsed." })).ShouldSucceedAsync();

        (await canadian.Rep.GetStringAsync(exclusions)).ShouldNotContain(korean.Id.ToString());
        using (var browser = await BrowserlessClient.SignedInAsync(app, canadian.RepEmail))
        {
            (await browser.GetDocumentAsync($"/Companies/Suggestions/{canadian.Id}")).Body!.TextContent.ShouldNotContain(korean.Name);
        }

        (await official.GetStringAsync(exclusions)).ShouldContain(korean.Name, customMessage: "officials see every firm");
        (await app.WithDbAsync(db => db.CompanyExclusions.CountAsync(e => e.CompanyId == canadian.Id && e.ExcludedCompanyId == korean.Id))).ShouldBe(1);
        await (await official.PostAsync($"/api/v1/companies/{korean.Id}/verify", null)).ShouldSucceedAsync();
        (await canadian.Rep.GetStringAsync(exclusions)).ShouldContain(korean.Name);
    }

    [Fact]
    public async Task Asking_on_the_page_for_a_firm_whose_verification_was_withdrawn_meanwhile_says_why_nothing_happened()
    {
        var canadian = await kit.FirmAsync("CA");
        var korean = await kit.FirmAsync("KR");
        using var browser = await BrowserlessClient.SignedInAsync(app, canadian.RepEmail);
        var token = await browser.AntiforgeryTokenAsync($"/Companies/Suggestions/{canadian.Id}", "form[data-testid='language-switcher']");
        await (await (await kit.OfficialAsync()).PostAsJsonAsync($"/api/v1/companies/{korean.Id}/withhold-verification", new { reason = "The registration lapsed." }))
            .ShouldSucceedAsync();

        var refused = await browser.Http.PostAsync(new Uri($"/Companies/Suggestions/{canadian.Id}?handler=Request&counterpartId={korean.Id}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(refused), "CounterpartId").ShouldBe("There is no such verified firm.");
        (await app.WithDbAsync(db => db.Matches.CountAsync(m => m.CanadianCompanyId == canadian.Id))).ShouldBe(0);
    }

    /// <summary>A Canadian firm that offers what the Korean test firms seek, registered by a new representative and not verified.</summary>
    private async Task<(HttpClient Rep, Guid Id, string Name, string Email)> UnverifiedFirmAsync()
    {
        var address = $"newcomer-{Guid.NewGuid():N}@ckm.test";
        await app.CreateUserAsync(Roles.CompanyRepresentative, address);
        var rep = await app.ClientForAsync(address);
        var name = $"Unverified Simulators {Guid.NewGuid():N}";
        var id = await rep.RegisterCompanyAsync(Payloads.Company(name, "CA")
            .With("offers", new object[] { new { code = "DIGI.SIM", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } }));
        return (rep, id, name, address);
    }
}
