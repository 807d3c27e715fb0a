using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class IntroductionJourneyTests(BrowserFixture fixture)
{
    private const string DemoPassword = "Maple-Hanok-2025";

    [Fact]
    public async Task A_suggestion_becomes_an_introduction_that_both_representatives_see()
    {
        await fixture.RecomputeSuggestionsAsync();

        var korean = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(korean, "rep.hanwhaocean@ckm.demo", DemoPassword);
        await OpenSuggestionsAsync(korean, "Hanwha Ocean");
        var cae = korean.Locator("[data-testid=suggestion]").Filter(new() { Has = korean.Locator("h2 a", new() { HasTextString = "CAE" }) }).First;
        (await cae.Locator(".reasons").First.InnerTextAsync()).ShouldContain("Training and simulation systems");
        await BrowserFixture.ScreenshotAsync(korean, "suggestions-hanwha");
        await cae.Locator("input[name=message]").FillAsync("Crew training for KSS-III in Canada: can we meet at CANSEC?");
        await cae.Locator("[data-testid=request-introduction]").ClickAsync();
        await BrowserFixture.WaitForLoadAsync(korean);
        (await SuggestionStatusAsync(korean, "CAE")).ShouldBe("Requested");

        var official = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(official, "official.ccc@ckm.demo", DemoPassword);
        await official.GotoAsync("/Officials/Curation?status=Requested");
        await BrowserFixture.ScreenshotAsync(official, "curation-queue");
        await official.Locator("[data-testid=curation-queue] tr", new() { HasTextString = "Hanwha Ocean" })
            .Filter(new() { HasTextString = "CAE" }).Locator("a").First.ClickAsync();
        await BrowserFixture.WaitForUrlAsync(official, url => url.Contains("/Matches/", StringComparison.Ordinal));
        await official.ClickAsync("[data-testid=move-Approved]");
        await BrowserFixture.WaitForLoadAsync(official);
        (await official.TextContentAsync("[data-testid=match-status]")).ShouldBe("Approved");
        await official.FillAsync("#intro-note", "Both firms exhibit at CANSEC; please meet on day one.");
        await official.ClickAsync("[data-testid=move-Introduced]");
        await BrowserFixture.WaitForLoadAsync(official);
        (await official.TextContentAsync("[data-testid=match-status]")).ShouldBe("Introduced");
        await BrowserFixture.ScreenshotAsync(official, "match-introduced");

        await OpenSuggestionsAsync(korean, "Hanwha Ocean");
        (await SuggestionStatusAsync(korean, "CAE")).ShouldBe("Introduced");

        var canadian = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(canadian, "rep.cae@ckm.demo", DemoPassword);
        await OpenSuggestionsAsync(canadian, "CAE");
        var row = canadian.Locator("[data-testid=introductions] tr", new() { HasTextString = "Hanwha Ocean" });
        (await row.InnerTextAsync()).ShouldContain("Introduced");
        await BrowserFixture.ScreenshotAsync(canadian, "suggestions-cae");

        await official.GotoAsync("/Officials/Dashboard");
        (await official.Locator("[data-testid=funnel] svg rect").CountAsync()).ShouldBeGreaterThan(3);
        await BrowserFixture.ScreenshotAsync(official, "dashboard");
        await official.GotoAsync("/Officials/Audit?entityType=Match");
        (await official.Locator("[data-testid=audit] tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        await BrowserFixture.ScreenshotAsync(official, "audit");
    }

    private static async Task OpenSuggestionsAsync(IPage page, string firm)
    {
        await page.GotoAsync("/Companies/Mine");
        await page.ClickAsync($"[data-testid=my-companies] a:text-is('{firm}')");
        await page.ClickAsync("[data-testid=suggestions]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Companies/Suggestions/", StringComparison.Ordinal));
    }

    private static Task<string?> SuggestionStatusAsync(IPage page, string counterpart) =>
        page.Locator("[data-testid=suggestion]").Filter(new() { Has = page.Locator("h2 a", new() { HasTextString = counterpart }) }).First
            .Locator("[data-testid=match-status]").TextContentAsync();
}
