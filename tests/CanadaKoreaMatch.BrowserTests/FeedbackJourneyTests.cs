using System.Text.RegularExpressions;

namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed partial class FeedbackJourneyTests(BrowserFixture fixture)
{
    private const string DemoPassword = "Maple-Hanok-2025";
    private const string KoreanRep = "rep.hanwhaocean@ckm.demo";
    private const string DemoForum = "Canada–Korea Defence Industry Cooperation Forum";

    [Fact]
    public async Task A_representative_reports_a_no_show_from_the_feedback_email_and_the_official_sees_it_on_the_dashboard()
    {
        try
        {
            // The demo forum is published for 45 days from now: move past its day, when the feedback requests fall due.
            fixture.Clock.Advance(TimeSpan.FromDays(47));
            (await fixture.DispatchFollowUpsAsync()).ShouldBeGreaterThan(0);
            var feedbackMail = (await fixture.MailToAsync(KoreanRep)).First(m => FeedbackLink().IsMatch(m) && m.Contains(DemoForum, StringComparison.Ordinal));
            var link = new Uri(FeedbackLink().Match(feedbackMail).Groups["link"].Value).PathAndQuery;

            var korean = await fixture.NewPageAsync("ko-KR");
            await korean.GotoAsync(link);
            var summary = await korean.TextContentAsync("[data-testid=meeting-summary]");
            summary.ShouldNotBeNull();
            summary.ShouldContain("Hanwha Ocean");
            await BrowserFixture.ScreenshotAsync(korean, "feedback-form-ko");

            // Sending without an answer names the missing field; nothing is recorded and the link still works.
            await korean.ClickAsync("[data-testid=submit-feedback]");
            (await korean.TextContentAsync("[data-testid=feedback-form]"))!.ShouldContain("상담이 열렸는지 알려 주십시오.");

            await korean.CheckAsync("[data-testid=attendance-OtherSideAbsent]");
            await korean.FillAsync("textarea[name=NextStep]", "다음 포럼에서 다시 일정을 잡겠습니다.");
            await korean.ClickAsync("[data-testid=submit-feedback]");
            await korean.Locator("[data-testid=feedback-saved]").WaitForAsync();
            await BrowserFixture.ScreenshotAsync(korean, "feedback-saved-ko");

            // The link works once.
            await korean.GotoAsync(link);
            (await korean.Locator("[data-testid=link-status]").CountAsync()).ShouldBe(1);
            (await korean.Locator("[data-testid=feedback-form]").CountAsync()).ShouldBe(0);

            var official = await fixture.NewPageAsync();
            await BrowserFixture.SignInAsync(official, "official.ccc@ckm.demo", DemoPassword);
            await official.GotoAsync("/Officials/Dashboard");
            var row = official.Locator("[data-testid=forum-figures]", new() { HasText = DemoForum });
            (await row.CountAsync()).ShouldBe(1);
            (await row.Locator("[data-testid=no-show-rate]").TextContentAsync())!.ShouldContain("(1)");
            (await row.Locator("[data-testid=feedback-rate]").TextContentAsync())!.ShouldContain("(1)");
            await row.ScrollIntoViewIfNeededAsync();
            await BrowserFixture.ScreenshotAsync(official, "officials-dashboard-forum-follow-ups");
            var forumPath = await row.Locator("a").First.GetAttributeAsync("href");

            // Signed in, a representative records from the agenda that a meeting went well, then what came of it.
            var cae = await fixture.NewPageAsync("fr-CA");
            await BrowserFixture.SignInAsync(cae, "rep.cae@ckm.demo", DemoPassword);
            await cae.GotoAsync(forumPath + "/Agenda");
            await cae.Locator("[data-testid=give-feedback]").First.ClickAsync();
            await cae.CheckAsync("[data-testid=attendance-TookPlace]");
            await cae.CheckAsync("[data-testid=rating-5]");
            await cae.CheckAsync("[data-testid=promising]");
            await cae.ClickAsync("[data-testid=submit-feedback]");
            await cae.Locator("[data-testid=outcome-form]").WaitForAsync();
            (await cae.TextContentAsync("[data-testid=recorded]"))!.ShouldContain("Rencontre");

            // An outcome sent without its answer comes back with the message in its own form, the recorded feedback still shown.
            await cae.ClickAsync("[data-testid=submit-outcome]");
            await cae.Locator("[data-testid=outcome-form] [data-testid=form-errors]").WaitForAsync();
            (await cae.Locator("[data-testid=feedback-form] [data-testid=form-errors]").CountAsync()).ShouldBe(0);
            (await cae.IsCheckedAsync("[data-testid=attendance-TookPlace]")).ShouldBeTrue();
            (await cae.IsCheckedAsync("[data-testid=rating-5]")).ShouldBeTrue();
            (await cae.IsCheckedAsync("[data-testid=promising]")).ShouldBeTrue();
            await BrowserFixture.ScreenshotAsync(cae, "meeting-outcome-refused-fr");

            await cae.CheckAsync("[data-testid=outcome-JointBid]");
            await cae.ClickAsync("[data-testid=submit-outcome]");
            await cae.Locator("[data-testid=outcome-JointBid]:checked").WaitForAsync();
            (await cae.TextContentAsync("[data-testid=recorded]"))!.ShouldContain("Résultat");
            await BrowserFixture.ScreenshotAsync(cae, "meeting-feedback-fr");

            await official.ReloadAsync();
            (await row.Locator("[data-testid=outcome-JointBid]").TextContentAsync())!.Trim().ShouldBe("1");
            (await row.Locator("[data-testid=promising]").TextContentAsync())!.Trim().ShouldBe("1");

            var organiser = await fixture.NewPageAsync();
            await BrowserFixture.SignInAsync(organiser, "organiser@ckm.demo", DemoPassword);
            await organiser.GotoAsync(forumPath + "/Dashboard");
            var stats = (await organiser.TextContentAsync("[data-testid=forum-follow-up-stats]"))!;
            stats.ShouldContain("(1)");
            stats.ShouldContain("Joint bid 1");
            await BrowserFixture.ScreenshotAsync(organiser, "forum-dashboard-after-meetings");
        }
        finally
        {
            fixture.Clock.Reset();
        }
    }

    [GeneratedRegex("href=\"(?<link>[^\"]*/feedback/[^\"]+)\"")]
    private static partial Regex FeedbackLink();
}
