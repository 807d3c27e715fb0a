using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>A verified firm with one representative signed in over the API.</summary>
public sealed record ForumFirm(Guid Id, string Name, string Country, HttpClient Rep, string RepEmail);

/// <summary>Builds forums and their firms through the API, as organisers, representatives and officials do.</summary>
public sealed class ForumKit(ForumAppFactory app)
{
    private readonly Dictionary<Guid, HttpClient> organisers = [];

    private HttpClient? official;

    /// <summary>Today at the venue of a Toronto forum; registration windows are set around it.</summary>
    public DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    public async Task<HttpClient> OfficialAsync() => official ??= await app.ClientInRoleAsync(Roles.TradeOfficial);

    /// <summary>A firm registered by a new representative and verified by an official.</summary>
    public Task<ForumFirm> FirmAsync(string country, string? name = null) =>
        FirmAsync(Payloads.Company(name ?? $"{(country == "CA" ? "Maple" : "Hanbit")} Systems {Guid.NewGuid():N}"[..30], country));

    /// <summary>A firm of the given profile (a <see cref="Payloads.Company"/>), registered by a new representative and verified by an official.</summary>
    public async Task<ForumFirm> FirmAsync(Dictionary<string, object?> payload)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var rep = await app.ClientForAsync(email);
        var id = await rep.RegisterCompanyAsync(payload);
        await (await (await OfficialAsync()).PostAsync($"/api/v1/companies/{id}/verify", null)).ShouldSucceedAsync();
        return new ForumFirm(id, (string)payload["name"]!, (string)payload["country"]!, rep, email);
    }

    /// <summary>
    /// A full definition: the given days (each 09:00 to <paramref name="end"/> in <paramref name="slotMinutes"/> slots),
    /// registration open from yesterday, requests until <paramref name="deadline"/> (UTC; three weeks ahead by default).
    /// </summary>
    public Dictionary<string, object?> Definition(
        IReadOnlyList<DateOnly>? days = null, string timeZone = "America/Toronto", string start = "09:00", string end = "12:00", int slotMinutes = 30,
        string[]? breaks = null, string[]? tables = null, object[]? interpreters = null, DateTime? deadline = null, string? name = null)
    {
        days ??= [Today.AddDays(40)];
        return new Dictionary<string, object?>
        {
            ["name"] = name ?? $"Test forum {Guid.NewGuid():N}"[..24],
            ["venue"] = "Shaw Centre, Ottawa",
            ["timeZone"] = timeZone,
            ["registrationOpens"] = Today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["registrationCloses"] = days.Min().AddDays(-1).ToString("yyyy-MM-dd"),
            ["requestDeadline"] = (deadline ?? app.Clock.GetUtcNow().UtcDateTime.AddDays(21)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["days"] = days.Select(d => new Dictionary<string, object?>
            {
                ["date"] = d.ToString("yyyy-MM-dd"), ["start"] = start, ["end"] = end, ["slotMinutes"] = slotMinutes, ["breaks"] = breaks ?? [],
            }).ToArray(),
            ["tables"] = tables ?? ["T1", "T2"],
            ["interpreters"] = interpreters ?? [new { name = "Ji-woo Han", pairs = new[] { "ko-en" } }],
        };
    }

    public static async Task<JsonObject> CreateForumAsync(HttpClient organiser, object definition)
    {
        var response = await organiser.PostAsJsonAsync("/api/v1/forums", definition);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    /// <summary>A forum created by the organiser and opened for registration.</summary>
    public async Task<Guid> OpenForumAsync(HttpClient organiser, Dictionary<string, object?>? definition = null)
    {
        var id = (await CreateForumAsync(organiser, definition ?? Definition()))["id"]!.GetValue<Guid>();
        await SetStatusAsync(organiser, id, ForumStatus.Open);
        return id;
    }

    public static async Task SetStatusAsync(HttpClient organiser, Guid forumId, ForumStatus status) =>
        await (await organiser.PostAsJsonAsync($"/api/v1/forums/{forumId}/status", new { status = status.ToString() })).ShouldSucceedAsync();

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, Guid forumId, Guid companyId, string[] languages, string[]? unavailable = null) =>
        client.PostAsJsonAsync($"/api/v1/forums/{forumId}/registrations", new
        {
            companyId,
            delegates = new[] { new { name = "Alex Kim", languages, remote = false } },
            unavailable = unavailable ?? [],
        });

    public static async Task RegisterAsync(ForumFirm firm, Guid forumId, string[]? languages = null, string[]? unavailable = null) =>
        await (await RegisterAsync(firm.Rep, forumId, firm.Id, languages ?? ["en", "ko"], unavailable)).ShouldSucceedAsync();

    public static Task<HttpResponseMessage> SendRequestAsync(HttpClient client, Guid forumId, Guid from, Guid to, string priority = "WouldLike") =>
        client.PostAsJsonAsync($"/api/v1/forums/{forumId}/meeting-requests", new { fromCompanyId = from, toCompanyId = to, priority, message = "Shall we meet?" });

    public static async Task<JsonObject> RequestAsync(ForumFirm from, ForumFirm to, Guid forumId, string priority = "WouldLike")
    {
        var response = await SendRequestAsync(from.Rep, forumId, from.Id, to.Id, priority);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    /// <summary>A request from <paramref name="from"/> accepted by <paramref name="to"/>; its id is the meeting's.</summary>
    public static async Task<Guid> AcceptedAsync(ForumFirm from, ForumFirm to, Guid forumId, string priority = "WouldLike")
    {
        var id = (await RequestAsync(from, to, forumId, priority))["id"]!.GetValue<Guid>();
        await (await to.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{id}/accept", null)).ShouldSucceedAsync();
        return id;
    }

    public static Task<HttpResponseMessage> MoveAsync(HttpClient organiser, Guid forumId, Guid meetingId, int day, int slot, string? table = null, bool locked = true) =>
        organiser.PostAsJsonAsync($"/api/v1/forums/{forumId}/timetable/{meetingId}/move", new { day, slot, table, @lock = locked });

    public static async Task<JsonObject> PublishAsync(HttpClient organiser, Guid forumId)
    {
        var response = await organiser.PostAsync($"/api/v1/forums/{forumId}/publish", null);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    /// <summary>The organiser who created a forum made by <see cref="RegisteredPairAsync"/>.</summary>
    public HttpClient OrganiserOf(Guid forumId) => organisers[forumId];

    /// <summary>An open forum with a Canadian and a Korean firm registered for it.</summary>
    public async Task<(Guid Forum, ForumFirm Ca, ForumFirm Kr)> RegisteredPairAsync()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await OpenForumAsync(organiser);
        organisers[forumId] = organiser;
        var ca = await FirmAsync("CA");
        var kr = await FirmAsync("KR");
        await RegisterAsync(ca, forumId);
        await RegisterAsync(kr, forumId);
        return (forumId, ca, kr);
    }

    /// <summary>A pair whose agreed meeting is scheduled and published.</summary>
    public async Task<(Guid Forum, ForumFirm Ca, ForumFirm Kr, Guid Meeting)> PublishedMeetingAsync()
    {
        var (forumId, ca, kr) = await RegisteredPairAsync();
        var meetingId = await AcceptedAsync(ca, kr, forumId);
        var organiser = organisers[forumId];
        await SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await ScheduleAsync(organiser, forumId);
        await PublishAsync(organiser, forumId);
        return (forumId, ca, kr, meetingId);
    }

    /// <summary>A browser signed in as a new organiser of the forum, for its pages.</summary>
    public async Task<BrowserlessClient> OrganiserBrowserAsync(Guid forumId)
    {
        var email = await app.CreateUserAsync(Roles.ForumOrganiser);
        await app.WithDbAsync(async db =>
        {
            db.Add(new ForumOrganiser { ForumId = forumId, UserId = (await db.Users.SingleAsync(u => u.Email == email)).Id });
            await db.SaveChangesAsync();
        });
        return await BrowserlessClient.SignedInAsync(app, email);
    }

    /// <summary>Starts a run (202, queued) and carries it out; returns the finished run.</summary>
    public async Task<JsonObject> ScheduleAsync(HttpClient organiser, Guid forumId)
    {
        var started = await organiser.PostAsync($"/api/v1/forums/{forumId}/schedule-runs", null);
        await started.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var runId = (await started.JsonAsync())["id"]!.GetValue<Guid>();
        await app.RunScheduleAsync(runId);
        var run = await (await organiser.GetAsync($"/api/v1/forums/{forumId}/schedule-runs/{runId}")).JsonAsync();
        run["status"]!.GetValue<string>().ShouldBe("Completed", run.ToJsonString());
        return run;
    }
}

public static class ResponseAssertions
{
    public static async Task ShouldSucceedAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ShouldAssertException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await DescribeAsync(response)}");
        }
    }

    public static async Task ShouldHaveStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new ShouldAssertException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {await DescribeAsync(response)}");
        }
    }

    /// <summary>The body, and for a server error the exception the server logged under the problem's trace id.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.InternalServerError || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return body;
        }

        var trace = JsonNode.Parse(body)?["traceId"]?.GetValue<string>();
        return trace is not null && ServerErrors.For(trace) is { } error ? $"{body}\nlogged by the server: {error}" : body;
    }

    /// <summary>The response is a problem document with this status; returns it.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldHaveStatusAsync(expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.JsonAsync();
    }
}
