using System.Net;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed partial class ProfileJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_representative_signs_up_confirms_creates_a_profile_and_sees_it()
    {
        var page = await fixture.NewPageAsync();
        var email = $"journey-{Guid.NewGuid():N}@hanbit-marine.kr";
        await page.GotoAsync("/");
        await BrowserFixture.ScreenshotAsync(page, "home-en");
        await page.ClickAsync("header a[href='/Account/Register']");
        await page.FillAsync("#Input_DisplayName", "Lee Seo-yeon");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "long enough passphrase");
        await BrowserFixture.ScreenshotAsync(page, "register");
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Account/RegisterConfirmation", StringComparison.Ordinal));

        await page.GotoAsync(await ConfirmationLinkAsync(email));
        (await page.TextContentAsync("h1"))!.ShouldContain("Email confirmed");

        await BrowserFixture.SignInAsync(page, email, "long enough passphrase");
        await page.GotoAsync("/Companies/Mine");
        await page.ClickAsync("a[href='/Companies/Create']");
        await page.FillAsync("#Form_Name", "Hanbit Marine Systems");
        await page.SelectOptionAsync("#Form_Country", "KR");
        await page.FillAsync("#Form_Region", "Busan");
        await page.SelectOptionAsync("#Form_Size", "SME");
        await page.FillAsync("#Form_Website", "https://hanbit-marine.example.kr");
        await page.FillAsync("#Form_Description", "Submarine battery management systems and lithium-ion cells. <b>not bold</b>");
        await page.SelectOptionAsync("select[name='Form.Offers[0].Code']", "MAT.BATTERY");
        await page.SelectOptionAsync("select[name='Form.Offers[0].Trl']", "8");
        await page.FillAsync("input[name='Form.Offers[0].Note']", "Lithium-ion modules for KSS-III Batch-II");
        await page.SelectOptionAsync("select[name='Form.Seeks[0].Code']", "MFG.ILS");
        await page.CheckAsync("input[name='Form.Modes'][value='CO_PRODUCTION']");
        await page.CheckAsync("input[name='Form.Programmes'][value='CPSP']");
        await page.CheckAsync("input[name='Form.Compliance'][value='DAPA']");
        await BrowserFixture.ScreenshotAsync(page, "create-profile");
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Companies/Details/", StringComparison.Ordinal));

        (await page.TextContentAsync("[data-testid=company-name]")).ShouldBe("Hanbit Marine Systems");
        (await page.IsVisibleAsync("[data-testid=unverified]")).ShouldBeTrue();
        (await page.TextContentAsync("[data-testid=description]"))!.ShouldContain("<b>not bold</b>");
        (await page.ContentAsync()).ShouldContain("MAT.BATTERY");
        await BrowserFixture.ScreenshotAsync(page, "details-own");
    }

    [Fact]
    public async Task Field_errors_are_shown_next_to_the_fields_and_nothing_is_saved()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, await fixture.CreateUserAsync(Roles.CompanyRepresentative));
        await page.GotoAsync("/Companies/Create");
        await page.FillAsync("#Form_Name", "Northern Lights Sensing");
        await page.SelectOptionAsync("#Form_Country", "CA");
        await page.SelectOptionAsync("#Form_Size", "SME");
        await page.FillAsync("#Form_Ncage", "12-4");
        await page.FillAsync("#Form_Website", "ftp://files");
        await page.SelectOptionAsync("select[name='Form.Offers[0].Code']", "SENS.RADAR");
        await page.ClickAsync("form.stack button[type=submit]");

        page.Url.ShouldContain("/Companies/Create");
        (await page.TextContentAsync("[data-valmsg-for='Form.Ncage']"))!.ShouldContain("5 letters or digits");
        (await page.TextContentAsync("[data-valmsg-for='Form.Website']"))!.ShouldContain("https://");
        (await page.InputValueAsync("#Form_Name")).ShouldBe("Northern Lights Sensing");
        await BrowserFixture.ScreenshotAsync(page, "create-errors");

        await page.GotoAsync("/Companies/Mine");
        (await page.ContentAsync()).ShouldNotContain("Northern Lights Sensing");
    }

    [Fact]
    public async Task An_official_withholds_a_verification_and_the_firm_reads_why_in_its_language()
    {
        var representative = await fixture.NewPageAsync("fr-CA");
        await BrowserFixture.SignInAsync(representative, await fixture.CreateUserAsync(Roles.CompanyRepresentative));
        await representative.GotoAsync("/Companies/Create");
        await representative.FillAsync("#Form_Name", "Laurentides Propulsion Navale");
        await representative.SelectOptionAsync("#Form_Country", "CA");
        await representative.FillAsync("#Form_Region", "Québec");
        await representative.SelectOptionAsync("#Form_Size", "SME");
        await representative.SelectOptionAsync("select[name='Form.Offers[0].Code']", "MAR.MRO");
        await representative.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(representative, url => url.Contains("/Companies/Details/", StringComparison.Ordinal));
        var firmPage = new Uri(representative.Url).PathAndQuery;

        var official = await fixture.NewPageAsync("fr-CA");
        await BrowserFixture.SignInAsync(official, "official.ccc@ckm.demo", AccessibilityTests.DemoPassword);
        await official.GotoAsync(firmPage);
        await official.FillAsync("#withhold-reason", "Le numéro d'inscription au Programme des marchandises contrôlées manque : ajoutez-le à la description.");
        await official.ClickAsync("[data-testid=withhold-verification]");
        await BrowserFixture.WaitForLoadAsync(official);
        (await official.TextContentAsync("[data-testid=verification-withheld]"))!.ShouldContain("Programme des marchandises contrôlées");
        await BrowserFixture.ScreenshotAsync(official, "verification-withheld-official-fr");

        await representative.ReloadAsync();
        var card = (await representative.TextContentAsync("[data-testid=verification-withheld]"))!;
        card.ShouldContain("Vérification non accordée");
        card.ShouldContain("ajoutez-le à la description");
        (await representative.IsVisibleAsync("[data-testid=withhold-verification]")).ShouldBeFalse();
        await BrowserFixture.ScreenshotAsync(representative, "verification-withheld-firm-fr");
    }

    [Fact]
    public async Task Another_firms_representative_is_refused_the_edit_page()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "rep.hanwhaocean@ckm.demo", "Maple-Hanok-2025");
        await page.GotoAsync("/Companies?search=CAE");
        await page.ClickAsync("[data-testid=companies] a:text-is('CAE')");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Companies/Details/", StringComparison.Ordinal));
        (await page.IsVisibleAsync("[data-testid=edit]")).ShouldBeFalse();
        var editUrl = page.Url.Replace("/Details/", "/Edit/", StringComparison.Ordinal);

        var response = await page.GotoAsync(editUrl);
        page.Url.ShouldContain("/Account/AccessDenied");
        response!.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        await BrowserFixture.ScreenshotAsync(page, "access-denied");
    }

    [Fact]
    public async Task The_language_switch_changes_the_interface_and_remembers_it()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Companies");
        await page.ClickAsync("[data-testid=language-switcher] button[value=ko]");
        await BrowserFixture.WaitForLoadAsync(page);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("ko");
        HangulPattern().IsMatch((await page.TextContentAsync("header nav"))!).ShouldBeTrue();
        await BrowserFixture.ScreenshotAsync(page, "companies-ko");

        await page.GotoAsync("/");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("ko");
        await page.ClickAsync("[data-testid=language-switcher] button[value=fr]");
        await BrowserFixture.WaitForLoadAsync(page);
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("fr");
        (await page.TextContentAsync("header nav"))!.ShouldContain("Entreprises");
        await BrowserFixture.ScreenshotAsync(page, "home-fr");
    }

    private async Task<string> ConfirmationLinkAsync(string email)
    {
        var message = (await fixture.MailToAsync(email))[^1];
        // Links are built from App:BaseUrl; the browser follows the path on the test server.
        return new Uri(WebUtility.HtmlDecode(LinkPattern().Match(message).Groups[1].Value)).PathAndQuery;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex HangulPattern();
}
