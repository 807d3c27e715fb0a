using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Every page renders in English, French and Korean; forms show field messages; user text is encoded; the plumbing endpoints answer.</summary>
public sealed partial class PagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly ConditionalWeakTable<AppFactory, Lazy<Task<Visitors>>> Cast = [];

    public static TheoryData<string, string> PagesInEachLanguage()
    {
        string[] pages =
        [
            "/", "/Account/Login", "/Account/Register", "/Companies", "/Companies/Details/{id}", "/Companies/Create",
            "/Companies/Edit/{id}", "/Companies/Mine", "/Companies/Import", "/Admin/Users",
        ];
        var data = new TheoryData<string, string>();
        foreach (var page in pages)
        {
            foreach (var culture in new[] { "en", "fr", "ko" })
            {
                data.Add(page, culture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task Every_page_renders_in_each_language_with_a_matching_html_lang(string page, string culture)
    {
        var visitors = await VisitorsAsync();
        var browser = page switch
        {
            "/Companies/Create" or "/Companies/Edit/{id}" or "/Companies/Mine" => visitors.Representative,
            "/Companies/Import" => visitors.Official,
            "/Admin/Users" => visitors.Administrator,
            _ => visitors.Anonymous,
        };
        var url = page.Replace("{id}", visitors.FirmId.ToString(), StringComparison.Ordinal) + "?culture=" + culture;

        var document = await browser.GetDocumentAsync(url);

        document.DocumentElement.GetAttribute("lang").ShouldBe(culture);
        document.QuerySelector("main h1")!.TextContent.Trim().ShouldNotBeEmpty();
        document.QuerySelector("nav.mainnav").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Companies")]
    [InlineData("/Account/Login")]
    public async Task The_korean_pages_show_hangul_in_the_navigation(string page)
    {
        var document = await (await VisitorsAsync()).Anonymous.GetDocumentAsync(page + "?culture=ko");

        var nav = document.QuerySelector("nav.mainnav")!.TextContent;
        Hangul().IsMatch(nav).ShouldBeTrue($"no Hangul in the Korean navigation: '{nav.Trim()}'");
    }

    [Fact]
    public async Task The_french_pages_are_translated()
    {
        var visitors = await VisitorsAsync();
        var english = (await visitors.Anonymous.GetDocumentAsync("/Account/Login?culture=en")).QuerySelector("main h1")!.TextContent;
        var french = (await visitors.Anonymous.GetDocumentAsync("/Account/Login?culture=fr")).QuerySelector("main h1")!.TextContent;

        french.ShouldNotBe(english);
    }

    [Fact]
    public async Task The_create_form_shows_field_messages_for_a_bad_ncage_and_website_and_saves_nothing()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var name = $"Form Firm {Guid.NewGuid():N}";

        var response = await browser.SubmitFormAsync("/Companies/Create",
        [
            ("Form.Name", name), ("Form.Country", "CA"), ("Form.Region", "Ontario"), ("Form.Size", "SME"),
            ("Form.Website", "ftp://example.com"), ("Form.Ncage", "12-45"), ("Form.Offers[0].Code", "MAR.MRO"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await BrowserlessClient.ParseAsync(response);
        BrowserlessClient.FieldError(page, "Form.Ncage").ShouldContain("NCAGE");
        BrowserlessClient.FieldError(page, "Form.Website").ShouldContain("http");
        BrowserlessClient.FieldError(page, "Form.Name").ShouldBeEmpty();
        (page.QuerySelector("input[name='Form.Name']") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value.ShouldBe(name);
        (await app.WithDbAsync(db => db.Companies.CountAsync(c => c.Name == name))).ShouldBe(0);
    }

    [Fact]
    public async Task The_create_form_registers_a_good_firm_and_shows_it()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var name = $"Form Firm {Guid.NewGuid():N}";

        var response = await browser.SubmitFormAsync("/Companies/Create",
        [
            ("Form.Name", name), ("Form.Country", "KR"), ("Form.Region", "Busan"), ("Form.Size", "LARGE"),
            ("Form.Website", "https://example.kr"), ("Form.Ncage", "k1234"), ("Form.Offers[0].Code", "MAR.MRO"), ("Form.Offers[0].Trl", "7"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)));
        var details = await browser.GetDocumentAsync(BrowserlessClient.RedirectTarget(response)!);
        details.QuerySelector("[data-testid=company-name]")!.TextContent.ShouldBe(name);
        details.QuerySelector("[data-testid=unverified]").ShouldNotBeNull();
        details.QuerySelector(".flash")!.TextContent.ShouldContain("A trade official will verify it");
        (await app.WithDbAsync(db => db.Companies.SingleAsync(c => c.Name == name))).Ncage.ShouldBe("K1234");
    }

    [Fact]
    public async Task A_firm_an_official_creates_on_the_form_is_said_to_be_verified_not_waiting_for_an_official()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var name = $"Official Form Firm {Guid.NewGuid():N}";

        var response = await browser.SubmitFormAsync("/Companies/Create",
        [
            ("Form.Name", name), ("Form.Country", "CA"), ("Form.Region", "Ontario"), ("Form.Size", "SME"), ("Form.Offers[0].Code", "MAR.MRO"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)));
        var details = await browser.GetDocumentAsync(BrowserlessClient.RedirectTarget(response)!);
        details.QuerySelector("[data-testid=unverified]").ShouldBeNull();
        var flash = details.QuerySelector(".flash")!.TextContent;
        flash.ShouldContain("verified");
        flash.ShouldNotContain("will verify");
        (await app.WithDbAsync(db => db.Companies.SingleAsync(c => c.Name == name))).VerifiedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_stale_edit_form_shows_a_conflict_and_keeps_the_newer_profile()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var api = await app.ClientForAsync(email);
        var name = $"Stale Firm {Guid.NewGuid():N}";
        var id = await api.RegisterCompanyAsync(Payloads.Company(name));
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var form = await browser.GetDocumentAsync($"/Companies/Edit/{id}");
        var version = form.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!;
        (await api.PutAsJsonAsync($"/api/v1/companies/{id}", Payloads.Company(name).With("description", "Newer text"))).EnsureSuccessStatusCode();

        var response = await browser.SubmitFormAsync($"/Companies/Edit/{id}", [("Form.Version", version), ("Form.Description", "Stale text")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)).ShouldContain("changed");
        var current = await (await api.GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        current["description"]!.GetValue<string>().ShouldBe("Newer text");
    }

    [Fact]
    public async Task The_representatives_emails_are_shown_only_to_members_and_officials()
    {
        var visitors = await VisitorsAsync();
        var url = $"/Companies/Details/{visitors.FirmId}";
        var email = visitors.RepresentativeEmail;

        (await visitors.Anonymous.GetDocumentAsync(url)).Body!.TextContent.ShouldNotContain(email);
        var outsider = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var other = await BrowserlessClient.SignedInAsync(app, outsider);
        (await other.GetDocumentAsync(url)).QuerySelector("main")!.TextContent.ShouldNotContain(email);
        (await visitors.Representative.GetDocumentAsync(url)).QuerySelector("main")!.TextContent.ShouldContain(email);
        (await visitors.Official.GetDocumentAsync(url)).QuerySelector("main")!.TextContent.ShouldContain(email);
    }

    [Fact]
    public async Task A_script_in_the_description_is_shown_as_text_on_the_details_page()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        const string description = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var id = await official.RegisterCompanyAsync(Payloads.Company("<b>Bold</b> Firm " + Guid.NewGuid().ToString("N")).With("description", description));

        var response = await app.CreateClient().GetAsync($"/Companies/Details/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        var page = await BrowserlessClient.ParseAsync(response);
        page.QuerySelectorAll("script").ShouldAllBe(s => !s.TextContent.Contains("alert(1)"));
        page.QuerySelectorAll("img[onerror]").ShouldBeEmpty();
        page.QuerySelector("main b").ShouldBeNull();
        page.QuerySelector("[data-testid=description]")!.TextContent.ShouldBe(description);
    }

    [Fact]
    public async Task An_official_verifies_a_firm_with_the_button_on_its_details_page()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var id = await rep.RegisterCompanyAsync();
        var official = (await VisitorsAsync()).Official;

        var response = await official.SubmitFormAsync($"/Companies/Details/{id}", [], "form[action*='handler=Verify']");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await official.GetDocumentAsync(BrowserlessClient.RedirectTarget(response)!);
        details.QuerySelector("[data-testid=unverified]").ShouldBeNull();
        (await app.CreateClient().GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_representative_sees_no_verify_button_and_cannot_post_the_verify_handler()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var id = await (await app.ClientForAsync(email)).RegisterCompanyAsync();
        using var rep = await BrowserlessClient.SignedInAsync(app, email);
        var page = await rep.GetDocumentAsync($"/Companies/Details/{id}");
        page.QuerySelector("form[action*='handler=Verify']").ShouldBeNull();
        var token = await rep.AntiforgeryTokenAsync($"/Companies/Details/{id}", "form[action*='handler=AddRepresentative']");

        var response = await rep.Http.PostAsync(new Uri($"/Companies/Details/{id}?handler=Verify", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            BrowserlessClient.RedirectTarget(response)!.ShouldStartWith("/Account/AccessDenied");
        }

        (await app.CreateClient().GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ko")]
    public async Task The_language_switch_sets_the_cookie_and_the_next_page_is_in_that_language(string culture)
    {
        using var browser = new BrowserlessClient(app);

        var response = await browser.SubmitFormAsync("/Companies", [("culture", culture)], "form[data-testid=language-switcher]");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        BrowserlessClient.RedirectTarget(response).ShouldBe("/Companies");
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith($".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}", StringComparison.Ordinal));
        var next = await browser.GetDocumentAsync("/Companies");
        next.DocumentElement.GetAttribute("lang").ShouldBe(culture);
    }

    [Fact]
    public async Task The_browser_language_is_used_when_the_visitor_has_not_chosen_one()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.AcceptLanguage.ParseAdd("ko-KR,ko;q=0.9,en;q=0.5");

        var response = await app.CreateClient().SendAsync(request);

        (await BrowserlessClient.ParseAsync(response)).DocumentElement.GetAttribute("lang").ShouldBe("ko");
    }

    [Fact]
    public async Task The_language_switch_ignores_an_unsupported_culture_and_a_foreign_return_url()
    {
        using var browser = new BrowserlessClient(app);

        var response = await browser.SubmitFormAsync("/", [("culture", "de"), ("returnUrl", "//evil.example/")], "form[data-testid=language-switcher]");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(response).ShouldBe("/");
        response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeFalse(string.Join("; ", cookies ?? []));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_endpoints_answer_200(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_company_endpoints_to_signed_in_users_only()
    {
        (await app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var reader = await app.ClientInRoleAsync(Roles.CompanyRepresentative);

        var response = await reader.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var document = await response.JsonAsync();
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/api/v1/companies");
        paths.ShouldContain("/api/v1/companies/{id}");
        paths.ShouldContain("/api/v1/companies/import");
    }

    [Fact]
    public async Task An_unknown_firm_in_the_api_is_a_404_problem()
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/companies/{Guid.NewGuid()}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem["status"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task An_unknown_firm_page_is_a_404()
    {
        (await app.CreateClient().GetAsync($"/Companies/Details/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();

    private Task<Visitors> VisitorsAsync() => Cast.GetValue(app, a => new Lazy<Task<Visitors>>(() => Visitors.CreateAsync(a))).Value;

    /// <summary>Signed-in browsers made once per database, and a verified firm the representative owns.</summary>
    private sealed class Visitors
    {
        public required BrowserlessClient Anonymous { get; init; }

        public required BrowserlessClient Representative { get; init; }

        public required BrowserlessClient Official { get; init; }

        public required BrowserlessClient Administrator { get; init; }

        public required Guid FirmId { get; init; }

        public required string RepresentativeEmail { get; init; }

        public static async Task<Visitors> CreateAsync(AppFactory app)
        {
            var rep = await app.CreateUserAsync(Roles.CompanyRepresentative);
            var official = await app.CreateUserAsync(Roles.TradeOfficial);
            var id = await (await app.ClientForAsync(rep)).RegisterCompanyAsync();
            var verify = await (await app.ClientForAsync(official)).PostAsync($"/api/v1/companies/{id}/verify", null);
            verify.EnsureSuccessStatusCode();
            return new Visitors
            {
                Anonymous = new BrowserlessClient(app),
                Representative = await BrowserlessClient.SignedInAsync(app, rep),
                Official = await BrowserlessClient.SignedInAsync(app, official),
                Administrator = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail),
                FirmId = id,
                RepresentativeEmail = rep,
            };
        }
    }
}
