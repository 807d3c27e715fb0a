using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Tests.Infrastructure;

namespace CanadaKoreaMatch.Web.Tests;

public enum Actor
{
    Anonymous,
    AnotherFirmsRepresentative,
    OwnRepresentative,
    TradeOfficial,
    ForumOrganiser,
    Administrator,
}

public enum PageOutcome
{
    /// <summary>200 with the page.</summary>
    Shown,

    /// <summary>302 to /Account/Login.</summary>
    SignInRequired,

    /// <summary>302 to /Account/AccessDenied, or 403.</summary>
    Denied,

    /// <summary>404: the firm is hidden from this actor.</summary>
    Hidden,

    /// <summary>302 back to the page: the action was carried out.</summary>
    Redirected,
}

/// <summary>
/// Who may do what to a firm, cell by cell: every company endpoint of the API and every protected page, for each kind of actor.
/// "Own representative" represents the firm under test; "another firm's representative" represents a different firm.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Created = HttpStatusCode.Created;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode Accepted = HttpStatusCode.Accepted;
    private const HttpStatusCode NoContent = HttpStatusCode.NoContent;

    private static readonly ConditionalWeakTable<AppFactory, Lazy<Task<Actors>>> Cast = [];

    /// <summary>Expected status per actor, in the order Anonymous, another firm's rep, own rep, official, organiser, administrator.</summary>
    private static readonly (string Endpoint, HttpStatusCode[] Expected)[] ApiRules =
    [
        ("GET /api/v1/companies/{id} (unverified firm)", [NotFound, NotFound, Ok, Ok, NotFound, Ok]),
        ("GET /api/v1/companies/{id} (verified firm)", [Ok, Ok, Ok, Ok, Ok, Ok]),
        ("PUT /api/v1/companies/{id} (verified firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Ok]),
        ("PUT /api/v1/companies/{id} (unverified firm)", [Unauthorized, NotFound, Ok, Forbidden, NotFound, Ok]),
        ("POST /api/v1/companies/{id}/verify", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /api/v1/companies/{id}/withhold-verification (verified firm)", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /api/v1/companies/{id}/withhold-verification (unverified firm)", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /api/v1/companies/{id}/representatives", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Ok]),
        ("POST /api/v1/companies/import", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /api/v1/companies/export", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /api/v1/companies", [Ok, Ok, Ok, Ok, Ok, Ok]),
        ("GET /api/v1/matching/labels/export", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /api/v1/companies", [Unauthorized, Created, Created, Created, Forbidden, Created]),
        ("DELETE /api/v1/companies/{id}/representatives/{userId} (verified firm)", [Unauthorized, Forbidden, NoContent, Forbidden, Forbidden, NoContent]),
        ("GET /api/v1/users", [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        ("POST /api/v1/users/invitations", [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Accepted]),
        ("POST /api/v1/users/{id}/disable", [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        ("POST /api/v1/users/{id}/enable", [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        ("DELETE /api/v1/users/{id}/roles/{role}", [Unauthorized, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
    ];

    private static readonly (string Page, PageOutcome[] Expected)[] PageRules =
    [
        ("/Companies/Details/{id} (unverified firm)", [PageOutcome.Hidden, PageOutcome.Hidden, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Hidden, PageOutcome.Shown]),
        ("/Companies/Details/{id} (verified firm)", [PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown]),
        ("/Companies/Edit/{id} (verified firm)", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Shown, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Shown]),
        ("/Companies/Edit/{id} (unverified firm)", [PageOutcome.SignInRequired, PageOutcome.Hidden, PageOutcome.Shown, PageOutcome.Denied, PageOutcome.Hidden, PageOutcome.Shown]),
        ("/Companies/Import", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Shown, PageOutcome.Denied, PageOutcome.Shown]),
        ("/Admin/Users", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Shown]),
        ("POST /Admin/Users?handler=Disable", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Redirected]),
        ("POST /Admin/Users?handler=WithdrawRole", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Redirected]),
        ("POST /Companies/Details/{id}?handler=RemoveRepresentative (verified firm)", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Redirected, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Redirected]),
    ];

    public static TheoryData<string, Actor, HttpStatusCode> ApiCells()
    {
        var data = new TheoryData<string, Actor, HttpStatusCode>();
        foreach (var (endpoint, expected) in ApiRules)
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                data.Add(endpoint, actor, expected[(int)actor]);
            }
        }

        return data;
    }

    public static TheoryData<string, Actor, PageOutcome> PageCells()
    {
        var data = new TheoryData<string, Actor, PageOutcome>();
        foreach (var (page, expected) in PageRules)
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                data.Add(page, actor, expected[(int)actor]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiCells))]
    public async Task Each_actor_gets_the_expected_status_from_each_company_endpoint(string endpoint, Actor actor, HttpStatusCode expected)
    {
        var cast = await CastAsync();
        var client = cast.Api(actor);
        var response = endpoint switch
        {
            "GET /api/v1/companies/{id} (unverified firm)" => await client.GetAsync($"/api/v1/companies/{(await cast.NewFirmAsync(verified: false)).Id}"),
            "GET /api/v1/companies/{id} (verified firm)" => await client.GetAsync($"/api/v1/companies/{(await cast.NewFirmAsync(verified: true)).Id}"),
            "PUT /api/v1/companies/{id} (verified firm)" => await PutAsync(client, await cast.NewFirmAsync(verified: true)),
            "PUT /api/v1/companies/{id} (unverified firm)" => await PutAsync(client, await cast.NewFirmAsync(verified: false)),
            "POST /api/v1/companies/{id}/verify" => await client.PostAsync($"/api/v1/companies/{(await cast.NewFirmAsync(verified: false)).Id}/verify", null),
            "POST /api/v1/companies/{id}/withhold-verification (verified firm)" => await client.PostAsJsonAsync(
                $"/api/v1/companies/{(await cast.NewFirmAsync(verified: true)).Id}/withhold-verification", new { reason = "Registration lapsed." }),
            "POST /api/v1/companies/{id}/withhold-verification (unverified firm)" => await client.PostAsJsonAsync(
                $"/api/v1/companies/{(await cast.NewFirmAsync(verified: false)).Id}/withhold-verification", new { reason = "Not the firm's own profile." }),
            "POST /api/v1/companies/{id}/representatives" => await client.PostAsJsonAsync(
                $"/api/v1/companies/{(await cast.NewFirmAsync(verified: true)).Id}/representatives", new { email = cast.ColleagueEmail }),
            "POST /api/v1/companies/import" => await client.PostAsync("/api/v1/companies/import", new StringContent(OneRowCsv(), Encoding.UTF8, "text/csv")),
            "GET /api/v1/companies/export" => await client.GetAsync("/api/v1/companies/export"),
            "GET /api/v1/companies" => await client.GetAsync("/api/v1/companies"),
            "GET /api/v1/matching/labels/export" => await client.GetAsync("/api/v1/matching/labels/export"),
            "POST /api/v1/companies" => await client.PostAsJsonAsync("/api/v1/companies", Payloads.Company()),
            "DELETE /api/v1/companies/{id}/representatives/{userId} (verified firm)" => await RemoveColleagueAsync(cast, client),
            "GET /api/v1/users" => await client.GetAsync("/api/v1/users"),
            "POST /api/v1/users/invitations" => await client.PostAsJsonAsync("/api/v1/users/invitations",
                new { displayName = "Matrix Invitee", email = $"invitee-{Guid.NewGuid():N}@ckm.test", role = Roles.TradeOfficial }),
            "POST /api/v1/users/{id}/disable" => await client.PostAsync($"/api/v1/users/{await NewAccountIdAsync()}/disable", null),
            "POST /api/v1/users/{id}/enable" => await client.PostAsync($"/api/v1/users/{await NewAccountIdAsync()}/enable", null),
            "DELETE /api/v1/users/{id}/roles/{role}" => await client.DeleteAsync($"/api/v1/users/{await NewAccountIdAsync()}/roles/{Roles.TradeOfficial}"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "No request for this endpoint."),
        };

        response.StatusCode.ShouldBe(expected, $"{endpoint} as {actor}: {await response.Content.ReadAsStringAsync()}");
        if (expected is Forbidden or NotFound)
        {
            // Refusals from the mediator are problem documents (the framework's 401 challenge has no body).
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Theory]
    [MemberData(nameof(PageCells))]
    public async Task Each_actor_gets_the_expected_outcome_from_each_protected_page(string page, Actor actor, PageOutcome expected)
    {
        var cast = await CastAsync();
        var url = page switch
        {
            "/Companies/Details/{id} (unverified firm)" => $"/Companies/Details/{(await cast.NewFirmAsync(verified: false)).Id}",
            "/Companies/Details/{id} (verified firm)" => $"/Companies/Details/{(await cast.NewFirmAsync(verified: true)).Id}",
            "/Companies/Edit/{id} (verified firm)" => $"/Companies/Edit/{(await cast.NewFirmAsync(verified: true)).Id}",
            "/Companies/Edit/{id} (unverified firm)" => $"/Companies/Edit/{(await cast.NewFirmAsync(verified: false)).Id}",
            _ => page,
        };

        var browser = cast.Browser(actor);
        var response = page.StartsWith("POST ", StringComparison.Ordinal)
            ? await PostPageAsync(cast, browser, page)
            : await browser.Http.GetAsync(new Uri(url, UriKind.Relative));

        var target = BrowserlessClient.RedirectTarget(response);
        var outcome = response.StatusCode switch
        {
            HttpStatusCode.OK => PageOutcome.Shown,
            HttpStatusCode.NotFound => PageOutcome.Hidden,
            HttpStatusCode.Forbidden => PageOutcome.Denied,
            HttpStatusCode.Redirect when target?.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true => PageOutcome.SignInRequired,
            HttpStatusCode.Redirect when target?.StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) == true => PageOutcome.Denied,
            HttpStatusCode.Redirect when page.StartsWith("POST ", StringComparison.Ordinal) => PageOutcome.Redirected,
            _ => (PageOutcome)(-1),
        };
        outcome.ShouldBe(expected, $"GET {url} as {actor}: {(int)response.StatusCode} {target}");
        if (expected == PageOutcome.Shown)
        {
            (await BrowserlessClient.ParseAsync(response)).QuerySelector("main h1").ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task Another_firms_representative_cannot_edit_the_profile_and_it_stays_unchanged()
    {
        var cast = await CastAsync();
        var (id, name) = await cast.NewFirmAsync(verified: true);

        var response = await cast.Api(Actor.AnotherFirmsRepresentative).PutAsJsonAsync(
            $"/api/v1/companies/{id}", Payloads.Company(name).With("description", "hijacked"));

        response.StatusCode.ShouldBe(Forbidden);
        var current = await (await cast.Api(Actor.OwnRepresentative).GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        current["description"]!.GetValue<string>().ShouldNotBe("hijacked");
    }

    [Fact]
    public async Task A_representative_cannot_verify_their_own_firm_and_it_stays_unverified()
    {
        var cast = await CastAsync();
        var (id, _) = await cast.NewFirmAsync(verified: false);

        (await cast.Api(Actor.OwnRepresentative).PostAsync($"/api/v1/companies/{id}/verify", null)).StatusCode.ShouldBe(Forbidden);

        var current = await (await cast.Api(Actor.OwnRepresentative).GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        current["verified"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_colleague_added_as_representative_may_then_edit_the_firm()
    {
        var cast = await CastAsync();
        var (id, name) = await cast.NewFirmAsync(verified: false);
        var colleagueEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var colleague = await app.ClientForAsync(colleagueEmail);
        (await colleague.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(NotFound);

        (await cast.Api(Actor.OwnRepresentative).PostAsJsonAsync($"/api/v1/companies/{id}/representatives", new { email = colleagueEmail }))
            .StatusCode.ShouldBe(Ok);

        (await colleague.PutAsJsonAsync($"/api/v1/companies/{id}", Payloads.Company(name).With("description", "By the colleague")))
            .StatusCode.ShouldBe(Ok);
        (await cast.Api(Actor.OwnRepresentative).PostAsJsonAsync($"/api/v1/companies/{id}/representatives", new { email = colleagueEmail }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_cookie_signed_in_browser_cannot_call_the_mutating_api_without_a_bearer_token()
    {
        var cast = await CastAsync();
        var (id, name) = await cast.NewFirmAsync(verified: true);

        var response = await cast.Browser(Actor.OwnRepresentative).Http.PutAsJsonAsync($"/api/v1/companies/{id}", Payloads.Company(name));

        response.StatusCode.ShouldBe(Unauthorized);
    }

    /// <summary>Posts a page action with the antiforgery token of the language form every page carries.</summary>
    private async Task<HttpResponseMessage> PostPageAsync(Actors cast, BrowserlessClient browser, string page)
    {
        var token = await browser.AntiforgeryTokenAsync("/", "form[data-testid='language-switcher']");
        string url;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        switch (page)
        {
            case "POST /Admin/Users?handler=Disable":
                url = $"/Admin/Users?handler=Disable&userId={await NewAccountIdAsync()}";
                break;
            case "POST /Admin/Users?handler=WithdrawRole":
                url = $"/Admin/Users?handler=WithdrawRole&userId={await NewAccountIdAsync()}&role={Roles.TradeOfficial}";
                break;
            default:
                var (id, _) = await cast.NewFirmAsync(verified: true);
                var colleague = await app.CreateUserAsync(Roles.CompanyRepresentative);
                (await cast.Api(Actor.OwnRepresentative).PostAsJsonAsync($"/api/v1/companies/{id}/representatives", new { email = colleague })).EnsureSuccessStatusCode();
                url = $"/Companies/Details/{id}?handler=RemoveRepresentative&userId={await UserIdAsync(colleague)}";
                break;
        }

        return await browser.Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>A new verified firm of the own representative with a second representative, whom <paramref name="client"/> tries to remove.</summary>
    private async Task<HttpResponseMessage> RemoveColleagueAsync(Actors cast, HttpClient client)
    {
        var (id, _) = await cast.NewFirmAsync(verified: true);
        var colleague = await app.CreateUserAsync(Roles.CompanyRepresentative);
        (await cast.Api(Actor.OwnRepresentative).PostAsJsonAsync($"/api/v1/companies/{id}/representatives", new { email = colleague })).EnsureSuccessStatusCode();
        return await client.DeleteAsync($"/api/v1/companies/{id}/representatives/{await UserIdAsync(colleague)}");
    }

    /// <summary>A new trade official's account, for the administrators' actions on accounts.</summary>
    private async Task<string> NewAccountIdAsync() => await UserIdAsync(await app.CreateUserAsync(Roles.TradeOfficial));

    private Task<string> UserIdAsync(string email) =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == email).Select(u => u.Id)));

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, (Guid Id, string Name) firm) =>
        client.PutAsJsonAsync($"/api/v1/companies/{firm.Id}", Payloads.Company(firm.Name).With("description", "Edited in the matrix."));

    private static string OneRowCsv() =>
        string.Join(',', CompanyCsv.Columns) + "\r\n" +
        $"Imported {Guid.NewGuid():N},KR,Changwon,LARGE,https://example.kr,,KO,MAR.SUB:9,,CO_SUSTAINMENT,CPSP,ISO9001,Submarine sustainment\r\n";

    private Task<Actors> CastAsync() => Cast.GetValue(app, a => new Lazy<Task<Actors>>(() => Actors.CreateAsync(a))).Value;

    /// <summary>One signed-in account per actor, over the API (bearer) and over the pages (cookie), made once per database.</summary>
    private sealed class Actors
    {
        private readonly Dictionary<Actor, HttpClient> api = [];
        private readonly Dictionary<Actor, BrowserlessClient> browsers = [];

        public required string ColleagueEmail { get; init; }

        public static async Task<Actors> CreateAsync(AppFactory app)
        {
            var emails = new Dictionary<Actor, string>
            {
                [Actor.AnotherFirmsRepresentative] = await app.CreateUserAsync(Roles.CompanyRepresentative),
                [Actor.OwnRepresentative] = await app.CreateUserAsync(Roles.CompanyRepresentative),
                [Actor.TradeOfficial] = await app.CreateUserAsync(Roles.TradeOfficial),
                [Actor.ForumOrganiser] = await app.CreateUserAsync(Roles.ForumOrganiser),
                [Actor.Administrator] = await app.CreateUserAsync(Roles.Administrator),
            };
            var actors = new Actors { ColleagueEmail = await app.CreateUserAsync(Roles.CompanyRepresentative) };
            actors.api[Actor.Anonymous] = app.CreateClient();
            actors.browsers[Actor.Anonymous] = new BrowserlessClient(app);
            foreach (var (actor, email) in emails)
            {
                actors.api[actor] = await app.ClientForAsync(email);
                actors.browsers[actor] = await BrowserlessClient.SignedInAsync(app, email);
            }

            // The other representative represents a firm of their own.
            await actors.api[Actor.AnotherFirmsRepresentative].RegisterCompanyAsync();
            return actors;
        }

        public HttpClient Api(Actor actor) => api[actor];

        public BrowserlessClient Browser(Actor actor) => browsers[actor];

        /// <summary>A firm registered by the own representative, verified by the official when asked.</summary>
        public async Task<(Guid Id, string Name)> NewFirmAsync(bool verified)
        {
            var name = $"Matrix Firm {Guid.NewGuid():N}";
            var id = await api[Actor.OwnRepresentative].RegisterCompanyAsync(Payloads.Company(name));
            if (verified)
            {
                (await api[Actor.TradeOfficial].PostAsync($"/api/v1/companies/{id}/verify", null)).EnsureSuccessStatusCode();
            }

            return (id, name);
        }
    }
}
