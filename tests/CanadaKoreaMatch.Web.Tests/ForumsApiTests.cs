using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>A forum through the API: templates, registration, requests, the engine's run, the organiser's edits, publication.</summary>
public sealed partial class ForumsApiTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] MixedCasePairs = ["EN-ko", "fr-ko"];
    private static readonly string[] SlotTimes = ["09:00–09:30", "09:30–10:00", "10:00–10:30", "11:00–11:30", "11:30–12:00"];

    private readonly ForumKit kit = new(app);

    [Theory]
    [InlineData("cansec", "America/Toronto", 2, 18, 40, 6, "09:00")]
    [InlineData("adex", "Asia/Seoul", 3, 13, 30, 8, "09:30")]
    [InlineData("canada-korea", "America/Toronto", 1, 12, 20, 5, "09:00")]
    public async Task A_forum_is_created_from_each_template_with_its_grid_tables_and_interpreters(
        string template, string timeZone, int days, int slotsPerDay, int tables, int interpreters, string firstSlot)
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var start = kit.Today.AddDays(60);

        var response = await organiser.PostAsJsonAsync("/api/v1/forums", new { template, name = $"{template} {Guid.NewGuid():N}", startDate = start.ToString("yyyy-MM-dd") });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var forum = await response.JsonAsync();
        var id = forum["id"]!.GetValue<Guid>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/forums/{id}");
        forum["status"]!.GetValue<string>().ShouldBe("Draft");
        forum["timeZone"]!.GetValue<string>().ShouldBe(timeZone);
        forum["isOrganiser"]!.GetValue<bool>().ShouldBeTrue();
        forum["nextStatuses"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["Open"]);
        forum["tables"]!.AsArray().Count.ShouldBe(tables);
        forum["interpreters"]!.AsArray().Count.ShouldBe(interpreters);
        var grid = forum["days"]!.AsArray();
        grid.Select(d => d!["date"]!.GetValue<string>()).ShouldBe(Enumerable.Range(0, days).Select(i => start.AddDays(i).ToString("yyyy-MM-dd")));
        grid.ShouldAllBe(d => d!["slots"]!.AsArray().Count == slotsPerDay);
        var first = grid[0]!["slots"]![0]!;
        first["start"]!.GetValue<string>().ShouldBe(firstSlot);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        first["startsAt"]!.GetValue<DateTime>().ToUniversalTime()
            .ShouldBe(TimeZoneInfo.ConvertTimeToUtc(start.ToDateTime(TimeOnly.Parse(firstSlot, System.Globalization.CultureInfo.InvariantCulture)), zone));
        // No slot lies in a break.
        foreach (var day in grid)
        {
            var breaks = day!["breaks"]!.AsArray().Select(b => b!.GetValue<string>().Split('-')).ToList();
            day["slots"]!.AsArray().ShouldAllBe(s => breaks.All(b => string.CompareOrdinal(s!["end"]!.GetValue<string>(), b[0]) <= 0 || string.CompareOrdinal(s["start"]!.GetValue<string>(), b[1]) >= 0));
        }

        (await organiser.GetAsync($"/api/v1/forums/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forum_is_created_from_a_full_definition_with_the_deadline_in_utc_and_pairs_normalised()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var day = kit.Today.AddDays(30);
        var definition = kit.Definition([day, day.AddDays(1)], end: "12:00", breaks: ["10:30-11:00"], tables: ["Room A", "Room B", "Room C"],
            interpreters: [new { name = "Ji-woo Han", pairs = MixedCasePairs }]);
        definition["requestDeadline"] = day.AddDays(-5).ToString("yyyy-MM-dd") + "T17:00:00"; // local to the forum

        var forum = await ForumKit.CreateForumAsync(organiser, definition);

        forum["name"]!.GetValue<string>().ShouldBe((string)definition["name"]!);
        var deadline = TimeZoneInfo.ConvertTimeToUtc(day.AddDays(-5).ToDateTime(new TimeOnly(17, 0)), TimeZoneInfo.FindSystemTimeZoneById("America/Toronto"));
        forum["requestDeadline"]!.GetValue<string>().ShouldBe(deadline.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        forum["tables"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["Room A", "Room B", "Room C"]);
        forum["interpreters"]![0]!["pairs"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe(["ko-en", "ko-fr"]);
        var slots = forum["days"]![0]!["slots"]!.AsArray();
        slots.Select(s => s!["start"]!.GetValue<string>()).ShouldBe(["09:00", "09:30", "10:00", "11:00", "11:30"]);
        slots.Select(s => s!["session"]!.GetValue<int>()).ShouldBe([1, 1, 1, 2, 2]);
        forum["days"]![1]!["slots"]!.AsArray().Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_forum_goes_from_registration_through_requests_and_a_run_to_published_agendas()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var official = await kit.OfficialAsync();
        var definition = kit.Definition(end: "12:00", breaks: ["10:30-11:00"]); // slots 1-1 09:00, 1-2 09:30, 1-3 10:00, 1-4 11:00, 1-5 11:30
        var forumId = await kit.OpenForumAsync(organiser, definition);
        var forumName = (string)definition["name"]!;
        var ca1 = await kit.FirmAsync("CA");
        var ca2 = await kit.FirmAsync("CA");
        var kr1 = await kit.FirmAsync("KR");
        var kr2 = await kit.FirmAsync("KR");
        var kr3 = await kit.FirmAsync("KR");

        // Registration: delegates, languages, the slots each firm cannot meet in.
        var registered = await ForumKit.RegisterAsync(ca1.Rep, forumId, ca1.Id, ["en"], ["1-1"]);
        await registered.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var registration = await registered.JsonAsync();
        registration["timeZone"]!.GetValue<string>().ShouldBe("America/Toronto");
        registration["unavailable"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe(["1-1"]);
        registration["delegates"]![0]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["en"]);
        await ForumKit.RegisterAsync(ca2, forumId, ["en", "ko"]);
        await ForumKit.RegisterAsync(kr1, forumId, ["ko"]);
        await ForumKit.RegisterAsync(kr2, forumId, ["en", "ko"]);
        await ForumKit.RegisterAsync(kr3, forumId, ["en", "ko"], ["1-1", "1-2", "1-3", "1-4", "1-5"]);
        var kr1Registration = await (await kr1.Rep.GetAsync($"/api/v1/forums/{forumId}/registrations/{kr1.Id}")).JsonAsync();
        kr1Registration["timeZone"]!.GetValue<string>().ShouldBe("Asia/Seoul");

        // A Canadian firm is shown the Korean firms of the forum.
        var firms = (await ca1.Rep.GetFromJsonAsync<JsonArray>($"/api/v1/forums/{forumId}/firms?companyId={ca1.Id}"))!;
        firms.Select(f => f!["companyId"]!.GetValue<Guid>()).ShouldBe([kr1.Id, kr2.Id, kr3.Id], ignoreOrder: true);

        // Requests: accepted, declined, mutual, an official's must-meet pair, and one that cannot be scheduled.
        var mustMeet = await ForumKit.RequestAsync(ca1, kr1, forumId, "MustMeet");
        mustMeet["status"]!.GetValue<string>().ShouldBe("Pending");
        mustMeet["priority"]!.GetValue<string>().ShouldBe("MustMeet");
        var r1 = mustMeet["id"]!.GetValue<Guid>();
        var accepted = await (await kr1.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{r1}/accept", null)).JsonAsync();
        accepted["status"]!.GetValue<string>().ShouldBe("Accepted");
        accepted["respondedAt"]!.GetValue<string>().ShouldEndWith("Z");

        var r2 = (await ForumKit.RequestAsync(kr2, ca1, forumId))["id"]!.GetValue<Guid>();
        var declined = await (await ca1.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{r2}/decline", null)).JsonAsync();
        declined["status"]!.GetValue<string>().ShouldBe("Declined");

        var r3 = (await ForumKit.RequestAsync(ca2, kr1, forumId, "IfPossible"))["id"]!.GetValue<Guid>();
        var mutual = await ForumKit.RequestAsync(kr1, ca2, forumId, "WouldLike");
        mutual["id"]!.GetValue<Guid>().ShouldBe(r3);
        mutual["status"]!.GetValue<string>().ShouldBe("Accepted");
        mutual["mutual"]!.GetValue<bool>().ShouldBeTrue();
        (mutual["priority"]!.GetValue<string>(), mutual["counterPriority"]!.GetValue<string>()).ShouldBe(("IfPossible", "WouldLike"));
        mutual["weight"]!.GetValue<int>().ShouldBe(MeetingWeights.Of(MeetingPriority.IfPossible) + MeetingWeights.Of(MeetingPriority.WouldLike));
        (await RequestIdsAsync(kr1.Rep, forumId, kr1.Id)).Count(id => id == r3).ShouldBe(1);

        var pair = await official.PostAsJsonAsync($"/api/v1/forums/{forumId}/must-meet", new { firstCompanyId = ca2.Id, secondCompanyId = kr2.Id, message = "CPSP priority" });
        await pair.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var must = await pair.JsonAsync();
        (must["addedByOfficial"]!.GetValue<bool>(), must["status"]!.GetValue<string>(), must["weight"]!.GetValue<int>()).ShouldBe((true, "Accepted", MeetingWeights.OfficialMustMeet));
        var r4 = must["id"]!.GetValue<Guid>();
        var r5 = await ForumKit.AcceptedAsync(ca1, kr3, forumId);

        // A firm sees its own requests, sent and received; the organisers see them all.
        (await RequestIdsAsync(ca1.Rep, forumId, ca1.Id)).ShouldBe([r1, r2, r5], ignoreOrder: true);
        (await RequestIdsAsync(organiser, forumId, null)).ShouldBe([r1, r2, r3, r4, r5], ignoreOrder: true);
        (await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests?status=Accepted"))!["total"]!.GetValue<int>().ShouldBe(4);

        // The requests close and the engine runs in the background.
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        var started = await organiser.PostAsync($"/api/v1/forums/{forumId}/schedule-runs", null);
        await started.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var queued = await started.JsonAsync();
        queued["status"]!.GetValue<string>().ShouldBe("Queued");
        var runId = queued["id"]!.GetValue<Guid>();
        started.Headers.Location!.ToString().ShouldBe($"/api/v1/forums/{forumId}/schedule-runs/{runId}");
        (await organiser.GetFromJsonAsync<JsonObject>(started.Headers.Location))!["status"]!.GetValue<string>().ShouldBe("Queued");

        await app.RunScheduleAsync(runId);

        var run = (await organiser.GetFromJsonAsync<JsonObject>(started.Headers.Location))!;
        run["status"]!.GetValue<string>().ShouldBe("Completed", run.ToJsonString());
        (run["requests"]!.GetValue<int>(), run["scheduled"]!.GetValue<int>(), run["unscheduled"]!.GetValue<int>()).ShouldBe((4, 3, 1));
        var scheduledWeight = MeetingWeights.Of(MeetingPriority.MustMeet) + mutual["weight"]!.GetValue<int>() + MeetingWeights.OfficialMustMeet;
        run["scheduledWeight"]!.GetValue<long>().ShouldBe(scheduledWeight);
        run["requestedWeight"]!.GetValue<long>().ShouldBe(scheduledWeight + MeetingWeights.Of(MeetingPriority.WouldLike));
        run["upperBound"]!.GetValue<long>().ShouldBeInRange(scheduledWeight, scheduledWeight + MeetingWeights.Of(MeetingPriority.WouldLike));
        run["shareOfBound"]!.GetValue<double>().ShouldBe(Math.Round((double)scheduledWeight / run["upperBound"]!.GetValue<long>(), 4));
        run["finishedAt"]!.GetValue<string>().ShouldEndWith("Z");

        var timetable = await TimetableAsync(organiser, forumId);
        var meetings = timetable["meetings"]!.AsArray();
        meetings.Select(m => m!["meetingId"]!.GetValue<Guid>()).ShouldBe([r1, r3, r4], ignoreOrder: true);
        foreach (var slot in meetings.GroupBy(m => (m!["day"]!.GetValue<int>(), m["slot"]!.GetValue<int>())))
        {
            var firmsInSlot = slot.SelectMany(m => new[] { m!["first"]!["id"]!.GetValue<Guid>(), m["second"]!["id"]!.GetValue<Guid>() }).ToList();
            firmsInSlot.ShouldBeUnique();
            slot.Select(m => m!["table"]!.GetValue<string>()).ShouldBeUnique();
        }

        var m1 = Meeting(timetable, r1);
        (m1["day"]!.GetValue<int>(), m1["slot"]!.GetValue<int>()).ShouldNotBe((1, 1)); // the Canadian firm is away then
        m1["interpreter"]!.GetValue<string>().ShouldBe("Ji-woo Han"); // English meets Korean
        m1["first"]!["id"]!.GetValue<Guid>().ShouldBe(ca1.Id); // the Canadian firm first
        var left = timetable["unscheduled"]!.AsArray().Single()!;
        left["requestId"]!.GetValue<Guid>().ShouldBe(r5);
        left["blockers"]!.AsArray().ShouldNotBeEmpty();
        timetable["latestRun"]!["id"]!.GetValue<Guid>().ShouldBe(runId);

        // The organiser's checked edits: each conflict is named, and nothing moves.
        var m3 = Meeting(timetable, r3);
        var m4 = Meeting(timetable, r4);
        await ShouldConflictAsync(organiser, forumId, r1, m3["day"]!.GetValue<int>(), m3["slot"]!.GetValue<int>(), null, "firmBooked", $"{kr1.Name} already has a meeting in this slot.");
        var taken = m4["table"]!.GetValue<string>();
        await ShouldConflictAsync(organiser, forumId, r1, m4["day"]!.GetValue<int>(), m4["slot"]!.GetValue<int>(), taken, "tableTaken", $"{taken} is taken in this slot.");
        await ShouldConflictAsync(organiser, forumId, r1, 1, 1, null, "firmUnavailable", $"{ca1.Name} is not available in this slot.");
        Placements(await TimetableAsync(organiser, forumId)).ShouldBe(Placements(timetable));

        var (freeSlot, freeTable) = await FreeSlotAsync(organiser, forumId, r1, m1);
        var moved = await (await ForumKit.MoveAsync(organiser, forumId, r1, 1, freeSlot)).JsonAsync();
        (moved["slot"]!.GetValue<int>(), moved["table"]!.GetValue<string>(), moved["locked"]!.GetValue<bool>()).ShouldBe((freeSlot, freeTable, true));
        moved["interpreter"]!.GetValue<string>().ShouldBe("Ji-woo Han");
        var unlocked = await organiser.PostAsJsonAsync($"/api/v1/forums/{forumId}/timetable/{r1}/lock", new { locked = false });
        (await unlocked.JsonAsync())["locked"]!.GetValue<bool>().ShouldBeFalse();
        var relocked = await organiser.PostAsJsonAsync($"/api/v1/forums/{forumId}/timetable/{r1}/lock", new { locked = true });
        (await relocked.JsonAsync())["locked"]!.GetValue<bool>().ShouldBeTrue();

        // Publication: every firm with a meeting is told once.
        var published = await ForumKit.PublishAsync(organiser, forumId);
        (published["revision"]!.GetValue<int>(), published["meetings"]!.GetValue<int>(), published["added"]!.GetValue<int>(), published["changed"]!.GetValue<int>(),
            published["cancelled"]!.GetValue<int>(), published["firmsNotified"]!.GetValue<int>()).ShouldBe((1, 3, 3, 0, 0, 4));
        (await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}"))!["status"]!.GetValue<string>().ShouldBe("Published");
        await app.DeliverMailAsync();
        MailsTo(forumName, "is published").ShouldBe([ca1.RepEmail, ca2.RepEmail, kr1.RepEmail, kr2.RepEmail], ignoreOrder: true);

        // The agenda: the firm's own meetings, in UTC ('Z') with the forum's and the firm's local times.
        var raw = await ca1.Rep.GetStringAsync($"/api/v1/forums/{forumId}/agenda?companyId={ca1.Id}");
        var instants = InstantPattern().Matches(raw).Select(m => m.Groups[2].Value).ToList();
        instants.Count.ShouldBe(3); // publishedAt, and the meeting's start and end
        instants.ShouldAllBe(i => IsoUtc().IsMatch(i));
        var agenda = JsonNode.Parse(raw)!.AsObject();
        var item = agenda["items"]!.AsArray().Single()!;
        item["meetingId"]!.GetValue<Guid>().ShouldBe(r1);
        item["startsAt"]!.GetValue<string>().ShouldBe(moved["startsAt"]!.GetValue<DateTime>().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"));
        item["forumTime"]!.GetValue<string>().ShouldBe(SlotTimes[freeSlot - 1]);
        item["localTime"]!.GetValue<string>().ShouldBe(item["forumTime"]!.GetValue<string>());
        (item["counterpart"]!["id"]!.GetValue<Guid>(), item["table"]!.GetValue<string>(), item["interpreter"]!.GetValue<string>(), item["sequence"]!.GetValue<int>())
            .ShouldBe((kr1.Id, freeTable, "Ji-woo Han", 0));
        item["counterpart"]!["delegates"]![0]!["name"]!.GetValue<string>().ShouldBe("Alex Kim");
        var seoul = await kr1.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/agenda?companyId={kr1.Id}");
        seoul!["timeZone"]!.GetValue<string>().ShouldBe("Asia/Seoul");
        var kr1Items = seoul["items"]!.AsArray();
        kr1Items.Select(i => i!["meetingId"]!.GetValue<Guid>()).ShouldBe([r1, r3], ignoreOrder: true);
        var atSeoul = TimeZoneInfo.ConvertTimeFromUtc(kr1Items.Single(i => i!["meetingId"]!.GetValue<Guid>() == r1)!["startsAt"]!.GetValue<DateTime>().ToUniversalTime(),
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul"));
        kr1Items.Single(i => i!["meetingId"]!.GetValue<Guid>() == r1)!["localTime"]!.GetValue<string>().ShouldStartWith(atSeoul.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        // A re-publication tells only the firms whose meetings changed.
        var m4Now = Meeting(await TimetableAsync(organiser, forumId), r4);
        var (r4Slot, _) = await FreeSlotAsync(organiser, forumId, r4, m4Now);
        await (await ForumKit.MoveAsync(organiser, forumId, r4, 1, r4Slot)).ShouldSucceedAsync();
        var republished = await ForumKit.PublishAsync(organiser, forumId);
        (republished["revision"]!.GetValue<int>(), republished["added"]!.GetValue<int>(), republished["changed"]!.GetValue<int>(),
            republished["cancelled"]!.GetValue<int>(), republished["firmsNotified"]!.GetValue<int>()).ShouldBe((2, 0, 1, 0, 2));
        await app.DeliverMailAsync();
        MailsTo(forumName, "has changed").ShouldBe([ca2.RepEmail, kr2.RepEmail], ignoreOrder: true);
        var unchanged = await ForumKit.PublishAsync(organiser, forumId);
        (unchanged["changed"]!.GetValue<int>(), unchanged["firmsNotified"]!.GetValue<int>()).ShouldBe((0, 0));
        await app.DeliverMailAsync();
        MailsTo(forumName, "has changed").Count.ShouldBe(2);
        MailsTo(forumName, "is published").Count.ShouldBe(4);
        var ca2Items = (await ca2.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/agenda?companyId={ca2.Id}"))!["items"]!.AsArray();
        ca2Items.ToDictionary(i => i!["meetingId"]!.GetValue<Guid>(), i => i!["sequence"]!.GetValue<int>()).ShouldBe(new Dictionary<Guid, int> { [r3] = 0, [r4] = 1 }, ignoreOrder: true);

        // The organisers' figures.
        var dashboard = (await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/dashboard"))!;
        (dashboard["registrations"]!.GetValue<int>(), dashboard["canadianFirms"]!.GetValue<int>(), dashboard["koreanFirms"]!.GetValue<int>()).ShouldBe((5, 2, 3));
        (dashboard["requestsSent"]!.GetValue<int>(), dashboard["accepted"]!.GetValue<int>(), dashboard["declined"]!.GetValue<int>(), dashboard["unanswered"]!.GetValue<int>())
            .ShouldBe((5, 4, 1, 0));
        (dashboard["acceptedScheduled"]!.GetValue<int>(), dashboard["shareScheduled"]!.GetValue<double>(), dashboard["meetings"]!.GetValue<int>()).ShouldBe((3, 0.75, 3));
        dashboard["meetingsPerFirm"]!.AsArray().ToDictionary(f => f!["companyId"]!.GetValue<Guid>(), f => (f!["meetings"]!.GetValue<int>(), f["acceptedRequests"]!.GetValue<int>()))
            .ShouldBe(new Dictionary<Guid, (int, int)> { [ca1.Id] = (1, 2), [ca2.Id] = (2, 2), [kr1.Id] = (2, 2), [kr2.Id] = (1, 1), [kr3.Id] = (0, 1) }, ignoreOrder: true);
        var load = dashboard["interpreters"]!.AsArray().Single()!;
        (load["meetings"]!.GetValue<int>(), load["slots"]!.GetValue<int>()).ShouldBe((1, 5));
    }

    private static async Task<List<Guid>> RequestIdsAsync(HttpClient client, Guid forumId, Guid? companyId)
    {
        var list = await client.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests" + (companyId is { } id ? $"?companyId={id}" : ""));
        return list!["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ToList();
    }

    private static async Task<JsonObject> TimetableAsync(HttpClient organiser, Guid forumId)
    {
        var response = await organiser.GetAsync($"/api/v1/forums/{forumId}/timetable");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private static JsonNode Meeting(JsonObject timetable, Guid id) =>
        timetable["meetings"]!.AsArray().Single(m => m!["meetingId"]!.GetValue<Guid>() == id)!;

    private static List<string> Placements(JsonObject timetable) =>
        timetable["meetings"]!.AsArray().Select(m => $"{m!["meetingId"]} {m["day"]}-{m["slot"]} {m["table"]} {m["locked"]}").Order(StringComparer.Ordinal).ToList();

    private static async Task ShouldConflictAsync(HttpClient organiser, Guid forumId, Guid meetingId, int day, int slot, string? table, string code, string message)
    {
        var check = (await organiser.GetFromJsonAsync<JsonObject>(
            $"/api/v1/forums/{forumId}/timetable/{meetingId}/check?day={day}&slot={slot}" + (table is null ? "" : $"&table={Uri.EscapeDataString(table)}")))!;
        check["possible"]!.GetValue<bool>().ShouldBeFalse();
        check["conflicts"]!.AsArray().ShouldContain(c => c!["code"]!.GetValue<string>() == code && c["message"]!.GetValue<string>() == message, check.ToJsonString());

        var problem = await (await ForumKit.MoveAsync(organiser, forumId, meetingId, day, slot, table)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().ShouldContain(message);
    }

    /// <summary>A slot of day 1 (not the meeting's own) where the check finds no conflict, and the table it would take.</summary>
    private static async Task<(int Slot, string Table)> FreeSlotAsync(HttpClient organiser, Guid forumId, Guid meetingId, JsonNode current)
    {
        for (var slot = 1; slot <= 5; slot++)
        {
            if (slot == current["slot"]!.GetValue<int>())
            {
                continue;
            }

            var check = (await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/timetable/{meetingId}/check?day=1&slot={slot}"))!;
            if (check["possible"]!.GetValue<bool>())
            {
                return (slot, check["table"]!.GetValue<string>());
            }
        }

        throw new ShouldAssertException($"No free slot for {meetingId}.");
    }

    private List<string> MailsTo(string forumName, string subjectEnd) =>
        Mailbox.All(app.Outbox).Where(m => m.Subject == $"Your agenda for {forumName} {subjectEnd}").Select(m => m.To).ToList();

    [GeneratedRegex("\"(startsAt|endsAt|publishedAt)\":\"([^\"]*)\"")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex IsoUtc();
}
