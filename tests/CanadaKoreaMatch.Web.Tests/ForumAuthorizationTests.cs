using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

public enum ForumActor
{
    Anonymous,
    AnotherFirmsRepresentative,
    OwnRepresentative,
    TradeOfficial,
    ForumOrganiser,
    AnotherForumsOrganiser,
    Administrator,
}

/// <summary>
/// Who may do what at a forum, cell by cell: every endpoint of the forum API, the calendar subscription and the calendar
/// feed, for each kind of actor. "Own representative" represents the firm under test (Canadian), "another firm's
/// representative" the Korean firm it meets; "forum organiser" organises the forum under test, "another forum's organiser"
/// only a forum of their own.
/// </summary>
public sealed partial class ForumAuthorizationTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Created = HttpStatusCode.Created;
    private const HttpStatusCode Accepted = HttpStatusCode.Accepted;
    private const HttpStatusCode Unauthorized = HttpStatusCode.Unauthorized;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;

    private static readonly ConditionalWeakTable<ForumAppFactory, Lazy<Task<Scene>>> Scenes = [];

    /// <summary>
    /// Expected status per actor, in the order: anonymous, another firm's rep, own rep, official, organiser, another forum's
    /// organiser, administrator.
    /// </summary>
    private static readonly (string Endpoint, HttpStatusCode[] Expected)[] Rules =
    [
        ("GET /forums", [Unauthorized, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("POST /forums", [Unauthorized, Forbidden, Forbidden, Forbidden, Created, Created, Created]),
        ("GET /forums/{id} (draft)", [Unauthorized, NotFound, NotFound, Ok, Ok, NotFound, Ok]),
        ("GET /forums/{id} (open)", [Unauthorized, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("PUT /forums/{id} (draft)", [Unauthorized, NotFound, NotFound, Forbidden, Ok, NotFound, Ok]),
        ("PUT /forums/{id} (open)", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /forums/{id}/status (draft to open)", [Unauthorized, NotFound, NotFound, Forbidden, Ok, NotFound, Ok]),
        ("POST /forums/{id}/registrations (own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok]),
        ("GET /forums/{id}/registrations/{companyId} (own firm)", [Unauthorized, Forbidden, Ok, Ok, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/firms (companyId: own firm)", [Unauthorized, Forbidden, Ok, Ok, Forbidden, Forbidden, Ok]),
        ("GET /forums/{id}/meeting-requests (companyId: own firm)", [Unauthorized, Forbidden, Ok, Ok, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/meeting-requests (all)", [Unauthorized, Forbidden, Forbidden, Ok, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/meeting-requests (draft)", [Unauthorized, NotFound, NotFound, Ok, Ok, NotFound, Ok]),
        ("POST /forums/{id}/meeting-requests (from own firm)", [Unauthorized, Forbidden, Created, Forbidden, Forbidden, Forbidden, Created]),
        ("POST /forums/{id}/meeting-requests/{requestId}/accept (request to own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, NotFound, Ok]),
        ("POST /forums/{id}/meeting-requests/{requestId}/decline (request to own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, NotFound, Ok]),
        ("POST /forums/{id}/meeting-requests/{requestId}/cancel (agreed meeting of own firm)", [Unauthorized, Ok, Ok, Forbidden, Ok, NotFound, Ok]),
        ("POST /forums/{id}/must-meet", [Unauthorized, Forbidden, Forbidden, Created, Forbidden, Forbidden, Created]),
        ("POST /forums/{id}/schedule-runs", [Unauthorized, Forbidden, Forbidden, Forbidden, Accepted, Forbidden, Accepted]),
        ("GET /forums/{id}/schedule-runs/{runId}", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/timetable", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/timetable (draft)", [Unauthorized, NotFound, NotFound, Forbidden, Ok, NotFound, Ok]),
        ("GET /forums/{id}/timetable/{meetingId}/check", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /forums/{id}/timetable/{meetingId}/move", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /forums/{id}/timetable/{meetingId}/lock", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("POST /forums/{id}/publish", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/dashboard", [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/agenda (companyId: own firm)", [Unauthorized, Forbidden, Ok, Ok, Ok, Forbidden, Ok]),
        ("GET /forums/{id}/agenda.ics (companyId: own firm)", [Unauthorized, Forbidden, Ok, Ok, Ok, Forbidden, Ok]),
        ("GET /companies/{companyId}/calendar-subscription (own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok]),
        ("POST /companies/{companyId}/calendar-subscription (own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok]),
        ("DELETE /companies/{companyId}/calendar-subscription (own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok]),
        ("PUT /forums/{forumId}/companies/{companyId}/meetings/{meetingId}/feedback (own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok]),
        ("GET /forums/{forumId}/companies/{companyId}/meetings/{meetingId}/feedback (own firm)", [Unauthorized, Forbidden, Ok, Ok, Ok, Forbidden, Ok]),
        ("POST /forums/{forumId}/companies/{companyId}/meetings/{meetingId}/outcome (own firm)", [Unauthorized, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok]),
        ("GET /calendar/{token}.ics (live token)", [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        ("GET /calendar/{token}.ics (revoked token)", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ("GET /calendar/{token}.ics (unknown token)", [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    ];

    public static TheoryData<string, ForumActor, HttpStatusCode> Cells()
    {
        var data = new TheoryData<string, ForumActor, HttpStatusCode>();
        foreach (var (endpoint, expected) in Rules)
        {
            foreach (var actor in Enum.GetValues<ForumActor>())
            {
                data.Add(endpoint, actor, expected[(int)actor]);
            }
        }

        return data;
    }

    [Fact]
    public void Every_forum_endpoint_of_the_application_has_a_rule_for_every_actor()
    {
        Rules.ShouldAllBe(r => r.Expected.Length == Enum.GetValues<ForumActor>().Length);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Route(e.RoutePattern.RawText!)}"))
            .Where(r => r.Contains(" /forums", StringComparison.Ordinal) || r.Contains("/calendar", StringComparison.Ordinal))
            .ToHashSet();
        var ruled = Rules.Select(r => string.Join(' ', r.Endpoint.Split(' ').Take(2))).ToHashSet();

        mapped.Except(ruled).ShouldBeEmpty("endpoints without a rule");
        ruled.Except(mapped).ShouldBeEmpty("rules for no endpoint");

        // "/api/v1/forums/{id:guid}/agenda.ics" is spelled "/forums/{id}/agenda.ics" in the rules.
        static string Route(string pattern) =>
            RouteConstraint().Replace(pattern.Replace("/api/v1", "", StringComparison.Ordinal), "}").TrimEnd('/') is { Length: > 0 } route ? route : "/";
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_actor_gets_the_expected_status_from_each_forum_endpoint(string endpoint, ForumActor actor, HttpStatusCode expected)
    {
        var scene = await SceneAsync();
        var client = scene.Api(actor);
        var response = endpoint switch
        {
            "GET /forums" => await client.GetAsync("/api/v1/forums"),
            "POST /forums" => await client.PostAsJsonAsync("/api/v1/forums", scene.Kit.Definition()),
            "GET /forums/{id} (draft)" => await client.GetAsync($"/api/v1/forums/{scene.Draft}"),
            "GET /forums/{id} (open)" => await client.GetAsync($"/api/v1/forums/{scene.Open}"),
            "PUT /forums/{id} (draft)" => await client.PutAsJsonAsync($"/api/v1/forums/{scene.Draft}", new { definition = scene.DraftDefinition }),
            "PUT /forums/{id} (open)" => await client.PutAsJsonAsync($"/api/v1/forums/{scene.Open}", new { definition = scene.OpenDefinition }),
            "POST /forums/{id}/status (draft to open)" => await client.PostAsJsonAsync($"/api/v1/forums/{await scene.FreshDraftAsync()}/status", new { status = "Open" }),
            "POST /forums/{id}/registrations (own firm)" => await ForumKit.RegisterAsync(client, scene.Open, scene.Own, ["en", "ko"]),
            "GET /forums/{id}/registrations/{companyId} (own firm)" => await client.GetAsync($"/api/v1/forums/{scene.Open}/registrations/{scene.Own}"),
            "GET /forums/{id}/firms (companyId: own firm)" => await client.GetAsync($"/api/v1/forums/{scene.Open}/firms?companyId={scene.Own}"),
            "GET /forums/{id}/meeting-requests (companyId: own firm)" => await client.GetAsync($"/api/v1/forums/{scene.Open}/meeting-requests?companyId={scene.Own}"),
            "GET /forums/{id}/meeting-requests (all)" => await client.GetAsync($"/api/v1/forums/{scene.Open}/meeting-requests"),
            "GET /forums/{id}/meeting-requests (draft)" => await client.GetAsync($"/api/v1/forums/{scene.Draft}/meeting-requests"),
            "POST /forums/{id}/meeting-requests (from own firm)" => await ForumKit.SendRequestAsync(client, await scene.FreshOpenWithFirmsAsync(), scene.Own, scene.Other),
            "POST /forums/{id}/meeting-requests/{requestId}/accept (request to own firm)" => await AnswerAsync(client, scene, "accept"),
            "POST /forums/{id}/meeting-requests/{requestId}/decline (request to own firm)" => await AnswerAsync(client, scene, "decline"),
            "POST /forums/{id}/meeting-requests/{requestId}/cancel (agreed meeting of own firm)" => await CancelAgreedAsync(client, scene),
            "POST /forums/{id}/must-meet" => await client.PostAsJsonAsync(
                $"/api/v1/forums/{await scene.FreshOpenWithFirmsAsync()}/must-meet", new { firstCompanyId = scene.Own, secondCompanyId = scene.Other }),
            "POST /forums/{id}/schedule-runs" => await client.PostAsync($"/api/v1/forums/{await scene.FreshSchedulingAsync()}/schedule-runs", null),
            "GET /forums/{id}/schedule-runs/{runId}" => await client.GetAsync($"/api/v1/forums/{scene.Published}/schedule-runs/{scene.Run}"),
            "GET /forums/{id}/timetable" => await client.GetAsync($"/api/v1/forums/{scene.Published}/timetable"),
            "GET /forums/{id}/timetable (draft)" => await client.GetAsync($"/api/v1/forums/{scene.Draft}/timetable"),
            "GET /forums/{id}/timetable/{meetingId}/check" => await client.GetAsync($"/api/v1/forums/{scene.Published}/timetable/{scene.Meeting}/check?day=1&slot=2"),
            "POST /forums/{id}/timetable/{meetingId}/move" => await ForumKit.MoveAsync(client, scene.Published, scene.Meeting, 1, 2, "T1"),
            "POST /forums/{id}/timetable/{meetingId}/lock" => await client.PostAsJsonAsync($"/api/v1/forums/{scene.Published}/timetable/{scene.Meeting}/lock", new { locked = true }),
            "POST /forums/{id}/publish" => await client.PostAsync($"/api/v1/forums/{scene.Published}/publish", null),
            "GET /forums/{id}/dashboard" => await client.GetAsync($"/api/v1/forums/{scene.Published}/dashboard"),
            "GET /forums/{id}/agenda (companyId: own firm)" => await client.GetAsync($"/api/v1/forums/{scene.Published}/agenda?companyId={scene.Own}"),
            "GET /forums/{id}/agenda.ics (companyId: own firm)" => await client.GetAsync($"/api/v1/forums/{scene.Published}/agenda.ics?companyId={scene.Own}"),
            "GET /companies/{companyId}/calendar-subscription (own firm)" => await client.GetAsync($"/api/v1/companies/{scene.Own}/calendar-subscription"),
            "POST /companies/{companyId}/calendar-subscription (own firm)" => await client.PostAsync($"/api/v1/companies/{scene.Own}/calendar-subscription", null),
            "DELETE /companies/{companyId}/calendar-subscription (own firm)" => await client.DeleteAsync($"/api/v1/companies/{scene.Own}/calendar-subscription"),
            "PUT /forums/{forumId}/companies/{companyId}/meetings/{meetingId}/feedback (own firm)" => await client.PutAsJsonAsync(
                await scene.PastMeetingAsync(app) + "/feedback", new { attendance = "TookPlace", rating = 4 }),
            "GET /forums/{forumId}/companies/{companyId}/meetings/{meetingId}/feedback (own firm)" => await client.GetAsync(await scene.PastMeetingAsync(app, withFeedback: true) + "/feedback"),
            "POST /forums/{forumId}/companies/{companyId}/meetings/{meetingId}/outcome (own firm)" => await client.PostAsJsonAsync(
                await scene.PastMeetingAsync(app) + "/outcome", new { outcome = "MouSigned" }),
            "GET /calendar/{token}.ics (live token)" => await client.GetAsync(await scene.FeedAsync(revoked: false)),
            "GET /calendar/{token}.ics (revoked token)" => await client.GetAsync(await scene.FeedAsync(revoked: true)),
            "GET /calendar/{token}.ics (unknown token)" => await client.GetAsync($"/calendar/{Guid.NewGuid():N}.ics"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "No request for this endpoint."),
        };

        response.StatusCode.ShouldBe(expected, $"{endpoint} as {actor}: {await response.Content.ReadAsStringAsync()}");
        if (expected is Forbidden or NotFound && !endpoint.StartsWith("GET /calendar/", StringComparison.Ordinal))
        {
            // Refusals from the mediator are problem documents (the framework's 401 challenge has no body).
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }

        if (expected == Ok && endpoint.Contains(".ics", StringComparison.Ordinal))
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("text/calendar");
            (await response.Content.ReadAsStringAsync()).ShouldContain("BEGIN:VEVENT");
        }
    }

    [Fact]
    public async Task A_draft_is_listed_only_for_its_organisers_officials_and_administrators()
    {
        var scene = await SceneAsync();

        foreach (var actor in Enum.GetValues<ForumActor>().Where(a => a != ForumActor.Anonymous))
        {
            var list = await scene.Api(actor).GetFromJsonAsync<JsonObject>("/api/v1/forums");
            var ids = list!["items"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()).ToList();
            ids.Contains(scene.Draft).ShouldBe(actor is ForumActor.TradeOfficial or ForumActor.ForumOrganiser or ForumActor.Administrator, $"{actor}");
            ids.ShouldContain(scene.Open, $"{actor}");
        }
    }

    [Fact]
    public async Task A_firm_sees_only_its_own_requests_and_agenda()
    {
        var scene = await SceneAsync();
        var third = await scene.Kit.FirmAsync("CA");
        var forum = await scene.FreshOpenWithFirmsAsync();
        await ForumKit.RegisterAsync(third, forum);
        var other = scene.Api(ForumActor.AnotherFirmsRepresentative);
        await (await ForumKit.SendRequestAsync(other, forum, scene.Other, scene.Own)).ShouldHaveStatusAsync(Created);
        await (await ForumKit.SendRequestAsync(third.Rep, forum, third.Id, scene.Other)).ShouldHaveStatusAsync(Created);

        var own = await scene.Api(ForumActor.OwnRepresentative).GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forum}/meeting-requests?companyId={scene.Own}");
        own!["items"]!.AsArray().ShouldAllBe(r => r!["from"]!["id"]!.GetValue<Guid>() == scene.Own || r["to"]!["id"]!.GetValue<Guid>() == scene.Own);
        own["total"]!.GetValue<int>().ShouldBe(1);
        (await third.Rep.GetAsync($"/api/v1/forums/{forum}/meeting-requests?companyId={scene.Own}")).StatusCode.ShouldBe(Forbidden);
        (await third.Rep.GetAsync($"/api/v1/forums/{scene.Published}/agenda?companyId={scene.Own}")).StatusCode.ShouldBe(Forbidden);
        var agenda = await scene.Api(ForumActor.OwnRepresentative).GetFromJsonAsync<JsonObject>($"/api/v1/forums/{scene.Published}/agenda?companyId={scene.Own}");
        agenda!["items"]!.AsArray().Single()!["counterpart"]!["id"]!.GetValue<Guid>().ShouldBe(scene.Other);
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, Scene scene, string answer)
    {
        var (forum, request) = await scene.FreshRequestToOwnFirmAsync();
        return await client.PostAsync($"/api/v1/forums/{forum}/meeting-requests/{request}/{answer}", null);
    }

    private static async Task<HttpResponseMessage> CancelAgreedAsync(HttpClient client, Scene scene)
    {
        var (forum, request) = await scene.FreshRequestToOwnFirmAsync();
        await (await scene.Api(ForumActor.OwnRepresentative).PostAsync($"/api/v1/forums/{forum}/meeting-requests/{request}/accept", null)).ShouldHaveStatusAsync(Ok);
        return await client.PostAsync($"/api/v1/forums/{forum}/meeting-requests/{request}/cancel", null);
    }

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex RouteConstraint();

    private Task<Scene> SceneAsync() => Scenes.GetValue(app, a => new Lazy<Task<Scene>>(() => Scene.CreateAsync(a))).Value;

    /// <summary>One signed-in client per actor, the two firms and the forums the cells act on, made once per database.</summary>
    private sealed class Scene
    {
        private readonly Dictionary<ForumActor, HttpClient> api = [];

        private Scene(ForumKit kit) => Kit = kit;

        public ForumKit Kit { get; }

        public Guid Own { get; private set; }

        public Guid Other { get; private set; }

        public Guid Draft { get; private set; }

        public Dictionary<string, object?> DraftDefinition { get; private set; } = [];

        public Guid Open { get; private set; }

        public Dictionary<string, object?> OpenDefinition { get; private set; } = [];

        /// <summary>Published, with one meeting (own firm and the other) placed by a completed run.</summary>
        public Guid Published { get; private set; }

        public Guid Run { get; private set; }

        public Guid Meeting { get; private set; }

        private HttpClient Organiser => api[ForumActor.ForumOrganiser];

        public static async Task<Scene> CreateAsync(ForumAppFactory app)
        {
            var scene = new Scene(new ForumKit(app));
            var roles = new Dictionary<ForumActor, string>
            {
                [ForumActor.AnotherFirmsRepresentative] = Roles.CompanyRepresentative,
                [ForumActor.OwnRepresentative] = Roles.CompanyRepresentative,
                [ForumActor.TradeOfficial] = Roles.TradeOfficial,
                [ForumActor.ForumOrganiser] = Roles.ForumOrganiser,
                [ForumActor.AnotherForumsOrganiser] = Roles.ForumOrganiser,
                [ForumActor.Administrator] = Roles.Administrator,
            };
            scene.api[ForumActor.Anonymous] = app.CreateClient();
            foreach (var (actor, role) in roles)
            {
                scene.api[actor] = await app.ClientInRoleAsync(role);
            }

            var official = await scene.Kit.OfficialAsync();
            scene.Own = await scene.api[ForumActor.OwnRepresentative].RegisterCompanyAsync(Payloads.Company($"Own firm {Guid.NewGuid():N}", "CA"));
            scene.Other = await scene.api[ForumActor.AnotherFirmsRepresentative].RegisterCompanyAsync(Payloads.Company($"Other firm {Guid.NewGuid():N}", "KR"));
            foreach (var firm in new[] { scene.Own, scene.Other })
            {
                await (await official.PostAsync($"/api/v1/companies/{firm}/verify", null)).ShouldSucceedAsync();
            }

            await ForumKit.CreateForumAsync(scene.api[ForumActor.AnotherForumsOrganiser], scene.Kit.Definition());

            scene.DraftDefinition = scene.Kit.Definition();
            scene.Draft = (await ForumKit.CreateForumAsync(scene.Organiser, scene.DraftDefinition))["id"]!.GetValue<Guid>();

            scene.OpenDefinition = scene.Kit.Definition();
            scene.Open = await scene.Kit.OpenForumAsync(scene.Organiser, scene.OpenDefinition);
            await scene.RegisterBothAsync(scene.Open);
            await (await ForumKit.SendRequestAsync(scene.api[ForumActor.AnotherFirmsRepresentative], scene.Open, scene.Other, scene.Own)).ShouldSucceedAsync();

            scene.Published = await scene.FreshOpenWithFirmsAsync();
            var request = (await (await ForumKit.SendRequestAsync(scene.api[ForumActor.OwnRepresentative], scene.Published, scene.Own, scene.Other)).JsonAsync())["id"]!.GetValue<Guid>();
            await (await scene.api[ForumActor.AnotherFirmsRepresentative].PostAsync($"/api/v1/forums/{scene.Published}/meeting-requests/{request}/accept", null)).ShouldSucceedAsync();
            await ForumKit.SetStatusAsync(scene.Organiser, scene.Published, ForumStatus.Scheduling);
            scene.Run = (await scene.Kit.ScheduleAsync(scene.Organiser, scene.Published))["id"]!.GetValue<Guid>();
            scene.Meeting = request;
            await (await ForumKit.MoveAsync(scene.Organiser, scene.Published, request, 1, 2, "T1")).ShouldSucceedAsync();
            await ForumKit.PublishAsync(scene.Organiser, scene.Published);
            return scene;
        }

        public HttpClient Api(ForumActor actor) => api[actor];

        public async Task<Guid> FreshDraftAsync() => (await ForumKit.CreateForumAsync(Organiser, Kit.Definition()))["id"]!.GetValue<Guid>();

        /// <summary>An open forum both firms have registered for.</summary>
        public async Task<Guid> FreshOpenWithFirmsAsync()
        {
            var forum = await Kit.OpenForumAsync(Organiser);
            await RegisterBothAsync(forum);
            return forum;
        }

        public async Task<(Guid Forum, Guid Request)> FreshRequestToOwnFirmAsync()
        {
            var forum = await FreshOpenWithFirmsAsync();
            var response = await ForumKit.SendRequestAsync(api[ForumActor.AnotherFirmsRepresentative], forum, Other, Own);
            await response.ShouldHaveStatusAsync(Created);
            return (forum, (await response.JsonAsync())["id"]!.GetValue<Guid>());
        }

        public async Task<Guid> FreshSchedulingAsync()
        {
            var forum = await Kit.OpenForumAsync(Organiser);
            await ForumKit.SetStatusAsync(Organiser, forum, ForumStatus.Scheduling);
            return forum;
        }

        /// <summary>The path of a new calendar feed of the own firm, revoked when asked.</summary>
        public async Task<string> FeedAsync(bool revoked)
        {
            var own = api[ForumActor.OwnRepresentative];
            var created = await (await own.PostAsync($"/api/v1/companies/{Own}/calendar-subscription", null)).JsonAsync();
            if (revoked)
            {
                await (await own.DeleteAsync($"/api/v1/companies/{Own}/calendar-subscription")).ShouldSucceedAsync();
            }

            return new Uri(created["url"]!.GetValue<string>()).PathAndQuery;
        }

        /// <summary>The API path of the published meeting as the own firm's, moved to an hour ago so that feedback is open.</summary>
        public async Task<string> PastMeetingAsync(ForumAppFactory app, bool withFeedback = false)
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.Id == Meeting)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.StartsAt, now.AddHours(-1)).SetProperty(m => m.EndsAt, now.AddMinutes(-30))));
            var path = $"/api/v1/forums/{Published}/companies/{Own}/meetings/{Meeting}";
            if (withFeedback)
            {
                await (await api[ForumActor.OwnRepresentative].PutAsJsonAsync(path + "/feedback", new { attendance = "TookPlace", rating = 4 })).ShouldSucceedAsync();
            }

            return path;
        }

        private async Task RegisterBothAsync(Guid forum)
        {
            await (await ForumKit.RegisterAsync(api[ForumActor.OwnRepresentative], forum, Own, ["en", "ko"])).ShouldSucceedAsync();
            await (await ForumKit.RegisterAsync(api[ForumActor.AnotherFirmsRepresentative], forum, Other, ["en", "ko"])).ShouldSucceedAsync();
        }
    }
}
