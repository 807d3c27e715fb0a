using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class LabelsJourneyTests(BrowserFixture fixture)
{
    private const string DemoPassword = "Maple-Hanok-2025";

    [Theory]
    [InlineData("ko", "ko-KR", "훈련 및 모의(시뮬레이션) 체계")]
    [InlineData("fr", "fr-CA", "Systèmes de formation et de simulation")]
    public async Task Suggestions_directory_and_dashboard_read_in_words_with_the_code_on_hover(string culture, string locale, string simulationLabel)
    {
        await fixture.RecomputeSuggestionsAsync();
        var korean = await fixture.NewPageAsync(locale);
        await BrowserFixture.SignInAsync(korean, "rep.hanwhaocean@ckm.demo", DemoPassword);
        await korean.GotoAsync("/Companies/Mine");
        await korean.ClickAsync("[data-testid=my-companies] a:text-is('Hanwha Ocean')");
        await korean.ClickAsync("[data-testid=suggestions]");
        await BrowserFixture.WaitForUrlAsync(korean, url => url.Contains("/Companies/Suggestions/", StringComparison.Ordinal));
        await korean.GotoAsync(korean.Url + "?culture=" + culture);

        var cae = korean.Locator("[data-testid=suggestion]").Filter(new() { Has = korean.Locator("h2 a", new() { HasTextString = "CAE" }) }).First;
        var reasons = await cae.Locator(".reasons").First.InnerTextAsync();
        reasons.ShouldContain(simulationLabel);
        reasons.ShouldNotContain("DIGI.SIM");
        var term = cae.Locator(".reasons .term[title='DIGI.SIM']").First;
        (await term.InnerTextAsync()).ShouldBe(simulationLabel);
        await term.HoverAsync();
        await BrowserFixture.ScreenshotAsync(korean, $"suggestions-hanwha-{culture}");

        await korean.GotoAsync($"/Companies?search=CAE&culture={culture}");
        (await korean.Locator("[data-testid=companies]").InnerTextAsync()).ShouldNotContain("DIGI.SIM");
        await BrowserFixture.ScreenshotAsync(korean, $"directory-{culture}");

        var official = await fixture.NewPageAsync(locale);
        await BrowserFixture.SignInAsync(official, "official.ccc@ckm.demo", DemoPassword);
        await official.GotoAsync($"/Officials/Dashboard?culture={culture}");
        await BrowserFixture.ScreenshotAsync(official, $"dashboard-{culture}");
        await official.GotoAsync($"/Officials/Curation?culture={culture}");
        await BrowserFixture.ScreenshotAsync(official, $"curation-{culture}");
    }
}
