using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>A firm withdraws a request it sent, or cancels a meeting it agreed to; the organisers cancel a meeting; the other side is told.</summary>
public sealed class ForumCancellationTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_firm_cancels_a_published_meeting_which_leaves_both_agendas_and_its_reminders_and_the_other_firm_is_told()
    {
        var (forumId, ca, kr, meetingId) = await kit.PublishedMeetingAsync();
        (await AgendaIdsAsync(kr, forumId)).ShouldContain(meetingId);

        var cancelled = await ca.Rep.PostAsync(Cancel(forumId, meetingId), null);

        (await cancelled.JsonAsync())["status"]!.GetValue<string>().ShouldBe("Cancelled");
        (await AgendaIdsAsync(kr, forumId)).ShouldNotContain(meetingId);
        (await AgendaIdsAsync(ca, forumId)).ShouldNotContain(meetingId);
        var calendar = await (await kr.Rep.GetAsync($"/api/v1/forums/{forumId}/agenda.ics?companyId={kr.Id}")).Content.ReadAsStringAsync();
        calendar.ShouldContain("STATUS:CANCELLED");
        (await app.WithDbAsync(db => db.ForumMeetings.AnyAsync(m => m.Id == meetingId))).ShouldBeFalse("the meeting left the working timetable");
        (await app.WithDbAsync(db => db.FollowUps.AnyAsync(f => f.SubjectId == meetingId && f.Status == FollowUpStatus.Scheduled
            && (f.Kind == FollowUpKind.MeetingReminder24h || f.Kind == FollowUpKind.MeetingReminder1h || f.Kind == FollowUpKind.MeetingFeedback)))).ShouldBeFalse();
        await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
        (await app.MailToAsync(kr.RepEmail)).ShouldContain(m => m.Contains($"<b>{ca.Name}</b> cancelled your meeting", StringComparison.Ordinal));
        (await app.MailToAsync(ca.RepEmail)).ShouldNotContain(m => m.Contains("cancelled your meeting", StringComparison.Ordinal), "the firm that cancelled is not told");

        (await (await ca.Rep.PostAsync(Cancel(forumId, meetingId), null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldBe("This meeting is already cancelled.");
        (await ForumKit.PublishAsync(kit.OrganiserOf(forumId), forumId))["cancelled"]!.GetValue<int>().ShouldBe(0, "the firms were told when it was cancelled");
    }

    [Fact]
    public async Task A_representative_cancels_a_coming_meeting_from_the_agenda()
    {
        var (forumId, _, kr, meetingId) = await kit.PublishedMeetingAsync();
        using var browser = await BrowserlessClient.SignedInAsync(app, kr.RepEmail);
        var agenda = $"/Forums/{forumId}/Agenda?companyId={kr.Id}";

        var cancelled = await browser.SubmitFormAsync(agenda, [], $"[data-meeting='{meetingId}'] form");

        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await StatusOfAsync(meetingId)).ShouldBe(MeetingRequestStatus.Cancelled);
        (await browser.GetDocumentAsync(agenda)).QuerySelector("[data-testid=agenda-item]").ShouldBeNull("the meeting left the agenda");
    }

    [Fact]
    public async Task A_pair_whose_meeting_was_cancelled_may_ask_again_and_the_request_is_new()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var first = await ForumKit.AcceptedAsync(ca, kr, forumId, "MustMeet");
        await (await kr.Rep.PostAsync(Cancel(forumId, first), null)).ShouldSucceedAsync();

        var again = await ForumKit.RequestAsync(kr, ca, forumId);

        again["status"]!.GetValue<string>().ShouldBe("Pending");
        again["from"]!["id"]!.GetValue<Guid>().ShouldBe(kr.Id);
        again["priority"]!.GetValue<string>().ShouldBe("WouldLike");
        again["mutual"]!.GetValue<bool>().ShouldBeFalse();
        var requestId = again["id"]!.GetValue<Guid>();
        await (await ca.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{requestId}/accept", null)).ShouldSucceedAsync();
        (await app.WithDbAsync(db => db.MeetingRequests.CountAsync(r => r.ForumId == forumId))).ShouldBe(1, "one record per pair and forum");
        (await app.WithDbAsync(db => db.FollowUps.CountAsync(f => f.SubjectId == requestId && f.Kind == FollowUpKind.MeetingRequestReceived)))
            .ShouldBe(2, "the firm asked again is told again");
    }

    [Fact]
    public async Task Officials_may_add_again_a_must_meet_pair_that_a_firm_cancelled()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var official = await kit.OfficialAsync();
        var added = await official.PostAsJsonAsync($"/api/v1/forums/{forumId}/must-meet", new { firstCompanyId = ca.Id, secondCompanyId = kr.Id });
        var pairId = (await added.JsonAsync())["id"]!.GetValue<Guid>();
        await (await kr.Rep.PostAsync(Cancel(forumId, pairId), null)).ShouldSucceedAsync();

        var again = await official.PostAsJsonAsync($"/api/v1/forums/{forumId}/must-meet", new { firstCompanyId = ca.Id, secondCompanyId = kr.Id });

        await again.ShouldHaveStatusAsync(HttpStatusCode.Created);
        (await StatusOfAsync(pairId)).ShouldBe(MeetingRequestStatus.Accepted);
        await (await kr.Rep.PostAsync(Cancel(forumId, pairId), null)).ShouldSucceedAsync();
        (await app.WithDbAsync(db => db.FollowUps.CountAsync(f => f.SubjectId == pairId && f.Kind == FollowUpKind.MeetingCancelled)))
            .ShouldBe(2, "the Canadian firm is told of each cancellation");
    }

    [Fact]
    public async Task Only_the_asking_firm_withdraws_an_unanswered_request_and_it_can_no_longer_be_accepted()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var requestId = (await ForumKit.RequestAsync(ca, kr, forumId))["id"]!.GetValue<Guid>();
        var outsider = await kit.FirmAsync("KR");

        (await (await kr.Rep.PostAsync(Cancel(forumId, requestId), null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldBe("Decline the request instead: it is not agreed yet.");
        (await (await kit.OrganiserOf(forumId).PostAsync(Cancel(forumId, requestId), null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldBe("Only the firm that asked withdraws a request not yet answered.");
        await (await outsider.Rep.PostAsync(Cancel(forumId, requestId), null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await kit.OfficialAsync()).PostAsync(Cancel(forumId, requestId), null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await StatusOfAsync(requestId)).ShouldBe(MeetingRequestStatus.Pending);

        using (var browser = await BrowserlessClient.SignedInAsync(app, ca.RepEmail))
        {
            var withdrawn = await browser.SubmitFormAsync($"/Forums/{forumId}/Firms?companyId={ca.Id}", [], "[data-testid=sent] form");
            withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await StatusOfAsync(requestId)).ShouldBe(MeetingRequestStatus.Cancelled);
        (await (await kr.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{requestId}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!
            .GetValue<string>().ShouldBe("The firm that asked withdrew this request.");
        (await app.WithDbAsync(db => db.FollowUps.AnyAsync(f => f.SubjectId == requestId && f.Status == FollowUpStatus.Scheduled))).ShouldBeFalse();
    }

    [Fact]
    public async Task Organisers_cancel_an_agreed_meeting_on_the_timetable_and_both_firms_are_told_it_was_them()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var meetingId = await ForumKit.AcceptedAsync(ca, kr, forumId);
        var organiser = kit.OrganiserOf(forumId);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);

        using (var browser = await kit.OrganiserBrowserAsync(forumId))
        {
            var page = $"/Forums/{forumId}/Schedule";
            (await browser.GetDocumentAsync(page)).QuerySelector("[data-testid=move-form] [data-testid=cancel-meeting]").ShouldNotBeNull();
            var token = await browser.AntiforgeryTokenAsync(page, "[data-testid=move-form]");
            var cancelled = await browser.Http.PostAsync(new Uri(page + "?handler=CancelMeeting", UriKind.Relative), new FormUrlEncodedContent(
                [new("MeetingId", meetingId.ToString()), new("__RequestVerificationToken", token)]));
            cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await StatusOfAsync(meetingId)).ShouldBe(MeetingRequestStatus.Cancelled);
        var timetable = await (await organiser.GetAsync($"/api/v1/forums/{forumId}/timetable")).JsonAsync();
        timetable["meetings"]!.AsArray().ShouldBeEmpty();
        timetable["unscheduled"]!.AsArray().ShouldBeEmpty();
        await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
        foreach (var (firm, other) in new[] { (ca, kr), (kr, ca) })
        {
            (await app.MailToAsync(firm.RepEmail)).ShouldContain(m => m.Contains($"cancelled your meeting with <b>{other.Name}</b>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_meeting_that_has_begun_is_not_cancelled()
    {
        var (forumId, ca, _, meetingId) = await kit.PublishedMeetingAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.Id == meetingId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.StartsAt, now.AddMinutes(-5)).SetProperty(m => m.EndsAt, now.AddMinutes(25))));

        var refused = await ca.Rep.PostAsync(Cancel(forumId, meetingId), null);

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldStartWith("This meeting has already begun");
        (await StatusOfAsync(meetingId)).ShouldBe(MeetingRequestStatus.Accepted);
        (await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.Id == meetingId).Select(m => m.Cancelled).SingleAsync())).ShouldBeFalse();
    }

    private static string Cancel(Guid forumId, Guid requestId) => $"/api/v1/forums/{forumId}/meeting-requests/{requestId}/cancel";

    private static async Task<List<Guid>> AgendaIdsAsync(ForumFirm firm, Guid forumId) =>
        [.. (await firm.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/agenda?companyId={firm.Id}"))!["items"]!.AsArray().Select(i => i!["meetingId"]!.GetValue<Guid>())];

    private Task<MeetingRequestStatus> StatusOfAsync(Guid requestId) =>
        app.WithDbAsync(db => db.MeetingRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync());
}
