namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class ForumJourneyTests(BrowserFixture fixture)
{
    private const string DemoPassword = "Maple-Hanok-2025";

    [Fact]
    public async Task An_organiser_builds_a_CANSEC_forum_two_firms_meet_and_the_Korean_firm_gets_its_agenda_in_both_time_zones()
    {
        var organiser = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(organiser, await fixture.CreateUserAsync("ForumOrganiser"));
        await organiser.GotoAsync("/Forums/Create");
        await organiser.CheckAsync("input[value=cansec]");
        var name = $"CANSEC B2B {Guid.NewGuid():N}"[..20];
        await organiser.FillAsync("input[name=Name]", name);
        await organiser.FillAsync("input[name=StartDate]", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        await BrowserFixture.ScreenshotAsync(organiser, "forum-create");
        await organiser.ClickAsync("[data-testid=create]");
        await BrowserFixture.WaitForUrlAsync(organiser, url => url.EndsWith("/Edit", StringComparison.Ordinal));
        (await organiser.InputValueAsync("input[name='Definition.TimeZone']")).ShouldBe("America/Toronto");
        await BrowserFixture.ScreenshotAsync(organiser, "forum-edit");
        await organiser.ClickAsync("[data-testid=save-forum]");
        await BrowserFixture.WaitForUrlAsync(organiser, url => !url.EndsWith("/Edit", StringComparison.Ordinal));
        var forumUrl = organiser.Url;
        await organiser.ClickAsync("[data-testid=status-open]");
        await BrowserFixture.WaitForLoadAsync(organiser);
        (await organiser.TextContentAsync("[data-testid=forum-status]"))!.ShouldBe("Open");

        var cae = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(cae, "rep.cae@ckm.demo", DemoPassword);
        await RegisterAsync(cae, forumUrl, "Marc Gagnon", "en");
        var korean = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(korean, "rep.hanwhaocean@ckm.demo", DemoPassword);
        await RegisterAsync(korean, forumUrl, "Kim Min-jun", "ko");

        await fixture.RecomputeSuggestionsAsync();
        await cae.GotoAsync(forumUrl);
        await cae.ClickAsync("[data-testid=browse-firms]");
        var hanwha = cae.Locator("[data-testid=forum-firm]", new() { HasText = "Hanwha Ocean" });
        (await hanwha.Locator(".reasons li").CountAsync()).ShouldBeGreaterThan(0);
        await hanwha.Locator("select[name=priority]").SelectOptionAsync("MustMeet");
        await BrowserFixture.ScreenshotAsync(cae, "forum-firms");
        await hanwha.Locator("[data-testid=request-meeting]").ClickAsync();
        await BrowserFixture.WaitForLoadAsync(cae);
        (await cae.TextContentAsync("[data-testid=sent]"))!.ShouldContain("Hanwha Ocean");

        await korean.GotoAsync(forumUrl);
        await korean.ClickAsync("[data-testid=browse-firms]");
        var received = korean.Locator("[data-testid=received-request]", new() { HasText = "CAE" });
        await received.Locator("[data-testid=accept]").ClickAsync();
        await BrowserFixture.WaitForLoadAsync(korean);
        (await korean.TextContentAsync("[data-testid=received]"))!.ShouldContain("Accepted");

        await organiser.GotoAsync(forumUrl);
        await organiser.ClickAsync("[data-testid=status-scheduling]");
        await BrowserFixture.WaitForLoadAsync(organiser);
        await organiser.ClickAsync("[data-testid=open-timetable]");
        await organiser.ClickAsync("[data-testid=start-run]");
        await BrowserFixture.WaitForLoadAsync(organiser);
        await fixture.RunQueuedScheduleRunsAsync();
        await organiser.ReloadAsync();
        (await organiser.TextContentAsync("[data-testid=run-status]"))!.ShouldBe("Completed");
        var meeting = organiser.Locator("[data-testid=meeting]", new() { HasText = "Hanwha Ocean" });
        (await meeting.TextContentAsync())!.ShouldContain("CAE");
        await organiser.SelectOptionAsync("select[name=At]", "1-1");
        await organiser.Locator("[data-testid=live-check]").Filter(new() { HasText = "not available" }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(organiser, "forum-timetable");
        await organiser.ClickAsync("[data-testid=publish-button]");
        await BrowserFixture.WaitForLoadAsync(organiser);
        (await organiser.TextContentAsync("[data-testid=changes]"))!.ShouldContain("0");
        (await fixture.MailToAsync("rep.hanwhaocean@ckm.demo")).ShouldContain(m => m.Contains(name, StringComparison.Ordinal));
        await organiser.GotoAsync(forumUrl + "/FollowUps");
        (await organiser.Locator("[data-testid=follow-up]").CountAsync()).ShouldBe(6, "two reminders and a feedback request for each firm's representative");
        await BrowserFixture.ScreenshotAsync(organiser, "forum-follow-ups");

        await korean.GotoAsync(forumUrl);
        await korean.ClickAsync("[data-testid=open-agenda]");
        var item = korean.Locator("[data-testid=agenda-item]");
        (await item.CountAsync()).ShouldBe(1);
        var seoul = (await item.Locator("[data-testid=local-time]").TextContentAsync())!;
        var ottawa = (await item.Locator("[data-testid=forum-time]").TextContentAsync())!;
        seoul.ShouldNotBe(ottawa);
        (await item.TextContentAsync())!.ShouldContain("CAE");
        await BrowserFixture.ScreenshotAsync(korean, "forum-agenda-en");
        var download = await korean.RunAndWaitForDownloadAsync(() => korean.ClickAsync("[data-testid=download-ics]"));
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        ics.ShouldContain("BEGIN:VEVENT");
        ics.ShouldContain("TZID=America/Toronto");
        ics.ShouldContain("CAE");

        foreach (var language in new[] { "fr", "ko" })
        {
            await korean.ClickAsync($"[data-testid=language-switcher] button[value={language}]");
            await BrowserFixture.WaitForLoadAsync(korean);
            (await korean.GetAttributeAsync("html", "lang")).ShouldBe(language);
            await BrowserFixture.ScreenshotAsync(korean, $"forum-agenda-{language}");
            await organiser.ClickAsync($"[data-testid=language-switcher] button[value={language}]");
            await BrowserFixture.WaitForLoadAsync(organiser);
            await BrowserFixture.ScreenshotAsync(organiser, $"forum-timetable-{language}");
        }

        (await korean.TextContentAsync("[data-testid=agenda] thead"))!.ShouldContain("현지");
    }

    private static async Task RegisterAsync(Microsoft.Playwright.IPage page, string forumUrl, string delegateName, string language)
    {
        await page.GotoAsync(forumUrl);
        await page.ClickAsync("[data-testid=register]");
        await page.FillAsync("input[name='Delegates[0].Name']", delegateName);
        await page.CheckAsync($"input[name='Delegates[0].Languages'][value={language}]");
        await page.CheckAsync("[data-testid='unavailable-1-1']");
        await page.ClickAsync("[data-testid=save-registration]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Firms", StringComparison.Ordinal));
    }
}
