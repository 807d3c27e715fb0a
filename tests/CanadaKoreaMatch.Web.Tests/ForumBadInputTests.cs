using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Bad input to the forum API and pages: a problem document or a page message naming the field (or a 409), and not a row written.</summary>
public sealed class ForumBadInputTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] LateLunch = ["11:30-12:30"];

    private static readonly string[] KoreanAndEnglish = ["ko", "en"];

    private readonly ForumKit kit = new(app);

    public static TheoryData<string, string> BadDefinitions() => new()
    {
        { "no slot fits the day", "days[0].slotMinutes" },
        { "overlapping breaks", "days[0].breaks" },
        { "a break outside the day", "days[0].breaks" },
        { "an unknown time zone", "timeZone" },
        { "more than 64 slots", "days" },
        { "a slot in the spring-forward gap", "days[0].start" },
        { "registration closing after the first day", "registrationCloses" },
        { "registration closing on the first day", "registrationCloses" },
        { "registration closing before it opens", "registrationCloses" },
        { "a first day in the past", "days[0].date" },
        { "a second day in the past", "days[1].date" },
        { "a meeting-request deadline after the forum starts", "requestDeadline" },
        { "a meeting-request deadline before registration opens", "requestDeadline" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task A_bad_forum_definition_is_refused_with_the_field_and_nothing_is_saved(string bad, string field)
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var day = kit.Today.AddDays(30);
        var definition = bad switch
        {
            "no slot fits the day" => kit.Definition([day], end: "09:20", slotMinutes: 30),
            "overlapping breaks" => kit.Definition([day], end: "12:00", breaks: ["10:00-10:30", "10:15-10:45"]),
            "a break outside the day" => kit.Definition([day], end: "12:00", breaks: ["08:00-08:30"]),
            "an unknown time zone" => kit.Definition([day], timeZone: "Mars/Olympus_Mons"),
            "more than 64 slots" => kit.Definition([.. Enumerable.Range(0, 5).Select(i => day.AddDays(i))], end: "17:00", slotMinutes: 30),
            "a slot in the spring-forward gap" => kit.Definition([new DateOnly(2027, 3, 14)], start: "01:00", end: "04:00", slotMinutes: 60),
            "registration closing after the first day" => kit.Definition([day]).With("registrationCloses", day.AddDays(1).ToString("yyyy-MM-dd")),
            "registration closing on the first day" => kit.Definition([day]).With("registrationCloses", day.ToString("yyyy-MM-dd")),
            "registration closing before it opens" => kit.Definition([day]).With("registrationCloses", kit.Today.AddDays(-2).ToString("yyyy-MM-dd")),
            "a first day in the past" => kit.Definition([kit.Today.AddDays(-1)]),
            "a second day in the past" => kit.Definition([day, kit.Today.AddDays(-1)]),
            "a meeting-request deadline after the forum starts" => kit.Definition([day]).With("requestDeadline", day.ToString("yyyy-MM-dd") + "T09:30:00"),
            "a meeting-request deadline before registration opens" => kit.Definition([day]).With("requestDeadline", kit.Today.AddDays(-3).ToString("yyyy-MM-dd") + "T12:00:00"),
            _ => throw new ArgumentOutOfRangeException(nameof(bad), bad, null),
        };
        var before = await RowsAsync();

        var problem = await (await organiser.PostAsJsonAsync("/api/v1/forums", definition)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldContain(field, problem.ToJsonString());
        (await RowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_bad_change_to_a_forums_definition_names_the_field_once_and_leaves_the_forum_unchanged()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var definition = kit.Definition(end: "12:00");
        var forum = await ForumKit.CreateForumAsync(organiser, definition);
        var id = forum["id"]!.GetValue<Guid>();
        var before = await RowsAsync();

        var bad = definition.With("days", new[] { new { date = kit.Today.AddDays(40).ToString("yyyy-MM-dd"), start = "09:00", end = "12:00", slotMinutes = 30, breaks = LateLunch } });
        var problem = await (await organiser.PutAsJsonAsync($"/api/v1/forums/{id}", new { definition = bad, version = forum["version"] })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["definition.days[0].breaks"]);
        (await RowsAsync()).ShouldBe(before);
        var after = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{id}");
        after!["days"]![0]!["breaks"]!.AsArray().ShouldBeEmpty();
        after["version"]!.GetValue<Guid>().ShouldBe(forum["version"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_deadline_at_the_forums_start_is_accepted_and_one_minute_later_is_refused_with_the_start()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var day = kit.Today.AddDays(30);

        await ForumKit.CreateForumAsync(organiser, kit.Definition([day]).With("requestDeadline", day.ToString("yyyy-MM-dd") + "T09:00:00"));
        var problem = await (await organiser.PostAsJsonAsync("/api/v1/forums", kit.Definition([day]).With("requestDeadline", day.ToString("yyyy-MM-dd") + "T09:01:00")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["requestDeadline"]);
        problem["errors"]!["requestDeadline"]![0]!.GetValue<string>()
            .ShouldBe($"The deadline for meeting requests must be no later than the start of the forum ({day:yyyy-MM-dd} 09:00).");
    }

    [Fact]
    public async Task A_template_forum_starting_in_the_past_is_refused_and_one_starting_tomorrow_is_created()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var before = await RowsAsync();

        var problem = await (await organiser.PostAsJsonAsync("/api/v1/forums", new { template = "cansec", startDate = kit.Today.AddDays(-1).ToString("yyyy-MM-dd") }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["startDate"]);
        problem["errors"]!["startDate"]![0]!.GetValue<string>().ShouldBe("The forum cannot start in the past: choose a first day still to come.");
        (await RowsAsync()).ShouldBe(before);
        await (await organiser.PostAsJsonAsync("/api/v1/forums", new { template = "cansec", startDate = kit.Today.AddDays(2).ToString("yyyy-MM-dd") }))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_forum_that_took_place_can_be_corrected_but_not_moved_or_extended_into_the_past()
    {
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        var organiser = await app.ClientForAsync(organiserEmail);
        var day = kit.Today.AddDays(10);
        var definition = kit.Definition([day], deadline: app.Clock.GetUtcNow().UtcDateTime.AddDays(5));
        var forum = await ForumKit.CreateForumAsync(organiser, definition);
        var id = forum["id"]!.GetValue<Guid>();

        app.Clock.Advance(TimeSpan.FromDays(20));
        try
        {
            organiser = await app.ClientForAsync(organiserEmail);
            var renamed = await organiser.PutAsJsonAsync($"/api/v1/forums/{id}", new { definition = definition.With("name", "Forum held last week").With("venue", "Shaw Centre, Hall B") });
            await renamed.ShouldSucceedAsync();
            var before = await RowsAsync();

            var moved = await (await organiser.PutAsJsonAsync($"/api/v1/forums/{id}", new { definition = definition.With("days", Days(day.AddDays(1))) }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            moved.ErrorFields().ShouldBe(["definition.days[0].date"]);
            moved["errors"]!["definition.days[0].date"]![0]!.GetValue<string>()
                .ShouldBe($"{day.AddDays(1):yyyy-MM-dd} 09:00 has already passed: a forum day cannot be added or moved into the past.");
            var extended = await (await organiser.PutAsJsonAsync($"/api/v1/forums/{id}", new { definition = definition.With("days", Days(day, day.AddDays(1))) }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            extended.ErrorFields().ShouldBe(["definition.days[1].date"]);

            (await RowsAsync()).ShouldBe(before);
            var after = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{id}");
            (after!["name"]!.GetValue<string>(), after["days"]!.AsArray().Single()!["date"]!.GetValue<string>()).ShouldBe(("Forum held last week", day.ToString("yyyy-MM-dd")));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Theory]
    [InlineData("en", "The deadline for meeting requests must be no later than the start of the forum ({0:yyyy-MM-dd} 09:00).")]
    [InlineData("fr", "La date limite des demandes de rencontre doit tomber au plus tard au début du forum ({0:yyyy-MM-dd} 09:00).")]
    [InlineData("ko", "상담 요청 마감은 포럼 시작 시각({0:yyyy-MM-dd} 09:00)보다 늦을 수 없습니다.")]
    public async Task The_forum_page_refuses_a_deadline_after_the_start_beside_the_field_in_the_readers_language(string culture, string message)
    {
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        var organiser = await app.ClientForAsync(organiserEmail);
        var day = kit.Today.AddDays(30);
        var forum = (await ForumKit.CreateForumAsync(organiser, kit.Definition([day])))["id"]!.GetValue<Guid>();
        using var browser = await BrowserlessClient.SignedInAsync(app, organiserEmail);
        await browser.SubmitFormAsync("/Forums", [("culture", culture)], "form[data-testid=language-switcher]");

        var refused = await BrowserlessClient.ParseAsync(await browser.SubmitFormAsync($"/Forums/{forum}/Edit",
            [("Definition.RequestDeadline", day.AddDays(1).ToString("yyyy-MM-dd") + "T12:00")]));

        BrowserlessClient.FieldError(refused, "Definition.RequestDeadline").ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, day));
        refused.QuerySelector("#Definition_RequestDeadline")!.GetAttribute("aria-invalid").ShouldBe("true");
        var stored = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forum}");
        DateTime.Parse(stored!["requestDeadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeLessThan(day.ToDateTime(TimeOnly.MinValue));
    }

    [Theory]
    [InlineData("en", "The forum cannot start in the past: choose a first day still to come.")]
    [InlineData("fr", "Le forum ne peut pas commencer dans le passé\u00a0: choisissez un premier jour à venir.")]
    public async Task The_new_forum_page_refuses_a_first_day_in_the_past_beside_the_field(string culture, string message)
    {
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        using var browser = await BrowserlessClient.SignedInAsync(app, organiserEmail);
        await browser.SubmitFormAsync("/Forums", [("culture", culture)], "form[data-testid=language-switcher]");
        var before = await RowsAsync();

        var refused = await BrowserlessClient.ParseAsync(await browser.SubmitFormAsync("/Forums/Create",
            [("Template", "adex"), ("StartDate", kit.Today.AddDays(-7).ToString("yyyy-MM-dd"))], "form[data-testid=create-forum]"));

        BrowserlessClient.FieldError(refused, "StartDate").ShouldBe(message);
        (await RowsAsync()).ShouldBe(before);
    }

    [Fact]
    public void The_demo_forums_meet_the_rules_of_a_new_forum_whatever_day_they_are_seeded()
    {
        var start = new DateTime(2026, 1, 1, 3, 0, 0, DateTimeKind.Utc);
        for (var now = start; now < start.AddYears(2); now = now.AddHours(17))
        {
            var (published, open) = DemoForums.Definitions(now);
            foreach (var forum in new[] { published, open })
            {
                var failures = new ForumInputValidator().Validate(forum).Errors.Concat(ForumDaysInThePast.Check(forum, [], now, ""));
                failures.Select(f => f.ErrorMessage).ShouldBeEmpty($"{forum.Name} seeded at {now:yyyy-MM-dd HH:mm}");
            }

            DateOnly.FromDateTime(now).ShouldBeInRange(open.RegistrationOpens, open.RegistrationCloses, $"CANSEC seeded at {now:yyyy-MM-dd} is open for registration");
        }
    }

    [Fact]
    public async Task An_unknown_template_is_refused_with_the_field_and_nothing_is_saved()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var before = await RowsAsync();

        var problem = await (await organiser.PostAsJsonAsync("/api/v1/forums", new { template = "dsei", startDate = kit.Today.AddDays(60).ToString("yyyy-MM-dd") }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["template"]);
        problem["errors"]!["template"]![0]!.GetValue<string>().ShouldContain("cansec, adex, canada-korea");
        (await RowsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Unavailability_outside_the_grid_is_refused_and_the_firm_stays_unregistered()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var firm = await kit.FirmAsync("CA");
        var before = await RowsAsync();

        var problem = await (await ForumKit.RegisterAsync(firm.Rep, forumId, firm.Id, ["en"], ["1-2", "1-7", "2-1"])).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["unavailable"]);
        problem["errors"]!["unavailable"]![0]!.GetValue<string>().ShouldContain("1-7, 2-1");
        (await RowsAsync()).ShouldBe(before);
        (await firm.Rep.GetAsync($"/api/v1/forums/{forumId}/registrations/{firm.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requests_to_an_unregistered_firm_to_the_own_firm_or_twice_for_a_pair_are_refused_and_nothing_is_saved()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var absent = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        await ForumKit.RequestAsync(ca, kr, forumId);
        var before = await RowsAsync();

        var unregistered = await (await ForumKit.SendRequestAsync(ca.Rep, forumId, ca.Id, absent.Id)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unregistered.ErrorFields().ShouldBe(["toCompanyId"]);
        unregistered["errors"]!["toCompanyId"]![0]!.GetValue<string>().ShouldBe("That firm is not registered for this forum.");

        var own = await (await ForumKit.SendRequestAsync(ca.Rep, forumId, ca.Id, ca.Id)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        own.ErrorFields().ShouldBe(["toCompanyId"]);

        var again = await (await ForumKit.SendRequestAsync(ca.Rep, forumId, ca.Id, kr.Id, "MustMeet")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again["detail"]!.GetValue<string>().ShouldBe("Your firm has already asked this firm for a meeting.");

        var notRegisteredSender = await (await ForumKit.SendRequestAsync(absent.Rep, forumId, absent.Id, ca.Id)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        notRegisteredSender.ErrorFields().ShouldBe(["fromCompanyId"]);

        (await RowsAsync()).ShouldBe(before);
        var pending = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests");
        pending!["items"]!.AsArray().Single()!["priority"]!.GetValue<string>().ShouldBe("WouldLike");
    }

    [Fact]
    public async Task After_the_deadline_requests_are_neither_sent_nor_answered()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var deadline = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        var forumId = await kit.OpenForumAsync(organiser, kit.Definition(deadline: deadline));
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var kr2 = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        await ForumKit.RegisterAsync(kr2, forumId);
        var pending = (await ForumKit.RequestAsync(ca, kr, forumId))["id"]!.GetValue<Guid>();
        var before = await RowsAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        try
        {
            var late = await (await ForumKit.SendRequestAsync(ca.Rep, forumId, ca.Id, kr2.Id)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            late["detail"]!.GetValue<string>().ShouldStartWith("The deadline for meeting requests passed on");
            var answer = await (await kr.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{pending}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            answer["detail"]!.GetValue<string>().ShouldStartWith("The deadline for meeting requests passed on");
            (await RowsAsync()).ShouldBe(before);
            var request = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests");
            request!["items"]!.AsArray().Single()!["status"]!.GetValue<string>().ShouldBe("Pending");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_run_is_not_started_while_another_is_queued()
    {
        var (organiser, forumId) = await ForumWithAcceptedRequestAsync();
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await (await organiser.PostAsync($"/api/v1/forums/{forumId}/schedule-runs", null)).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var before = await RowsAsync();

        var second = await (await organiser.PostAsync($"/api/v1/forums/{forumId}/schedule-runs", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        second["detail"]!.GetValue<string>().ShouldContain("already under way");
        (await RowsAsync()).ShouldBe(before);
        (await app.WithDbAsync(db => db.ScheduleRuns.CountAsync(r => r.ForumId == forumId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_timetable_is_not_published_when_the_last_run_failed()
    {
        var (organiser, forumId) = await ForumWithAcceptedRequestAsync();
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        var started = await organiser.PostAsync($"/api/v1/forums/{forumId}/schedule-runs", null);
        var runId = (await started.JsonAsync())["id"]!.GetValue<Guid>();
        // The instance running it stopped: the run failed, and the working timetable is that of the previous run.
        await app.WithDbAsync(db => db.ScheduleRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Status, ScheduleRunStatus.Failed).SetProperty(x => x.Phase, "failed").SetProperty(x => x.Error, "The engine stopped.")));
        (await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/schedule-runs/{runId}"))!["status"]!.GetValue<string>().ShouldBe("Failed");
        var before = await RowsAsync();

        var problem = await (await organiser.PostAsync($"/api/v1/forums/{forumId}/publish", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem["detail"]!.GetValue<string>().ShouldContain("The last run failed");
        (await RowsAsync()).ShouldBe(before);
        var forum = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}");
        (forum!["status"]!.GetValue<string>(), forum["revision"]!.GetValue<int>()).ShouldBe(("Scheduling", 0));

        // A new run that completes may be published.
        await kit.ScheduleAsync(organiser, forumId);
        (await ForumKit.PublishAsync(organiser, forumId))["meetings"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task The_time_zone_of_a_forum_with_scheduled_meetings_does_not_change_since_every_meeting_would_move()
    {
        var definition = kit.Definition();
        var (organiser, forumId) = await ForumWithAcceptedRequestAsync(definition);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);
        var before = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}");
        var startsAt = await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.ForumId == forumId).Select(m => m.StartsAt).SingleAsync());

        var moved = await organiser.PutAsJsonAsync($"/api/v1/forums/{forumId}", new { definition = definition.With("timeZone", "America/Vancouver") });

        var problem = await moved.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["definition.timeZone"]);
        var after = await organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}");
        (after!["timeZone"]!.GetValue<string>(), after["version"]!.GetValue<Guid>()).ShouldBe(("America/Toronto", before!["version"]!.GetValue<Guid>()));
        after["days"]![0]!["slots"]![0]!["startsAt"]!.GetValue<DateTime>().ShouldBe(before["days"]![0]!["slots"]![0]!["startsAt"]!.GetValue<DateTime>());
        (await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.ForumId == forumId).Select(m => m.StartsAt).SingleAsync())).ShouldBe(startsAt);
        await (await organiser.PutAsJsonAsync($"/api/v1/forums/{forumId}", new { definition = definition.With("venue", "Rideau Hall") })).ShouldSucceedAsync();
    }

    [Fact]
    public async Task Every_time_zone_the_registration_page_suggests_is_one_a_registration_accepts()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var firm = await kit.FirmAsync("KR");
        using var browser = await BrowserlessClient.SignedInAsync(app, firm.RepEmail);
        var page = await browser.GetDocumentAsync($"/Forums/{forumId}/Register?companyId={firm.Id}");
        var suggested = page.QuerySelectorAll("datalist#zones option").Select(o => o.GetAttribute("value")!).ToList();

        suggested.ShouldNotBeEmpty();
        foreach (var zone in suggested)
        {
            var registered = await firm.Rep.PostAsJsonAsync($"/api/v1/forums/{forumId}/registrations", new
            {
                companyId = firm.Id, delegates = new[] { new { name = "Min-jun Park", languages = KoreanAndEnglish } }, timeZone = zone,
            });
            await registered.ShouldSucceedAsync();
            (await registered.JsonAsync())["timeZone"]!.GetValue<string>().ShouldBe(zone);
        }
    }

    private async Task<(HttpClient Organiser, Guid ForumId)> ForumWithAcceptedRequestAsync(Dictionary<string, object?>? definition = null)
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser, definition);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        await ForumKit.AcceptedAsync(ca, kr, forumId);
        return (organiser, forumId);
    }

    private static object[] Days(params DateOnly[] dates) =>
        dates.Select(d => new { date = d.ToString("yyyy-MM-dd"), start = "09:00", end = "12:00", slotMinutes = 30, breaks = Array.Empty<string>() }).ToArray();

    /// <summary>Row counts of every forum table.</summary>
    private Task<string> RowsAsync() => app.WithDbAsync(async db => string.Join(", ",
        $"forums {await db.Forums.CountAsync()}",
        $"days {await db.ForumDays.CountAsync()}",
        $"interpreters {await db.ForumInterpreters.CountAsync()}",
        $"organisers {await db.ForumOrganisers.CountAsync()}",
        $"registrations {await db.ForumRegistrations.CountAsync()}",
        $"attendees {await db.ForumAttendees.CountAsync()}",
        $"requests {await db.MeetingRequests.CountAsync()}",
        $"accepted {await db.MeetingRequests.CountAsync(r => r.Status == MeetingRequestStatus.Accepted)}",
        $"runs {await db.ScheduleRuns.CountAsync()}",
        $"meetings {await db.ForumMeetings.CountAsync()}",
        $"published {await db.PublishedMeetings.CountAsync()}",
        $"outbox {await db.OutboxMessages.CountAsync()}"));
}
