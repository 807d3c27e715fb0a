using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

/// <summary>What a printed agenda and table plan show: the page's heading (whose agenda, which forum) without the buttons.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PrintTests(BrowserFixture fixture)
{
    private const string DemoPassword = "Maple-Hanok-2025";

    [Fact]
    public async Task A_printed_agenda_and_table_plan_keep_their_heading_and_leave_out_the_buttons()
    {
        var rep = await fixture.NewPageAsync("ko-KR");
        await BrowserFixture.SignInAsync(rep, "rep.hanwhaocean@ckm.demo", DemoPassword);
        var forum = await PublishedForumPathAsync(rep);
        await rep.GotoAsync(forum + "/Agenda");
        await rep.EmulateMediaAsync(new() { Media = Media.Print });

        var heading = rep.Locator("main h1");
        (await heading.IsVisibleAsync()).ShouldBeTrue();
        (await heading.TextContentAsync())!.ShouldContain("Hanwha Ocean");
        (await rep.Locator("[data-print]").IsVisibleAsync()).ShouldBeFalse();
        (await rep.Locator("[data-testid=download-ics]").IsVisibleAsync()).ShouldBeFalse();
        (await rep.Locator(".topbar").IsVisibleAsync()).ShouldBeFalse();
        (await rep.Locator("[data-testid=agenda-item]").First.IsVisibleAsync()).ShouldBeTrue();
        await BrowserFixture.ScreenshotAsync(rep, "agenda-print-ko");

        var organiser = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(organiser, "organiser@ckm.demo", DemoPassword);
        await organiser.GotoAsync(forum + "/TablePlan");
        await organiser.EmulateMediaAsync(new() { Media = Media.Print });

        (await organiser.Locator("main h1").IsVisibleAsync()).ShouldBeTrue();
        (await organiser.Locator("main h1").TextContentAsync())!.ShouldContain(AccessibilityTests.PublishedForum);
        (await organiser.Locator("[data-print]").IsVisibleAsync()).ShouldBeFalse();
        await BrowserFixture.ScreenshotAsync(organiser, "table-plan-print");
    }

    private static async Task<string> PublishedForumPathAsync(IPage page)
    {
        await page.GotoAsync("/Forums");
        return (await page.Locator("[data-testid=forums] a", new() { HasTextString = AccessibilityTests.PublishedForum }).First.GetAttributeAsync("href"))!;
    }
}
