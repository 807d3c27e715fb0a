using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Forum pages say what a firm can do now: before its registration window, after publication, and when a field is refused.</summary>
public sealed class ForumPageStateTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task Before_its_registration_window_an_open_forum_says_when_registration_opens_instead_of_offering_it()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var definition = kit.Definition(days: [kit.Today.AddDays(60)]);
        definition["registrationOpens"] = kit.Today.AddDays(10).ToString("yyyy-MM-dd");
        var forum = await kit.OpenForumAsync(organiser, definition);
        var firm = await kit.FirmAsync("CA");
        using var browser = await BrowserlessClient.SignedInAsync(app, firm.RepEmail);

        var page = await browser.GetDocumentAsync($"/Forums/{forum}");

        page.QuerySelector("[data-testid=registration-not-yet]")!.TextContent.ShouldContain(kit.Today.AddDays(10).ToString("yyyy-MM-dd"));
        page.QuerySelector("[data-testid=register]").ShouldBeNull();
    }

    [Fact]
    public async Task After_publication_the_registration_page_shows_the_registration_read_only_with_the_reason()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forum);
        await ForumKit.RegisterAsync(kr, forum);
        await ForumKit.AcceptedAsync(ca, kr, forum);
        using var browser = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        var before = await browser.GetDocumentAsync($"/Forums/{forum}/Register?companyId={ca.Id}");
        before.QuerySelector("[data-testid=registration-locked]").ShouldBeNull();
        before.QuerySelector("[data-testid=save-registration]").ShouldNotBeNull();

        await ForumKit.SetStatusAsync(organiser, forum, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forum);
        await ForumKit.PublishAsync(organiser, forum);
        var after = await browser.GetDocumentAsync($"/Forums/{forum}/Register?companyId={ca.Id}");

        after.QuerySelector("[data-testid=registration-locked]")!.TextContent.ShouldContain("the timetable is published");
        after.QuerySelector("[data-testid=save-registration]").ShouldBeNull();
        after.QuerySelector("[data-testid=registration-form] fieldset[disabled]").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("fr", "Donnez un nom au forum.")]
    [InlineData("ko", "포럼 이름을 입력하십시오.")]
    public async Task A_forum_saved_without_a_name_says_so_once_in_the_readers_language(string culture, string message)
    {
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        var organiser = await app.ClientForAsync(organiserEmail);
        var forum = await kit.OpenForumAsync(organiser);
        using var browser = await BrowserlessClient.SignedInAsync(app, organiserEmail);
        await browser.SubmitFormAsync("/Forums", [("culture", culture)], "form[data-testid=language-switcher]");

        var refused = await BrowserlessClient.ParseAsync(await browser.SubmitFormAsync($"/Forums/{forum}/Edit", [("Definition.Name", "")]));

        var errors = BrowserlessClient.Errors(refused);
        errors.ShouldContain(message);
        errors.ShouldNotContain("field is required");
        errors.ShouldNotContain("'Name'");
        refused.QuerySelector("main h1")!.TextContent.ShouldContain("Test forum", Case.Sensitive, "the heading names the forum as it is stored");
    }
}
