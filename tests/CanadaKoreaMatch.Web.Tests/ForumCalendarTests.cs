using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// The agendas as calendars, read back by an independent parser (Debian's python3-icalendar, see tools/ics_events.py):
/// stable UIDs, SEQUENCE, cancellations, the instants around daylight-saving changes, and the secret feed URL.
/// </summary>
public sealed class ForumCalendarTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] Bilingual = ["en", "ko"];

    private readonly ForumKit kit = new(app);

    private sealed record IcsEvent(string Uid, int Sequence, string Status, string Start, string End);

    /// <summary>Three days; firm A meets B, C and D at 09:00 local, one a day (the last meeting unlocked).</summary>
    private sealed record Published(HttpClient Organiser, Guid Forum, ForumFirm A, ForumFirm[] Others, Guid[] Meetings);

    [Theory]
    [InlineData("America/Toronto", "2027-03-13", "14:00", "13:00", "13:00")] // EST, then EDT from 14 March 02:00
    [InlineData("America/Toronto", "2027-11-06", "13:00", "14:00", "14:00")] // EDT, then EST from 7 November 02:00
    [InlineData("Asia/Seoul", "2027-03-13", "00:00", "00:00", "00:00")] // KST all year
    public async Task A_nine_oclock_meeting_is_at_the_right_instant_each_day_around_the_clock_changes(
        string timeZone, string firstDay, string day1Utc, string day2Utc, string day3Utc)
    {
        var first = DateOnly.ParseExact(firstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = new[] { first, first.AddDays(1), first.AddDays(2) };
        var expected = new[] { day1Utc, day2Utc, day3Utc }.Select((t, i) => $"{days[i]:yyyy-MM-dd}T{t}:00Z").ToArray();
        var expectedEnd = expected.Select(e => DateTime.Parse(e, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).ToArray();

        var published = await PublishedAsync(timeZone, days);

        // The forum's grid.
        var forum = (await published.Organiser.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{published.Forum}"))!;
        forum["days"]!.AsArray().Select(d => Utc(d!["slots"]![0]!["startsAt"]!)).ShouldBe(expected);

        // The calendar, as another program reads it.
        var events = await IcsAsync(published.A, published.Forum);
        events.Count.ShouldBe(3);
        for (var i = 0; i < 3; i++)
        {
            events.Single(e => e.Uid == Uid(published.Meetings[i])).ShouldBe(new IcsEvent(Uid(published.Meetings[i]), 0, "CONFIRMED", expected[i], expectedEnd[i]));
        }

        // The counterpart's calendar holds the same instant.
        (await IcsAsync(published.Others[1], published.Forum)).Single().ShouldBe(new IcsEvent(Uid(published.Meetings[1]), 0, "CONFIRMED", expected[1], expectedEnd[1]));

        // The agenda in JSON: UTC with 'Z', the forum's local time, and the Korean firm's own (Seoul) time.
        var agenda = (await published.A.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{published.Forum}/agenda?companyId={published.A.Id}"))!;
        agenda["items"]!.AsArray().Select(i => i!["startsAt"]!.GetValue<string>()).ShouldBe(expected);
        agenda["items"]!.AsArray().Select(i => i!["forumTime"]!.GetValue<string>()).ShouldAllBe(t => t == "09:00–09:30");
        var korean = (await published.Others[0].Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{published.Forum}/agenda?companyId={published.Others[0].Id}"))!;
        var atSeoul = DateTime.Parse(expected[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddHours(9);
        var item = korean["items"]!.AsArray().Single()!;
        (item["localDate"]!.GetValue<string>(), item["localTime"]!.GetValue<string>()).ShouldBe(
            (atSeoul.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{atSeoul:HH:mm}–{atSeoul.AddMinutes(30):HH:mm}"));
    }

    [Fact]
    public async Task Republishing_keeps_each_uid_raises_the_sequence_of_a_moved_meeting_only_and_cancels_a_removed_one()
    {
        var published = await PublishedAsync("America/Toronto", [new DateOnly(2027, 3, 13), new DateOnly(2027, 3, 14), new DateOnly(2027, 3, 15)]);
        var (organiser, forum, a, others, meetings) = (published.Organiser, published.Forum, published.A, published.Others, published.Meetings);
        var before = await IcsAsync(a, forum);
        before.Select(e => e.Uid).ShouldBe(meetings.Select(Uid), ignoreOrder: true);

        // The organiser moves the second meeting half an hour later.
        await (await ForumKit.MoveAsync(organiser, forum, meetings[1], 2, 2, "T1")).ShouldSucceedAsync();
        (await ForumKit.PublishAsync(organiser, forum))["changed"]!.GetValue<int>().ShouldBe(1);

        var moved = await IcsAsync(a, forum);
        moved.Select(e => e.Uid).ShouldBe(before.Select(e => e.Uid), ignoreOrder: true);
        Event(moved, meetings[0]).ShouldBe(Event(before, meetings[0]));
        Event(moved, meetings[1]).ShouldBe(Event(before, meetings[1]) with { Sequence = 1, Start = "2027-03-14T13:30:00Z", End = "2027-03-14T14:00:00Z" });
        Event(moved, meetings[2]).ShouldBe(Event(before, meetings[2]));

        // The third counterpart can no longer come at any time: the next run leaves its meeting out, and publishing cancels it.
        await ForumKit.SetStatusAsync(organiser, forum, ForumStatus.Scheduling);
        await (await ForumKit.RegisterAsync(others[2].Rep, forum, others[2].Id, Bilingual, ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2"])).ShouldSucceedAsync();
        var run = await kit.ScheduleAsync(organiser, forum);
        (run["scheduled"]!.GetValue<int>(), run["unscheduled"]!.GetValue<int>()).ShouldBe((2, 1));
        var republished = await ForumKit.PublishAsync(organiser, forum);
        (republished["changed"]!.GetValue<int>(), republished["cancelled"]!.GetValue<int>(), republished["firmsNotified"]!.GetValue<int>()).ShouldBe((0, 1, 2));

        var after = await IcsAsync(a, forum);
        after.Count.ShouldBe(3);
        Event(after, meetings[0]).ShouldBe(Event(before, meetings[0]));
        Event(after, meetings[1]).ShouldBe(Event(moved, meetings[1]));
        Event(after, meetings[2]).ShouldBe(Event(before, meetings[2]) with { Sequence = 1, Status = "CANCELLED" });
        (await IcsAsync(others[2], forum)).Single().ShouldBe(Event(after, meetings[2]));
        var agenda = (await a.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forum}/agenda?companyId={a.Id}"))!;
        agenda["items"]!.AsArray().Select(i => i!["meetingId"]!.GetValue<Guid>()).ShouldBe([meetings[0], meetings[1]]);

        // Each re-publication told only the firms it changed.
        await app.DeliverMailAsync();
        var changed = Mailbox.All(app.Outbox).Where(m => m.Subject.EndsWith(" has changed", StringComparison.Ordinal)).Select(m => m.To).ToList();
        (changed.Count(t => t == a.RepEmail), changed.Count(t => t == others[0].RepEmail), changed.Count(t => t == others[1].RepEmail), changed.Count(t => t == others[2].RepEmail))
            .ShouldBe((2, 0, 1, 1));
    }

    [Fact]
    public async Task The_calendar_feed_works_without_sign_in_until_revoked_or_replaced_and_covers_every_forum_of_the_firm()
    {
        var toronto = await PublishedAsync("America/Toronto", [new DateOnly(2027, 11, 6), new DateOnly(2027, 11, 7), new DateOnly(2027, 11, 8)]);
        var a = toronto.A;
        var seoul = await PublishedAsync("Asia/Seoul", [new DateOnly(2027, 10, 19), new DateOnly(2027, 10, 20), new DateOnly(2027, 10, 21)], a);
        var anonymous = app.CreateClient();
        var subscription = $"/api/v1/companies/{a.Id}/calendar-subscription";
        (await a.Rep.GetFromJsonAsync<JsonObject>(subscription))!["active"]!.GetValue<bool>().ShouldBeFalse();

        var created = await (await a.Rep.PostAsync(subscription, null)).JsonAsync();

        created["active"]!.GetValue<bool>().ShouldBeTrue();
        var url = created["url"]!.GetValue<string>();
        url.ShouldStartWith($"{AppFactory.PublicBaseUrl}/calendar/");
        url.ShouldEndWith(".ics");
        var feed = new Uri(url).PathAndQuery;
        var state = (await a.Rep.GetFromJsonAsync<JsonObject>(subscription))!;
        (state["active"]!.GetValue<bool>(), state["url"]).ShouldBe((true, null)); // the address is shown once
        var response = await anonymous.GetAsync(feed);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var events = await ParseAsync(await response.Content.ReadAsStringAsync());
        events.Select(e => e.Uid).ShouldBe(toronto.Meetings.Concat(seoul.Meetings).Select(Uid), ignoreOrder: true);
        events.Single(e => e.Uid == Uid(toronto.Meetings[1])).Start.ShouldBe("2027-11-07T14:00:00Z");
        events.Single(e => e.Uid == Uid(seoul.Meetings[1])).Start.ShouldBe("2027-10-20T00:00:00Z");

        // A new address replaces the old one at once.
        var replaced = new Uri((await (await a.Rep.PostAsync(subscription, null)).JsonAsync())["url"]!.GetValue<string>()).PathAndQuery;
        replaced.ShouldNotBe(feed);
        (await anonymous.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(replaced)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Revoking ends it.
        var revoked = await (await a.Rep.DeleteAsync(subscription)).JsonAsync();
        revoked["active"]!.GetValue<bool>().ShouldBeFalse();
        (await anonymous.GetAsync(replaced)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.Rep.GetFromJsonAsync<JsonObject>(subscription))!["active"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task The_calendar_address_ends_when_a_representative_leaves_the_firm_loses_the_role_or_is_disabled()
    {
        var firm = await kit.FirmAsync("CA");
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var anonymous = app.CreateClient();
        var subscription = $"/api/v1/companies/{firm.Id}/calendar-subscription";

        async Task<string> ColleagueAsync()
        {
            var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
            (await firm.Rep.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/representatives", new { email })).EnsureSuccessStatusCode();
            return await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        }

        async Task<string> FeedAsync()
        {
            var feed = new Uri((await (await firm.Rep.PostAsync(subscription, null)).JsonAsync())["url"]!.GetValue<string>()).PathAndQuery;
            (await anonymous.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.OK);
            return feed;
        }

        var removed = await ColleagueAsync();
        var feed = await FeedAsync();
        (await firm.Rep.DeleteAsync($"/api/v1/companies/{firm.Id}/representatives/{removed}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the removed colleague may have kept the address");
        (await firm.Rep.GetFromJsonAsync<JsonObject>(subscription))!["active"]!.GetValue<bool>().ShouldBeFalse();

        var withdrawn = await ColleagueAsync();
        feed = await FeedAsync();
        (await admin.DeleteAsync($"/api/v1/users/{withdrawn}/roles/{Roles.CompanyRepresentative}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var disabled = await ColleagueAsync();
        feed = await FeedAsync();
        (await admin.PostAsync($"/api/v1/users/{disabled}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync(feed)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await FeedAsync();
    }

    private async Task<Published> PublishedAsync(string timeZone, DateOnly[] days, ForumFirm? a = null)
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser, kit.Definition(days, timeZone, start: "09:00", end: "10:00", slotMinutes: 30));
        a ??= await kit.FirmAsync("CA");
        var others = new[] { await kit.FirmAsync("KR"), await kit.FirmAsync("KR"), await kit.FirmAsync("KR") };
        foreach (var firm in others.Prepend(a))
        {
            await ForumKit.RegisterAsync(firm, forum);
        }

        var meetings = new Guid[3];
        for (var i = 0; i < 3; i++)
        {
            meetings[i] = await ForumKit.AcceptedAsync(a, others[i], forum, "MustMeet");
        }

        await ForumKit.SetStatusAsync(organiser, forum, ForumStatus.Scheduling);
        for (var i = 0; i < 3; i++)
        {
            await (await ForumKit.MoveAsync(organiser, forum, meetings[i], i + 1, 1, "T1", locked: i < 2)).ShouldSucceedAsync();
        }

        var result = await ForumKit.PublishAsync(organiser, forum);
        (result["added"]!.GetValue<int>(), result["firmsNotified"]!.GetValue<int>()).ShouldBe((3, 4));
        return new Published(organiser, forum, a, others, meetings);
    }

    /// <summary>The firm's .ics for the forum, downloaded by its representative and parsed by python3-icalendar.</summary>
    private static async Task<List<IcsEvent>> IcsAsync(ForumFirm firm, Guid forumId)
    {
        var response = await firm.Rep.GetAsync($"/api/v1/forums/{forumId}/agenda.ics?companyId={firm.Id}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        return await ParseAsync(await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<IcsEvent>> ParseAsync(string ics)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ckm-agenda-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "tools", "ics_events.py"), file },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var python = Process.Start(start)!;
            var output = python.StandardOutput.ReadToEndAsync();
            var errors = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            python.ExitCode.ShouldBe(0, $"{await errors}\n{ics}");
            return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('|'))
                .Select(f => new IcsEvent(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3], f[4]))
                .ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IcsEvent Event(List<IcsEvent> events, Guid meeting) => events.Single(e => e.Uid == Uid(meeting));

    private static string Uid(Guid meeting) => $"{meeting:N}@canadakoreamatch";

    private static string Utc(JsonNode instant) =>
        instant.GetValue<DateTime>().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
