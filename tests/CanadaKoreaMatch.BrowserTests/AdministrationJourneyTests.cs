namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class AdministrationJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_invites_an_official_in_Korean_disables_the_account_after_confirming_and_opens_the_jobs_dashboard_from_the_menu()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, await fixture.CreateUserAsync("Administrator"));

        await page.GotoAsync("/Admin/Users");
        var invitee = $"official-{Guid.NewGuid():N}@ckm.test";
        await page.FillAsync("input[name='Invite.DisplayName']", "Seo-yeon Kim");
        await page.FillAsync("input[name='Invite.Email']", invitee);
        await page.SelectOptionAsync("select[name='Invite.Role']", "TradeOfficial");
        await page.FillAsync("input[name='Invite.Organisation']", "KOTRA Toronto");
        await page.SelectOptionAsync("select[name='Invite.Language']", "ko");
        await BrowserFixture.ScreenshotAsync(page, "admin-users-invite");
        await page.ClickAsync("main form button[type=submit]");
        await BrowserFixture.WaitForLoadAsync(page);
        (await page.TextContentAsync("main table"))!.ShouldContain(invitee);
        (await fixture.MailToAsync(invitee)).ShouldHaveSingleItem().ShouldContain("CanadaKoreaMatch에 무역 담당관(으)로 초대되었습니다");

        var row = page.Locator($"tr[data-user='{invitee}']");
        await row.Locator("details.confirm summary", new() { HasText = "Disable" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "admin-users-disable-confirm");
        await row.Locator("[data-testid=disable]").ClickAsync();
        await BrowserFixture.WaitForLoadAsync(page);
        (await page.Locator($"tr[data-user='{invitee}'] .tag").TextContentAsync()).ShouldBe("Disabled");
        await BrowserFixture.ScreenshotAsync(page, "admin-users-disabled");

        await page.ClickAsync("header nav a[href='/admin/jobs']");
        await BrowserFixture.WaitForLoadAsync(page);
        await page.GotoAsync("/admin/jobs/recurring");
        var dashboard = (await page.TextContentAsync("body"))!;
        dashboard.ShouldContain("suggestion-refresh");
        dashboard.ShouldContain("mail-delivery");
        await BrowserFixture.ScreenshotAsync(page, "admin-jobs-recurring");
    }
}
