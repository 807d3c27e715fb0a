using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Introduced firms see who represents the other, on the match page, in the API and in the introduction e-mail; nobody sees them before.</summary>
public sealed class MatchContactsTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task Once_introduced_each_firm_sees_the_others_representatives_and_outsiders_never_do()
    {
        var official = await kit.OfficialAsync();
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var outsider = await kit.FirmAsync("CA");
        var match = (await (await ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/request-introduction", new { message = "Shall we?" })).JsonAsync())["id"]!.GetValue<Guid>();

        (await (await ca.Rep.GetAsync($"/api/v1/matches/{match}/contacts")).Content.ReadFromJsonAsync<JsonArray>())!.ShouldBeEmpty("not before the officials introduce the firms");
        foreach (var step in new[] { "review", "approve", "introduce" })
        {
            await (await official.PostAsJsonAsync($"/api/v1/matches/{match}/{step}", new { })).ShouldSucceedAsync();
        }

        var contacts = (await (await ca.Rep.GetAsync($"/api/v1/matches/{match}/contacts")).Content.ReadFromJsonAsync<JsonArray>())!;
        contacts.Select(c => c!["email"]!.GetValue<string>()).Order().ShouldBe(new[] { ca.RepEmail, kr.RepEmail }.Order());
        contacts.Single(c => c!["email"]!.GetValue<string>() == kr.RepEmail)!["companyId"]!.GetValue<Guid>().ShouldBe(kr.Id);
        (await outsider.Rep.GetAsync($"/api/v1/matches/{match}/contacts")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);

        using var browser = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        var page = await browser.GetDocumentAsync($"/Matches/{match}");
        page.QuerySelector($"[data-testid=contacts-{kr.Id}] a[href='mailto:{kr.RepEmail}']").ShouldNotBeNull();
        (await app.MailToAsync(ca.RepEmail)).ShouldContain(m => m.Contains(kr.RepEmail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_match_history_names_the_other_firm_not_the_person_who_acted_for_it()
    {
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == ca.RepEmail)).DisplayName = "Jeanne Tremblay";
            await db.SaveChangesAsync();
        });
        var match = (await (await ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/request-introduction", new { message = "Shall we?" })).JsonAsync())["id"]!.GetValue<Guid>();

        var seen = await (await kr.Rep.GetAsync($"/api/v1/matches/{match}")).JsonAsync();

        seen["history"]!.AsArray().Select(h => h!["by"]?.GetValue<string>()).ShouldBe([ca.Name, ca.Name]);
        using (var browser = await BrowserlessClient.SignedInAsync(app, kr.RepEmail))
        {
            (await browser.GetDocumentAsync($"/Matches/{match}")).Body!.TextContent.ShouldNotContain("Jeanne Tremblay");
        }

        (await ca.Rep.GetStringAsync($"/api/v1/matches/{match}")).ShouldContain("Jeanne Tremblay", customMessage: "her own firm reads who asked");
        (await (await kit.OfficialAsync()).GetStringAsync($"/api/v1/matches/{match}")).ShouldContain("Jeanne Tremblay", customMessage: "officials read who asked");
    }

    [Fact]
    public async Task A_firm_introduced_to_one_without_a_representative_is_told_the_officials_will_put_it_in_touch()
    {
        var official = await kit.OfficialAsync();
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var match = (await (await ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/request-introduction", new { message = "Shall we?" })).JsonAsync())["id"]!.GetValue<Guid>();
        var krUser = await app.WithDbAsync(db => db.Users.Where(u => u.Email == kr.RepEmail).Select(u => u.Id).SingleAsync());
        (await admin.DeleteAsync($"/api/v1/users/{krUser}/roles/{Roles.CompanyRepresentative}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var step in new[] { "review", "approve", "introduce" })
        {
            await (await official.PostAsJsonAsync($"/api/v1/matches/{match}/{step}", new { })).ShouldSucceedAsync();
        }

        (await app.MailToAsync(ca.RepEmail)).ShouldContain(m => m.Contains($"{kr.Name} has no representative on CanadaKoreaMatch yet", StringComparison.Ordinal));
        using var browser = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        var page = await browser.GetDocumentAsync($"/Matches/{match}");
        page.QuerySelector($"[data-testid=contacts-{kr.Id}]")!.TextContent.ShouldContain("the trade officials will put you in touch");
    }
}
