using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Two-factor sign-in with an authenticator app: set-up, the sign-in step, recovery codes, the rule for privileged roles.</summary>
public sealed class TwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string SetupPage = "/Account/TwoFactor";

    [Fact]
    public async Task A_representative_turns_on_two_factor_with_the_code_from_the_app_and_signing_in_then_asks_for_it()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var setup = await browser.GetDocumentAsync(SetupPage);
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        key.Replace(" ", "", StringComparison.Ordinal).Length.ShouldBe(32);
        var qr = await browser.Http.GetAsync(new Uri(setup.QuerySelector("[data-testid=qr-code]")!.GetAttribute("src")!, UriKind.Relative));
        qr.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");

        var wrong = await browser.SubmitFormAsync(SetupPage, [("Code", Authenticator.WrongCodeFor(key))]);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(wrong), "Code").ShouldContain("not correct");
        (await TwoFactorEnabledAsync(email)).ShouldBeFalse();

        var enabled = await BrowserlessClient.ParseAsync(await browser.SubmitFormAsync(SetupPage, [("Code", Authenticator.CodeFor(key))]));
        enabled.QuerySelectorAll("[data-testid=recovery-codes] li").Length.ShouldBe(10);
        (await TwoFactorEnabledAsync(email)).ShouldBeTrue();
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == Common.Security.SecurityEvents.EntityType
            && a.Action == nameof(Common.Security.SecurityEventKind.TwoFactorEnabled) && a.After!.Contains(email)))).ShouldBe(1, "the audit trail records it");
        (await browser.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, "the session that turned it on goes on");

        using var later = new BrowserlessClient(app);
        var password = await later.SignInAsync(email, AppFactory.Password);
        var step = BrowserlessClient.RedirectTarget(password)!;
        step.ShouldStartWith("/Account/LoginWith2fa");
        (await later.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the password alone opens nothing");
        var badCode = await later.SubmitFormAsync(step, [("Code", Authenticator.WrongCodeFor(key))]);
        badCode.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(badCode), "Code").ShouldNotBeEmpty();
        var signedIn = await later.SubmitFormAsync(step, [("Code", Authenticator.CodeFor(key))]);
        BrowserlessClient.RedirectTarget(signedIn).ShouldBe("/");
        (await later.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = AppFactory.Password });
        (await api.Content.ReadAsStringAsync()).ShouldContain("RequiresTwoFactor");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var codes = await TurnOnThroughThePageAsync(email);

        using var first = new BrowserlessClient(app);
        var step = BrowserlessClient.RedirectTarget(await first.SignInAsync(email, AppFactory.Password))!;
        var link = (await first.GetDocumentAsync(step)).QuerySelector("main a[href*='LoginWithRecoveryCode']")!.GetAttribute("href")!;
        var recovered = await first.SubmitFormAsync(link, [("RecoveryCode", codes[3].ToLowerInvariant())]);
        BrowserlessClient.RedirectTarget(recovered).ShouldBe("/");
        (await first.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var second = new BrowserlessClient(app);
        await second.SignInAsync(email, AppFactory.Password);
        var again = await second.SubmitFormAsync("/Account/LoginWithRecoveryCode", [("RecoveryCode", codes[3])]);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(again), "RecoveryCode").ShouldContain("already been used");
        (await RecoveryCodesLeftAsync(email)).ShouldBe(9);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.TradeOfficial)]
    [InlineData(Roles.ForumOrganiser)]
    public async Task A_privileged_user_without_two_factor_is_sent_to_set_it_up_and_the_api_answers_403(string role)
    {
        var email = await app.CreateUserAsync(role, twoFactor: false);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        foreach (var page in new[] { "/", "/Forums", "/Companies", "/Account/Manage" })
        {
            var response = await browser.Http.GetAsync(new Uri(page, UriKind.Relative));
            BrowserlessClient.RedirectTarget(response).ShouldBe(SetupPage, page);
        }

        var setup = await browser.GetDocumentAsync(SetupPage);
        setup.QuerySelector("main [role=alert]")!.TextContent.ShouldContain("must sign in with an authenticator app");

        using var api = await app.ClientForAsync(email);
        var forums = await api.GetAsync(new Uri("/api/v1/forums", UriKind.Relative));
        forums.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forums.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await forums.JsonAsync())["title"]!.GetValue<string>().ShouldBe("Two-factor sign-in required");

        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        await browser.SubmitFormAsync(SetupPage, [("Code", Authenticator.CodeFor(key))]);
        (await browser.Http.GetAsync(new Uri("/Forums", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var after = await app.ClientForAsync(email);
        (await after.GetAsync(new Uri("/api/v1/forums", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_privileged_user_cannot_turn_two_factor_off_on_the_page_or_through_the_api()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var page = await browser.GetDocumentAsync(SetupPage);
        page.QuerySelector("form[action*='handler=Disable']").ShouldBeNull();
        var token = await browser.AntiforgeryTokenAsync(SetupPage);

        var posted = await browser.Http.PostAsync(new Uri(SetupPage + "?handler=Disable", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        BrowserlessClient.RedirectTarget(posted)!.ShouldStartWith("/Account/AccessDenied");

        using var api = await app.ClientForAsync(email);
        var off = await api.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { enable = false });
        off.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reset = await api.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { resetSharedKey = true });
        reset.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TwoFactorEnabledAsync(email)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_representative_can_turn_two_factor_off_and_then_signs_in_with_the_password_alone()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        await TurnOnThroughThePageAsync(email);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        var off = await browser.SubmitFormAsync(SetupPage, [], "main form[action*='handler=Disable']");

        BrowserlessClient.RedirectTarget(off).ShouldBe(SetupPage);
        (await TwoFactorEnabledAsync(email)).ShouldBeFalse();
        using var later = new BrowserlessClient(app);
        BrowserlessClient.RedirectTarget(await later.SignInAsync(email, AppFactory.Password)).ShouldBe("/");
    }

    /// <summary>Sets up two-factor sign-in on the page as its owner would; returns the recovery codes shown.</summary>
    private async Task<IReadOnlyList<string>> TurnOnThroughThePageAsync(string email)
    {
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var key = (await browser.GetDocumentAsync(SetupPage)).QuerySelector("[data-testid=shared-key]")!.TextContent;
        var shown = await BrowserlessClient.ParseAsync(await browser.SubmitFormAsync(SetupPage, [("Code", Authenticator.CodeFor(key))]));
        return shown.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
    }

    private async Task<bool> TwoFactorEnabledAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.TwoFactorEnabled;
    }

    private async Task<int> RecoveryCodesLeftAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(email))!);
    }
}
