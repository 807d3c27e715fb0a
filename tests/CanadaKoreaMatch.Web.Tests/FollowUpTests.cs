using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Meeting reminders: planned by publication, moved and cancelled by re-publication, sent once when due (the clock is moved, not waited for).</summary>
public sealed class FollowUpTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] TwentyFourHours = ["MeetingReminder24h"];
    private static readonly string[] Unknown = ["Nope"];

    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task Reminders_follow_the_published_timetable_and_nothing_is_sent_about_a_removed_meeting()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var kr2 = await kit.FirmAsync("KR");
        foreach (var firm in new[] { ca, kr, kr2 })
        {
            await ForumKit.RegisterAsync(firm, forumId);
        }

        var kept = await ForumKit.AcceptedAsync(ca, kr, forumId);
        var removed = await ForumKit.AcceptedAsync(ca, kr2, forumId);
        await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync(); // what is due at once (verifications, answers to requests) goes out before the reminders are counted
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);

        var planned = await FollowUpsAsync(organiser, forumId);
        planned.Count.ShouldBe(12);
        var startsAt = await StartsAtAsync(ca, forumId);
        var feedback = planned.Where(f => f.Kind == "MeetingFeedback").ToList();
        feedback.Count.ShouldBe(4);
        feedback.Select(f => f.DueAt).Distinct().Count().ShouldBe(1, "one feedback request per meeting and representative, at the end of the forum day");
        feedback[0].DueAt.ShouldBeGreaterThan(startsAt.Values.Max());
        foreach (var meeting in new[] { kept, removed })
        {
            var mine = planned.Where(f => f.SubjectId == meeting).ToList();
            mine.Count(f => f.Kind == "MeetingReminder24h").ShouldBe(2);
            mine.Count(f => f.Kind == "MeetingReminder1h").ShouldBe(2);
            mine.Where(f => f.Kind == "MeetingReminder24h").ShouldAllBe(f => f.DueAt == startsAt[meeting].AddHours(-24));
            mine.Where(f => f.Kind == "MeetingReminder1h").ShouldAllBe(f => f.DueAt == startsAt[meeting].AddHours(-1));
            mine.ShouldAllBe(f => f.Status == "Scheduled");
        }

        // The organiser moves one meeting an hour later and takes the other firm out: its meeting disappears.
        var slot = await SlotOfAsync(organiser, forumId, kept);
        var target = slot.Slot < 4 ? slot.Slot + 2 : slot.Slot - 2;
        await (await ForumKit.MoveAsync(organiser, forumId, kept, slot.Day, target)).ShouldSucceedAsync();
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        var everySlot = Enumerable.Range(1, 6).Select(s => $"1-{s}").ToArray();
        await ForumKit.RegisterAsync(kr2, forumId, unavailable: everySlot);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);

        var after = await FollowUpsAsync(organiser, forumId);
        var moved = (await StartsAtAsync(ca, forumId))[kept];
        moved.ShouldBe(startsAt[kept].AddMinutes((target - slot.Slot) * 30));
        after.Where(f => f.SubjectId == kept && f.Kind == "MeetingReminder24h").ShouldAllBe(f => f.DueAt == moved.AddHours(-24) && f.Status == "Scheduled");
        after.Where(f => f.SubjectId == kept && f.Kind == "MeetingReminder1h").ShouldAllBe(f => f.DueAt == moved.AddHours(-1) && f.Status == "Scheduled");
        after.Where(f => f.SubjectId == removed).ShouldAllBe(f => f.Status == "Cancelled");
        after.Count.ShouldBe(12);
        after.Where(f => f.SubjectId == kept && f.Kind == "MeetingFeedback").ShouldAllBe(f => f.Status == "Scheduled");

        try
        {
            app.Clock.Advance(moved - app.Clock.GetUtcNow().UtcDateTime);
            var sent = await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
            sent.ShouldBe(4);
            (await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync()).ShouldBe(0);

            // Forty days later the morning's tokens have expired: sign in again.
            var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
            var krRep = await app.ClientForAsync(kr.RepEmail);
            var kr2Rep = await app.ClientForAsync(kr2.RepEmail);
            var final = await FollowUpsAsync(official, forumId);
            final.Where(f => f.SubjectId == kept && f.Kind != "MeetingFeedback").ShouldAllBe(f => f.Status == "Sent");
            final.Where(f => f.SubjectId == removed).ShouldAllBe(f => f.Status == "Cancelled");

            await app.DeliverMailAsync();
            var caMail = (await app.MailToAsync(ca.RepEmail)).Where(m => !m.Contains("your request for a meeting", StringComparison.Ordinal)).ToList();
            caMail.Count(m => m.Contains(kr.Name, StringComparison.Ordinal)).ShouldBe(2);
            caMail.ShouldNotContain(m => m.Contains(kr2.Name, StringComparison.Ordinal));
            (await app.MailToAsync(kr2.RepEmail)).ShouldNotContain(m => m.Contains(ca.Name, StringComparison.Ordinal) && m.Contains("meeting with", StringComparison.Ordinal));

            var notifications = await (await krRep.GetAsync("/api/v1/me/notifications")).JsonAsync();
            notifications["unread"]!.GetValue<int>().ShouldBe(3, "two reminders and the notice of the firm's verification");
            var reminders = notifications["items"]!.AsArray().Where(n => n!["kind"]!.GetValue<string>().StartsWith("MeetingReminder", StringComparison.Ordinal)).ToList();
            reminders.Count.ShouldBe(2);
            reminders.ShouldAllBe(n => n!["title"]!.GetValue<string>().Contains(ca.Name, StringComparison.Ordinal));
            await (await krRep.PostAsync("/api/v1/me/notifications/read", null)).ShouldSucceedAsync();
            (await (await krRep.GetAsync("/api/v1/me/notifications")).JsonAsync())["unread"]!.GetValue<int>().ShouldBe(0);
            (await (await kr2Rep.GetAsync("/api/v1/me/notifications")).JsonAsync())["items"]!.AsArray()
                .ShouldAllBe(n => n!["kind"]!.GetValue<string>() == nameof(FollowUpKind.FirmVerified), "nothing about the removed meeting");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_each_due_follow_up_exactly_once()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser, kit.Definition(tables: ["T1", "T2", "T3", "T4"]));
        var ca = new[] { await kit.FirmAsync("CA"), await kit.FirmAsync("CA"), await kit.FirmAsync("CA") };
        var kr = new[] { await kit.FirmAsync("KR"), await kit.FirmAsync("KR"), await kit.FirmAsync("KR") };
        foreach (var firm in ca.Concat(kr))
        {
            await ForumKit.RegisterAsync(firm, forumId);
        }

        foreach (var a in ca)
        {
            foreach (var b in kr)
            {
                await ForumKit.AcceptedAsync(a, b, forumId);
            }
        }

        await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync(); // what is due at once (verifications, answers to requests) goes out before the reminders are counted

        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);
        var planned = (await FollowUpsAsync(organiser, forumId)).Where(f => f.Status == "Scheduled" && f.Kind.StartsWith("MeetingReminder", StringComparison.Ordinal)).ToList();
        planned.Count.ShouldBe(36);

        try
        {
            app.Clock.Advance(planned.Max(f => f.DueAt) - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
            var dispatch = app.Services.GetRequiredService<FollowUpDispatch>();
            var sent = await Task.WhenAll(dispatch.RunOnceAsync(), dispatch.RunOnceAsync(), dispatch.RunOnceAsync());
            sent.Sum().ShouldBe(36);
            await app.WithDbAsync(async db =>
            {
                var ids = planned.Select(f => f.Id).ToList();
                (await db.FollowUps.CountAsync(f => ids.Contains(f.Id) && f.Status == FollowUpStatus.Sent)).ShouldBe(36);
                var notifications = await db.Notifications.Where(n => n.FollowUpId != null && ids.Contains(n.FollowUpId.Value)).ToListAsync();
                notifications.Count.ShouldBe(36);
                notifications.Select(n => n.FollowUpId).Distinct().Count().ShouldBe(36);
                var reminders = await db.OutboxMessages.Where(m => m.Template == "meeting-reminder").ToListAsync();
                var emails = ca.Concat(kr).Select(f => f.RepEmail).ToHashSet();
                reminders.Count(m => emails.Contains(m.To)).ShouldBe(36);
            });
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_turned_off_kind_is_not_sent_and_organisers_cancel_and_send_again()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        var meeting = await ForumKit.AcceptedAsync(ca, kr, forumId);
        await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync(); // what is due at once (verifications, answers to requests) goes out before the reminders are counted
        (await (await kr.Rep.PutAsJsonAsync("/api/v1/me/notification-preferences", new { language = "ko", muted = TwentyFourHours })).JsonAsync())["language"]!
            .GetValue<string>().ShouldBe("ko");
        (await kr.Rep.PutAsJsonAsync("/api/v1/me/notification-preferences", new { language = "de", muted = Unknown })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);
        var planned = (await FollowUpsAsync(organiser, forumId)).Where(f => f.Kind.StartsWith("MeetingReminder", StringComparison.Ordinal)).ToList();
        var caUser = await app.WithDbAsync(db => db.Users.Where(u => u.Email == ca.RepEmail).Select(u => u.Id).SingleAsync());
        var caOneHour = planned.Single(f => f.Kind == "MeetingReminder1h" && f.SubjectId == meeting && f.RecipientUserId == caUser);

        (await (await organiser.PostAsync($"/api/v1/follow-ups/{caOneHour.Id}/cancel", null)).JsonAsync())["status"]!.GetValue<string>().ShouldBe("Cancelled");
        (await organiser.PostAsync($"/api/v1/follow-ups/{caOneHour.Id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await kr.Rep.PostAsync($"/api/v1/follow-ups/{caOneHour.Id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.ClientInRoleAsync(Roles.ForumOrganiser)).PostAsync($"/api/v1/follow-ups/{caOneHour.Id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Publishing again does not bring back what the organiser cancelled.
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await ForumKit.PublishAsync(organiser, forumId);
        (await FollowUpsAsync(organiser, forumId)).Single(f => f.Id == caOneHour.Id).Status.ShouldBe("Cancelled");

        try
        {
            app.Clock.Advance(planned.Max(f => f.DueAt) - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
            (await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync()).ShouldBe(2);
            var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
            var after = await FollowUpsAsync(official, forumId);
            after.Single(f => f.Id == caOneHour.Id).Status.ShouldBe("Cancelled");
            after.Count(f => f.Status == "Sent").ShouldBe(2);
            after.Count(f => f.Status == "Cancelled").ShouldBe(2);
            after.Count(f => f.Kind == "MeetingFeedback" && f.Status == "Scheduled").ShouldBe(2, "the feedback requests wait for the end of the forum day");

            (await (await official.PostAsync($"/api/v1/follow-ups/{caOneHour.Id}/retry", null)).JsonAsync())["status"]!.GetValue<string>().ShouldBe("Scheduled");
            (await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync()).ShouldBe(1);
            (await FollowUpsAsync(official, forumId)).Single(f => f.Id == caOneHour.Id).Status.ShouldBe("Sent");
            await app.DeliverMailAsync();
            (await app.MailToAsync(kr.RepEmail)).ShouldContain(m => m.Contains("1시간 후", StringComparison.Ordinal) || m.Contains("상담", StringComparison.Ordinal));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Only_the_forums_organisers_and_the_officials_list_its_follow_ups()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var other = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var firm = await kit.FirmAsync("CA");

        (await app.CreateClient().GetAsync($"/api/v1/follow-ups?forumId={forumId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await firm.Rep.GetAsync($"/api/v1/follow-ups?forumId={forumId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync($"/api/v1/follow-ups?forumId={forumId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync("/api/v1/follow-ups")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await organiser.GetAsync($"/api/v1/follow-ups?forumId={forumId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await kit.OfficialAsync()).GetAsync($"/api/v1/follow-ups?forumId={forumId}&kind=MeetingReminder1h&status=Scheduled")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync("/api/v1/me/notifications")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Officials_see_every_follow_up_on_their_page_and_cancel_one_there_and_representatives_are_refused_it()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        await ForumKit.AcceptedAsync(ca, kr, forumId);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);

        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        using var official = await BrowserlessClient.SignedInAsync(app, officialEmail);
        var page = await official.GetDocumentAsync("/Officials/FollowUps?status=Scheduled");
        var rows = page.QuerySelectorAll("[data-testid=follow-up]");
        rows.Length.ShouldBeGreaterThanOrEqualTo(6);
        rows.Select(r => r.TextContent).ShouldContain(t => t.Contains("Feedback request after the forum day", StringComparison.Ordinal));

        var cancelled = await official.SubmitFormAsync("/Officials/FollowUps?status=Scheduled", [], "table[data-testid=follow-ups] form");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await app.WithDbAsync(async db =>
        {
            var officialId = await db.Users.Where(u => u.Email == officialEmail).Select(u => u.Id).SingleAsync();
            var byOfficial = await db.FollowUps.Where(f => f.CancelledBy == officialId).ToListAsync();
            byOfficial.Count.ShouldBe(1, "the first scheduled follow-up on the page");
            byOfficial[0].Status.ShouldBe(FollowUpStatus.Cancelled);
        });

        using var representative = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        (await representative.Http.GetAsync("/Officials/FollowUps")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);

        // The other tests of this class count what a dispatch sends: leave nothing of this forum to send.
        await app.WithDbAsync(db => db.FollowUps.Where(f => f.ForumId == forumId && f.Status == FollowUpStatus.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, FollowUpStatus.Cancelled)));
    }

    private sealed record FollowUpRow(Guid Id, string Kind, Guid? SubjectId, DateTime DueAt, string Status, string RecipientUserId);

    private static async Task<List<FollowUpRow>> FollowUpsAsync(HttpClient client, Guid forumId)
    {
        var list = await (await client.GetAsync($"/api/v1/follow-ups?forumId={forumId}")).JsonAsync();
        list["total"]!.GetValue<int>().ShouldBe(list["items"]!.AsArray().Count);
        return list["items"]!.AsArray().Select(f => new FollowUpRow(
            f!["id"]!.GetValue<Guid>(), f["kind"]!.GetValue<string>(), f["subjectId"]?.GetValue<Guid>(),
            f["dueAt"]!.GetValue<DateTime>().ToUniversalTime(), f["status"]!.GetValue<string>(), f["recipientUserId"]!.GetValue<string>())).ToList();
    }

    private static async Task<Dictionary<Guid, DateTime>> StartsAtAsync(ForumFirm firm, Guid forumId)
    {
        var agenda = await (await firm.Rep.GetAsync($"/api/v1/forums/{forumId}/agenda?companyId={firm.Id}")).JsonAsync();
        return agenda["items"]!.AsArray().ToDictionary(i => i!["meetingId"]!.GetValue<Guid>(), i => i!["startsAt"]!.GetValue<DateTime>().ToUniversalTime());
    }

    private static async Task<(int Day, int Slot)> SlotOfAsync(HttpClient organiser, Guid forumId, Guid meetingId)
    {
        var timetable = await (await organiser.GetAsync($"/api/v1/forums/{forumId}/timetable")).JsonAsync();
        var meeting = timetable["meetings"]!.AsArray().Single(m => m!["meetingId"]!.GetValue<Guid>() == meetingId)!;
        return (meeting["day"]!.GetValue<int>(), meeting["slot"]!.GetValue<int>());
    }
}
