using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class TwoFactorJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_new_official_is_sent_to_set_up_an_authenticator_app_and_then_signs_in_with_its_code()
    {
        var email = await fixture.CreateUserAsync(Roles.TradeOfficial, twoFactor: false);
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SignInAsync(page, email);
        await page.GotoAsync("/Officials/Curation");
        page.Url.ShouldEndWith("/Account/TwoFactor");
        var qrLoaded = await page.EvaluateAsync<bool>("() => { const img = document.querySelector('[data-testid=qr-code]'); return img.complete && img.naturalWidth > 100; }");
        qrLoaded.ShouldBeTrue();
        var key = (await page.TextContentAsync("[data-testid=shared-key]"))!;
        await BrowserFixture.ScreenshotAsync(page, "two-factor-setup");

        await page.FillAsync("input[name=Code]", Authenticator.WrongCodeFor(key));
        await page.ClickAsync("main form button[type=submit]");
        (await page.TextContentAsync("#Code-error"))!.ShouldContain("not correct");
        await BrowserFixture.ScreenshotAsync(page, "two-factor-setup-wrong-code");

        await page.FillAsync("input[name=Code]", Authenticator.CodeFor(key));
        await page.ClickAsync("main form button[type=submit]");
        (await page.Locator("[data-testid=recovery-codes] li").CountAsync()).ShouldBe(10);
        await BrowserFixture.ScreenshotAsync(page, "two-factor-recovery-codes");

        await page.ClickAsync("header form[action='/Account/Logout'] button");
        await BrowserFixture.WaitForUrlAsync(page, url => !url.Contains("/Account/TwoFactor", StringComparison.Ordinal));
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", BrowserFixture.Password);
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(page, "two-factor-sign-in");
        await page.FillAsync("input[name=Code]", Authenticator.CodeFor(key));
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        await page.GotoAsync("/Officials/Curation");
        page.Url.ShouldEndWith("/Officials/Curation");
        await page.GotoAsync("/Account/TwoFactor");
        (await page.TextContentAsync("[data-testid=two-factor-status]"))!.ShouldContain("Two-factor sign-in is on");
        (await page.Locator("main form[action*='handler=Disable']").CountAsync()).ShouldBe(0, "an official cannot turn it off");
        await BrowserFixture.ScreenshotAsync(page, "two-factor-on-official");
    }

    [Theory]
    [InlineData("fr-CA", "Connexion à deux facteurs")]
    [InlineData("ko-KR", "2단계 로그인")]
    public async Task The_demo_organiser_signs_in_with_the_published_demo_key_in_french_and_korean(string locale, string heading)
    {
        var page = await fixture.NewPageAsync(locale);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name=Email]", "organiser@ckm.demo");
        await page.FillAsync("input[name=Password]", "Maple-Hanok-2025");
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
        (await page.TextContentAsync("main h1"))!.ShouldBe(heading);
        await BrowserFixture.ScreenshotAsync(page, $"two-factor-sign-in-{locale}");

        await page.FillAsync("input[name=Code]", Authenticator.CodeFor(CanadaKoreaMatch.Web.Data.DemoData.AuthenticatorKey));
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.GotoAsync("/Account/Manage");
        await BrowserFixture.ScreenshotAsync(page, $"account-{locale}");
        (await page.Locator("main form[data-testid=email-form]").CountAsync()).ShouldBe(1);
    }
}
