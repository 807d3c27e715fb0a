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

    private static readonly ConditionalWeakTable<AppFactory, Lazy<Task<Actors>>> Cast = [];

    /// <summary>Expected status per actor, in the order Anonymous, another firm's rep, own rep, official, organiser, administrator.</summary>
    private static readonly (string Endpoint, HttpStatusCode[] Expected)[] ApiRules =
    [
        ("GET /api/v1/companies/{id} (unverified firm)", [NotFound, NotFound, Ok, Ok, NotFound, Ok]),
        ("GET /api/v1/companies/{id} (verified firm)", [Ok, Ok, Ok, Ok, Ok, Ok]),
        ("PUT /api/v1/companies/{id} (verified firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Ok]),
        ("PUT /api/v1/companies/{id} (unverified firm)", [Unauthorized, NotFound, Ok, Forbidden, NotFound, Ok]),
        ("POST /api/v1/companies/{id}/verify", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /api/v1/companies/{id}/representatives", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Ok]),
        ("POST /api/v1/companies/import", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /api/v1/companies/export", [Unauthorized, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /api/v1/companies", [Ok, Ok, Ok, Ok, Ok, Ok]),
        ("POST /api/v1/companies", [Unauthorized, Created, Created, Created, Forbidden, Created]),
    ];

    private static readonly (string Page, PageOutcome[] Expected)[] PageRules =
    [
        ("/Companies/Details/{id} (unverified firm)", [PageOutcome.Hidden, PageOutcome.Hidden, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Hidden, PageOutcome.Shown]),
        ("/Companies/Details/{id} (verified firm)", [PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown, PageOutcome.Shown]),
        ("/Companies/Edit/{id} (verified firm)", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Shown, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Shown]),
        ("/Companies/Edit/{id} (unverified firm)", [PageOutcome.SignInRequired, PageOutcome.Hidden, PageOutcome.Shown, PageOutcome.Denied, PageOutcome.Hidden, PageOutcome.Shown]),
        ("/Companies/Import", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Shown, PageOutcome.Denied, PageOutcome.Shown]),
        ("/Admin/Users", [PageOutcome.SignInRequired, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Denied, PageOutcome.Shown]),
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
            "POST /api/v1/companies/{id}/representatives" => await client.PostAsJsonAsync(
                $"/api/v1/companies/{(await cast.NewFirmAsync(verified: true)).Id}/representatives", new { email = cast.ColleagueEmail }),
            "POST /api/v1/companies/import" => await client.PostAsync("/api/v1/companies/import", new StringContent(OneRowCsv(), Encoding.UTF8, "text/csv")),
            "GET /api/v1/companies/export" => await client.GetAsync("/api/v1/companies/export"),
            "GET /api/v1/companies" => await client.GetAsync("/api/v1/companies"),
            "POST /api/v1/companies" => await client.PostAsJsonAsync("/api/v1/companies", Payloads.Company()),
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

        var response = await cast.Browser(actor).Http.GetAsync(new Uri(url, UriKind.Relative));

        var target = BrowserlessClient.RedirectTarget(response);
        var outcome = response.StatusCode switch
        {
            HttpStatusCode.OK => PageOutcome.Shown,
            HttpStatusCode.NotFound => PageOutcome.Hidden,
            HttpStatusCode.Forbidden => PageOutcome.Denied,
            HttpStatusCode.Redirect when target?.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true => PageOutcome.SignInRequired,
            HttpStatusCode.Redirect when target?.StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) == true => PageOutcome.Denied,
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
