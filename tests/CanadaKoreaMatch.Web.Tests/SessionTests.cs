using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Sessions: signing out, a password change or an administrator's action end every other cookie and token; privileged sign-ins last 8 hours.</summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string MyPage = "/Companies/Mine";
    private const string MyNotifications = "/api/v1/me/notifications";

    [Fact]
    public async Task Signing_out_ends_the_accounts_sessions_and_tokens_on_other_devices()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var (other, api, refreshToken) = await OtherDevicesAsync(email);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        await browser.SubmitFormAsync("/", [], "form[action='/Account/Logout']");

        await ShouldBeSignedOutAsync(other, api, refreshToken);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        var (other, api, refreshToken) = await OtherDevicesAsync(email);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        var wrong = await browser.SubmitFormAsync("/Account/Manage", [("Password.Current", "not my password at all"), ("Password.New", "a brand new passphrase")], PasswordForm);
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(wrong), "Password.Current").ShouldBe("The current password is not correct.");
        (await other.Http.GetAsync(new Uri(MyPage, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, "a refused change ends nothing");

        var changed = await browser.SubmitFormAsync("/Account/Manage", [("Password.Current", AppFactory.Password), ("Password.New", "a brand new passphrase")], PasswordForm);

        BrowserlessClient.RedirectTarget(changed).ShouldBe("/Account/Manage");
        (await browser.Http.GetAsync(new Uri("/Companies/Import", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeSignedOutAsync(other, api, refreshToken, "/Companies/Import");
    }

    [Theory]
    [InlineData("fr", "Utilisez au moins 12 caractères.")]
    [InlineData("ko", "12자 이상 입력하십시오.")]
    public async Task A_new_password_too_short_is_refused_in_the_readers_language_and_the_old_one_stays(string culture, string expected)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var refused = await browser.SubmitFormAsync("/Account/Manage", [("Password.Current", AppFactory.Password), ("Password.New", "too short")], PasswordForm);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(refused), "Password.New").ShouldBe(expected);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = AppFactory.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_security_stamp_from_an_administrator_ends_the_sessions_and_tokens_at_once()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var (other, api, refreshToken) = await OtherDevicesAsync(email);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!);
        }

        await ShouldBeSignedOutAsync(other, api, refreshToken);
    }

    [Fact]
    public async Task A_privileged_sign_in_ends_eight_hours_after_signing_in_however_active_while_a_representatives_slides()
    {
        var official = await app.CreateUserAsync(Roles.TradeOfficial);
        var representative = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var officialBrowser = await BrowserlessClient.SignedInAsync(app, official);
        using var representativeBrowser = await BrowserlessClient.SignedInAsync(app, representative);
        try
        {
            app.Clock.Advance(TimeSpan.FromHours(7.5));
            (await officialBrowser.Http.GetAsync(new Uri("/Companies/Import", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await representativeBrowser.Http.GetAsync(new Uri(MyPage, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

            app.Clock.Advance(TimeSpan.FromMinutes(31));

            var expired = await officialBrowser.Http.GetAsync(new Uri("/Companies/Import", UriKind.Relative));
            BrowserlessClient.RedirectTarget(expired)!.ShouldStartWith("/Account/Login");
            (await representativeBrowser.Http.GetAsync(new Uri(MyPage, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            using var again = await BrowserlessClient.SignedInAsync(app, official);
            (await again.Http.GetAsync(new Uri("/Companies/Import", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Changing_the_email_needs_the_password_and_takes_effect_from_the_link_sent_to_the_new_address()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var newEmail = $"moved-{Guid.NewGuid():N}@ckm.test";
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        var refused = await browser.SubmitFormAsync("/Account/Manage", [("Email.New", newEmail), ("Email.Password", "not my password at all")], EmailForm);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(refused), "Email.Password").ShouldBe("The current password is not correct.");
        var missing = await browser.SubmitFormAsync("/Account/Manage", [("Email.New", newEmail), ("Email.Password", "")], EmailForm);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(missing), "Email.Password").ShouldNotBeEmpty();
        (await app.MailToAsync(newEmail)).ShouldBeEmpty();

        var asked = await browser.SubmitFormAsync("/Account/Manage", [("Email.New", newEmail), ("Email.Password", AppFactory.Password)], EmailForm);
        BrowserlessClient.RedirectTarget(asked).ShouldBe("/Account/Manage");
        (await AccountNamesAsync(newEmail)).ShouldBeNull("nothing changes before the link is opened");

        var link = await app.LinkSentToAsync(newEmail);
        link.ShouldStartWith("/Account/ConfirmEmailChange?");
        (await browser.GetDocumentAsync(link)).QuerySelector("main h1")!.TextContent.ShouldBe("E-mail address changed");
        (await AccountNamesAsync(newEmail)).ShouldBe((newEmail, newEmail));
        (await browser.Http.GetAsync(new Uri(MyPage, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var later = await BrowserlessClient.SignedInAsync(app, newEmail);
        using var old = new BrowserlessClient(app);
        (await old.SignInAsync(email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old address no longer signs in");
    }

    [Theory]
    [InlineData("o'neil")]
    [InlineData("élise")]
    public async Task An_address_with_an_apostrophe_or_an_accent_becomes_both_the_email_and_the_sign_in_name(string local)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var newEmail = $"{local}-{Guid.NewGuid():N}@ckm.test";
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        var asked = await browser.SubmitFormAsync("/Account/Manage", [("Email.New", newEmail), ("Email.Password", AppFactory.Password)], EmailForm);
        BrowserlessClient.RedirectTarget(asked).ShouldBe("/Account/Manage");
        (await browser.GetDocumentAsync(await app.LinkSentToAsync(newEmail))).QuerySelector("main h1")!.TextContent.ShouldBe("E-mail address changed");

        (await AccountNamesAsync(newEmail)).ShouldBe((newEmail, newEmail));
        using var later = await BrowserlessClient.SignedInAsync(app, newEmail);
    }

    [Fact]
    public async Task The_api_refuses_an_email_change_without_the_current_password()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var newEmail = $"moved-{Guid.NewGuid():N}@ckm.test";
        using var api = await app.ClientForAsync(email);

        var missing = await api.PostAsJsonAsync("/api/v1/auth/manage/info", new { newEmail });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.JsonAsync()).ErrorFields().ShouldBe(["oldPassword"]);
        var wrong = await api.PostAsJsonAsync("/api/v1/auth/manage/info", new { newEmail, oldPassword = "not my password at all" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.MailToAsync(newEmail)).ShouldBeEmpty();

        var right = await api.PostAsJsonAsync("/api/v1/auth/manage/info", new { newEmail = $" {newEmail}  ", oldPassword = AppFactory.Password });

        right.StatusCode.ShouldBe(HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
        (await app.MailToAsync(newEmail)).ShouldHaveSingleItem().ShouldContain("Confirm your new e-mail address");
        (await app.CreateClient().GetAsync(await app.LinkSentToAsync(newEmail))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AccountNamesAsync(newEmail)).ShouldBe((newEmail, newEmail), "the address is kept without the spaces typed around it");
    }

    private const string PasswordForm = "main form[data-testid=password-form]";
    private const string EmailForm = "main form[data-testid=email-form]";

    /// <summary>A second browser and a program (access and refresh token) of the same account, checked to work.</summary>
    private async Task<(BrowserlessClient Browser, HttpClient Api, string RefreshToken)> OtherDevicesAsync(string email)
    {
        var browser = await BrowserlessClient.SignedInAsync(app, email);
        var api = app.CreateClient();
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", await app.LoginAsync(email));
        var tokens = await login.JsonAsync();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        (await browser.Http.GetAsync(new Uri("/Forums", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync(new Uri(MyNotifications, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (browser, api, tokens["refreshToken"]!.GetValue<string>());
    }

    private async Task ShouldBeSignedOutAsync(BrowserlessClient browser, HttpClient api, string refreshToken, string page = "/Forums")
    {
        var response = await browser.Http.GetAsync(new Uri(page, UriKind.Relative));
        BrowserlessClient.RedirectTarget(response)!.ShouldStartWith("/Account/Login");
        (await api.GetAsync(new Uri(MyNotifications, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        browser.Dispose();
        api.Dispose();
    }

    /// <summary>The e-mail address and user name of the account with this address, or null.</summary>
    private async Task<(string?, string?)?> AccountNamesAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user is null ? null : (user.Email, user.UserName);
    }
}
