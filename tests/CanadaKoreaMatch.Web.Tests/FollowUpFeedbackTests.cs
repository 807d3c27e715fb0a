using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// After the meeting: feedback requests through signed, expiring, single-use links; feedback and outcomes through the API;
/// the 30- and 90-day nudges of a promising meeting; the introduction follow-up; the officials' weekly digest; and the
/// forum figures on the officials' dashboard. The clock is moved, not waited for.
/// </summary>
public sealed class FollowUpFeedbackTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private const string FeedbackForm = "form[data-testid=feedback-form]";
    private static readonly HttpStatusCode[] ForbiddenOrNotFound = [HttpStatusCode.Forbidden, HttpStatusCode.NotFound];
    private static readonly HtmlParser Parser = new();

    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_feedback_link_opens_without_signing_in_works_once_and_expires_and_the_forum_figures_count_the_no_show()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var kr2 = await kit.FirmAsync("KR");
        var colleague = await app.CreateUserAsync(Roles.CompanyRepresentative);
        await (await kr.Rep.PostAsJsonAsync($"/api/v1/companies/{kr.Id}/representatives", new { email = colleague })).ShouldSucceedAsync();
        foreach (var firm in new[] { ca, kr, kr2 })
        {
            await ForumKit.RegisterAsync(firm, forumId);
        }

        var withKr = await ForumKit.AcceptedAsync(ca, kr, forumId);
        var withKr2 = await ForumKit.AcceptedAsync(ca, kr2, forumId);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);

        var requests = await FollowUpsAsync(await kit.OfficialAsync(), $"forumId={forumId}&kind=MeetingFeedback");
        requests.Count.ShouldBe(5, "one request per meeting and representative of either firm: ca, kr and its colleague, kr2");
        requests.Count(f => f.SubjectId == withKr).ShouldBe(3);
        requests.Count(f => f.SubjectId == withKr2).ShouldBe(2);
        var due = requests.Max(f => f.DueAt);

        try
        {
            app.Clock.Advance(due - Now() + TimeSpan.FromMinutes(1));
            await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
            var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
            var sentRequests = await FollowUpsAsync(official, $"forumId={forumId}&kind=MeetingFeedback");
            sentRequests.Count.ShouldBe(5);
            sentRequests.ShouldAllBe(f => f.Status == "Sent");
            foreach (var email in new[] { ca.RepEmail, kr.RepEmail, colleague, kr2.RepEmail })
            {
                var expected = email == ca.RepEmail ? 2 : 1;
                (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == email && m.Template == "meeting-feedback"))).ShouldBe(expected, email);
            }

            await app.DeliverMailAsync();
            var krLink = FeedbackLinksTo(kr.RepEmail).ShouldHaveSingleItem();
            var colleagueLink = FeedbackLinksTo(colleague).ShouldHaveSingleItem();
            var caLinks = FeedbackLinksTo(ca.RepEmail);
            caLinks.Count.ShouldBe(2);
            krLink.ShouldNotBe(colleagueLink, "each representative has a link of their own");

            using var browser = new BrowserlessClient(app);
            using (var raw = await browser.Http.GetAsync(krLink))
            {
                raw.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"], "the address holds the token");
                raw.Headers.CacheControl!.NoStore.ShouldBeTrue();
            }

            var page = await browser.GetDocumentAsync(krLink);
            var summary = page.QuerySelector("[data-testid=meeting-summary]")!.TextContent;
            summary.ShouldContain(ca.Name);
            summary.ShouldContain(kr.Name);
            page.QuerySelector(FeedbackForm).ShouldNotBeNull();
            var antiforgery = await browser.AntiforgeryTokenAsync(krLink, FeedbackForm);

            // Without saying whether the meeting took place, the form comes back with the message and the link stays open.
            var incomplete = await BrowserlessClient.ParseAsync(await browser.SubmitFormAsync(krLink, [], FeedbackForm));
            BrowserlessClient.FieldError(incomplete, "Attendance").ShouldContain("took place");
            incomplete.QuerySelector(FeedbackForm).ShouldNotBeNull();
            incomplete.QuerySelector("[data-testid=feedback-saved]").ShouldBeNull();

            var saved = await browser.SubmitFormAsync(krLink, [("Attendance", "OtherSideAbsent")], FeedbackForm);
            await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await BrowserlessClient.ParseAsync(saved)).QuerySelector("[data-testid=feedback-saved]").ShouldNotBeNull();
            var recorded = await FeedbackOfAsync(withKr, kr.Id);
            recorded.Attendance.ShouldBe(MeetingAttendance.OtherSideAbsent);
            recorded.Rating.ShouldBeNull();
            recorded.Promising.ShouldBeFalse();

            // The same link again, now saying the meeting took place: refused, and nothing changes.
            var again = await PostPageAsync(browser, krLink, antiforgery, ("Attendance", "TookPlace"), ("Rating", "5"), ("Promising", "true"));
            LinkStatus(again).ShouldContain("already been used");
            again.QuerySelector("[data-testid=feedback-saved]").ShouldBeNull();
            LinkStatus(await browser.GetDocumentAsync(krLink)).ShouldContain("already been used");

            // The colleague's link: the firm has answered, so it reads as used, and posting through it changes nothing.
            LinkStatus(await browser.GetDocumentAsync(colleagueLink)).ShouldContain("already been used");
            var throughColleague = await PostPageAsync(browser, colleagueLink, antiforgery, ("Attendance", "TookPlace"), ("Rating", "4"));
            LinkStatus(throughColleague).ShouldContain("already been used");
            throughColleague.QuerySelector("[data-testid=feedback-saved]").ShouldBeNull();

            var unchanged = await FeedbackOfAsync(withKr, kr.Id);
            unchanged.Attendance.ShouldBe(MeetingAttendance.OtherSideAbsent);
            unchanged.Rating.ShouldBeNull();
            unchanged.SubmittedAt.ShouldBe(recorded.SubmittedAt);
            (await app.WithDbAsync(db => db.MeetingFeedback.CountAsync(f => f.MeetingId == withKr))).ShouldBe(1);
            (await app.WithDbAsync(db => db.Matches.AnyAsync(m => m.CanadianCompanyId == ca.Id && m.KoreanCompanyId == kr.Id && m.Status == MatchStatus.Meeting)))
                .ShouldBeFalse("a meeting the other side missed does not move the match");

            // A link altered by one character is not valid.
            var token = krLink["/feedback/".Length..];
            var middle = token.Length / 2;
            var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
            var invalid = await browser.GetDocumentAsync("/feedback/" + tampered);
            LinkStatus(invalid).ShouldContain("not valid");
            invalid.QuerySelector(FeedbackForm).ShouldBeNull();
            invalid.QuerySelector("[data-testid=meeting-summary]").ShouldBeNull("an invalid link tells nothing about the meeting");

            // ca's links are unused; thirty-one days after they were sent they have expired.
            app.Clock.Advance(TimeSpan.FromDays(31));
            var expired = await browser.GetDocumentAsync(caLinks[0]);
            LinkStatus(expired).ShouldContain("expired");
            expired.QuerySelector(FeedbackForm).ShouldBeNull();

            var figures = await ForumFiguresAsync(forumId);
            figures["meetings"]!.GetValue<int>().ShouldBe(2);
            figures["withFeedback"]!.GetValue<int>().ShouldBe(1);
            figures["feedbackRate"]!.GetValue<double>().ShouldBe(0.5);
            figures["noShows"]!.GetValue<int>().ShouldBe(1);
            figures["noShowRate"]!.GetValue<double>().ShouldBe(1);
            figures["promising"]!.GetValue<int>().ShouldBe(0);
            figures["outcomes"]!.AsObject().Count.ShouldBe(0);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_feedback_link_of_a_disabled_account_no_longer_opens_nor_records_anything()
    {
        var (forumId, _, kr, meeting) = await kit.PublishedMeetingAsync();
        var due = (await FollowUpsAsync(await kit.OfficialAsync(), $"forumId={forumId}&kind=MeetingFeedback")).Max(f => f.DueAt);

        try
        {
            app.Clock.Advance(due - Now() + TimeSpan.FromMinutes(1));
            await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
            await app.DeliverMailAsync();
            var link = FeedbackLinksTo(kr.RepEmail).ShouldHaveSingleItem();
            using var browser = new BrowserlessClient(app);
            var antiforgery = await browser.AntiforgeryTokenAsync(link, FeedbackForm);
            var admin = await app.ClientForAsync(AppFactory.AdminEmail);
            var userId = (await UserIdsAsync(kr.RepEmail))[kr.RepEmail];
            await (await admin.PostAsync(new Uri($"/api/v1/users/{userId}/disable", UriKind.Relative), null)).ShouldSucceedAsync();

            var page = await browser.GetDocumentAsync(link);
            var posted = await PostPageAsync(browser, link, antiforgery, ("Attendance", "TookPlace"), ("Rating", "1"));

            LinkStatus(page).ShouldContain("not valid");
            page.QuerySelector(FeedbackForm).ShouldBeNull();
            page.QuerySelector("[data-testid=meeting-summary]").ShouldBeNull("a disabled account learns nothing more about the meeting");
            LinkStatus(posted).ShouldContain("not valid");
            (await app.WithDbAsync(db => db.MeetingFeedback.AnyAsync(f => f.MeetingId == meeting))).ShouldBeFalse();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Feedback_through_the_api_opens_at_the_start_plans_the_nudges_of_a_promising_meeting_and_an_outcome_closes_them()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var outsider = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        var meetingId = await ForumKit.AcceptedAsync(ca, kr, forumId);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);
        var startsAt = await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.Id == meetingId).Select(m => m.StartsAt).SingleAsync());
        startsAt = DateTime.SpecifyKind(startsAt, DateTimeKind.Utc);
        var feedbackUrl = $"/api/v1/forums/{forumId}/companies/{kr.Id}/meetings/{meetingId}/feedback";
        var promising = new { attendance = "TookPlace", rating = 5, nextStep = "Share the bid plan", promising = true };

        var early = await kr.Rep.PutAsJsonAsync(feedbackUrl, promising);
        (await early.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("started");
        (await kr.Rep.GetAsync(feedbackUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        try
        {
            app.Clock.Advance(startsAt - Now() + TimeSpan.FromMinutes(1));
            var krRep = await app.ClientForAsync(kr.RepEmail);
            var outsiderRep = await app.ClientForAsync(outsider.RepEmail);

            (await (await krRep.PutAsJsonAsync(feedbackUrl, new { attendance = "TookPlace", rating = 7, promising = false }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("rating");
            (await (await krRep.PutAsJsonAsync(feedbackUrl, new { attendance = "OtherSideAbsent", promising = true }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("promising");
            (await (await krRep.PutAsJsonAsync(feedbackUrl, new { rating = 3, promising = false }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain("attendance");
            (await app.WithDbAsync(db => db.MeetingFeedback.AnyAsync(f => f.MeetingId == meetingId))).ShouldBeFalse();

            // Another firm's representative cannot speak for kr; a firm not in the meeting cannot speak about it.
            ForbiddenOrNotFound.ShouldContain((await outsiderRep.PutAsJsonAsync(feedbackUrl, promising)).StatusCode);
            ForbiddenOrNotFound.ShouldContain((await outsiderRep.GetAsync(feedbackUrl)).StatusCode);
            await (await outsiderRep.PutAsJsonAsync($"/api/v1/forums/{forumId}/companies/{outsider.Id}/meetings/{meetingId}/feedback", promising))
                .ShouldHaveStatusAsync(HttpStatusCode.NotFound);

            var recorded = await krRep.PutAsJsonAsync(feedbackUrl, promising);
            await recorded.ShouldHaveStatusAsync(HttpStatusCode.OK);
            var dto = await recorded.JsonAsync();
            dto["matchStatus"]!.GetValue<string>().ShouldBe("Meeting");
            dto["attendance"]!.GetValue<string>().ShouldBe("TookPlace");
            dto["rating"]!.GetValue<int>().ShouldBe(5);
            dto["promising"]!.GetValue<bool>().ShouldBeTrue();
            (await (await krRep.GetAsync(feedbackUrl)).JsonAsync())["nextStep"]!.GetValue<string>().ShouldBe("Share the bid plan");

            var users = await UserIdsAsync(ca.RepEmail, kr.RepEmail);
            var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
            var nudges = (await FollowUpsAsync(official, $"forumId={forumId}")).Where(f => f.Kind.StartsWith("PromisingNudge", StringComparison.Ordinal)).ToList();
            nudges.Count.ShouldBe(2, "one of each for kr's one representative, none for ca, which did not call it promising");
            nudges.ShouldAllBe(f => f.RecipientUserId == users[kr.RepEmail] && f.SubjectId == meetingId && f.Status == "Scheduled");
            nudges.Single(f => f.Kind == "PromisingNudge30").DueAt.ShouldBe(startsAt.AddDays(30));
            nudges.Single(f => f.Kind == "PromisingNudge90").DueAt.ShouldBe(startsAt.AddDays(90));

            // Thirty days on: the nudge goes out; kr's feedback request, its answer given, was cancelled instead of sent.
            app.Clock.Advance(startsAt.AddDays(30) - Now() + TimeSpan.FromMinutes(1));
            await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
            official = await app.ClientInRoleAsync(Roles.TradeOfficial);
            var after = await FollowUpsAsync(official, $"forumId={forumId}");
            after.Single(f => f.Kind == "MeetingFeedback" && f.RecipientUserId == users[kr.RepEmail]).Status.ShouldBe("Cancelled");
            after.Single(f => f.Kind == "MeetingFeedback" && f.RecipientUserId == users[ca.RepEmail]).Status.ShouldBe("Sent");
            after.Single(f => f.Kind == "PromisingNudge30").Status.ShouldBe("Sent");
            after.Single(f => f.Kind == "PromisingNudge90").Status.ShouldBe("Scheduled");
            (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == kr.RepEmail && m.Template == "promising-nudge"))).ShouldBe(1);
            (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == kr.RepEmail && m.Template == "meeting-feedback"))).ShouldBe(0);

            await app.DeliverMailAsync();
            var nudgeLink = FeedbackLinksTo(kr.RepEmail).ShouldHaveSingleItem();
            using var browser = new BrowserlessClient(app);
            var page = await browser.GetDocumentAsync(nudgeLink);
            page.QuerySelector("[data-testid=outcome-JointBid]").ShouldNotBeNull();
            page.QuerySelector("[data-testid=meeting-summary]")!.TextContent.ShouldContain(ca.Name);
            var saved = await browser.SubmitFormAsync(nudgeLink, [("Outcome", "JointBid"), ("Note", "Joint bid on the CPSP support package")], FeedbackForm);
            await saved.ShouldHaveStatusAsync(HttpStatusCode.OK);
            (await BrowserlessClient.ParseAsync(saved)).QuerySelector("[data-testid=feedback-saved]").ShouldNotBeNull();
            LinkStatus(await browser.GetDocumentAsync(nudgeLink)).ShouldContain("already been used");

            var match = await app.WithDbAsync(db => db.Matches.AsNoTracking().SingleAsync(m => m.CanadianCompanyId == ca.Id && m.KoreanCompanyId == kr.Id));
            match.Status.ShouldBe(MatchStatus.Outcome);
            match.Outcome.ShouldBe(MatchOutcome.JointBid);
            var seen = await (await official.GetAsync($"/api/v1/matches/{match.Id}")).JsonAsync();
            seen["status"]!.GetValue<string>().ShouldBe("Outcome");
            seen["outcome"]!.GetValue<string>().ShouldBe("JointBid");
            var final = await (await (await app.ClientForAsync(kr.RepEmail)).GetAsync(feedbackUrl)).JsonAsync();
            final["outcome"]!.GetValue<string>().ShouldBe("JointBid");
            final["matchStatus"]!.GetValue<string>().ShouldBe("Outcome");

            (await FollowUpsAsync(official, $"forumId={forumId}&kind=PromisingNudge90")).ShouldHaveSingleItem().Status.ShouldBe("Cancelled");

            var figures = await ForumFiguresAsync(forumId);
            figures["meetings"]!.GetValue<int>().ShouldBe(1);
            figures["withFeedback"]!.GetValue<int>().ShouldBe(1);
            figures["noShows"]!.GetValue<int>().ShouldBe(0);
            figures["promising"]!.GetValue<int>().ShouldBe(1);
            figures["outcomes"]!["JointBid"]!.GetValue<int>().ShouldBe(1);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Firms_introduced_fourteen_days_ago_that_have_not_met_are_asked_whether_they_have()
    {
        var official = await kit.OfficialAsync();
        var (ca1, kr1) = (await kit.FirmAsync("CA"), await kit.FirmAsync("KR"));
        var (ca2, kr2) = (await kit.FirmAsync("CA"), await kit.FirmAsync("KR"));
        var (ca3, kr3) = (await kit.FirmAsync("CA"), await kit.FirmAsync("KR"));

        var before = Now();
        var waiting = await IntroduceAsync(official, kr1, ca1);
        var after = Now();
        var planned = (await FollowUpsAsync(official, "kind=IntroductionFollowUp")).Where(f => f.SubjectId == waiting).ToList();
        planned.Count.ShouldBe(2);
        var users = await UserIdsAsync(ca1.RepEmail, kr1.RepEmail, ca2.RepEmail, kr2.RepEmail, ca3.RepEmail, kr3.RepEmail);
        planned.Select(f => f.RecipientUserId).ShouldBe([users[ca1.RepEmail], users[kr1.RepEmail]], ignoreOrder: true);
        planned.ShouldAllBe(f => f.Status == "Scheduled" && f.ForumId == null);
        planned.ShouldAllBe(f => f.DueAt >= before.AddDays(14) && f.DueAt <= after.AddDays(14));

        // The officials record that the second pair met.
        var met = await IntroduceAsync(official, kr2, ca2);
        await (await official.PostAsJsonAsync($"/api/v1/matches/{met}/meeting", new { })).ShouldSucceedAsync();

        // The third pair is still Introduced, but has a meeting in a published forum timetable.
        var scheduled = await IntroduceAsync(official, kr3, ca3);
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        await ForumKit.RegisterAsync(ca3, forumId);
        await ForumKit.RegisterAsync(kr3, forumId);
        await ForumKit.AcceptedAsync(kr3, ca3, forumId);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);
        (await (await official.GetAsync($"/api/v1/matches/{scheduled}")).JsonAsync())["status"]!.GetValue<string>().ShouldBe("Introduced");

        try
        {
            app.Clock.Advance(after.AddDays(14) - Now() + TimeSpan.FromMinutes(1));
            await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
            var statuses = await app.WithDbAsync(db => db.FollowUps.AsNoTracking().Where(f => f.Kind == FollowUpKind.IntroductionFollowUp)
                .Select(f => new { SubjectId = f.SubjectId!.Value, f.Status }).ToListAsync());
            statuses.Where(f => f.SubjectId == waiting).Select(f => f.Status).ShouldBe([FollowUpStatus.Sent, FollowUpStatus.Sent]);
            statuses.Where(f => f.SubjectId == met).Select(f => f.Status).ShouldBe([FollowUpStatus.Cancelled, FollowUpStatus.Cancelled], "the match moved on to Meeting");
            statuses.Where(f => f.SubjectId == scheduled).Select(f => f.Status).ShouldBe([FollowUpStatus.Cancelled, FollowUpStatus.Cancelled], "the pair meets at a forum");

            var sent = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Template == "introduction-follow-up").Select(m => new { m.To, m.HtmlBody }).ToListAsync());
            sent.Single(m => m.To == ca1.RepEmail).HtmlBody.ShouldContain(kr1.Name);
            sent.Single(m => m.To == kr1.RepEmail).HtmlBody.ShouldContain(ca1.Name);
            sent.ShouldNotContain(m => m.To == ca2.RepEmail || m.To == kr2.RepEmail || m.To == ca3.RepEmail || m.To == kr3.RepEmail);

            var notifications = await (await (await app.ClientForAsync(ca1.RepEmail)).GetAsync("/api/v1/me/notifications")).JsonAsync();
            notifications["items"]!.AsArray().ShouldContain(n => n!["title"]!.GetValue<string>().Contains(kr1.Name, StringComparison.Ordinal));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_weekly_digest_is_planned_once_per_trade_official_and_tells_them_how_many_firms_wait_for_verification()
    {
        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        await app.CreateUserAsync(Roles.TradeOfficial);
        var repEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        var unverified = $"Hanbit Unverified {Guid.NewGuid():N}"[..30];
        await (await app.ClientForAsync(repEmail)).RegisterCompanyAsync(Payloads.Company(unverified, "KR"));

        var now = Now();
        var first = await app.WithDbAsync(db => OfficialsDigest.PlanWeekAsync(db, now, CancellationToken.None));
        var second = await app.WithDbAsync(db => OfficialsDigest.PlanWeekAsync(db, now, CancellationToken.None));
        second.ShouldBe(0, "planning the same week again adds nothing");

        var officials = await app.WithDbAsync(db => db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.TradeOfficial), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId).ToListAsync());
        var users = await UserIdsAsync(officialEmail, repEmail, organiserEmail);
        officials.ShouldContain(users[officialEmail]);
        first.ShouldBe(officials.Count);
        var period = OfficialsDigest.Period(now);
        var digests = await app.WithDbAsync(db => db.FollowUps.AsNoTracking().Where(f => f.Kind == FollowUpKind.OfficialsDigest).ToListAsync());
        digests.Count.ShouldBe(officials.Count);
        digests.Select(f => f.RecipientUserId).ShouldBe(officials, ignoreOrder: true);
        digests.ShouldAllBe(f => f.Status == FollowUpStatus.Scheduled && f.IdempotencyKey == FollowUp.KeyOf(FollowUpKind.OfficialsDigest, period, f.RecipientUserId));
        digests.ShouldNotContain(f => f.RecipientUserId == users[repEmail] || f.RecipientUserId == users[organiserEmail]);

        var toVerify = await app.WithDbAsync(db => db.Companies.CountAsync(c => c.VerifiedAt == null));
        toVerify.ShouldBeGreaterThanOrEqualTo(1);
        await app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
        (await app.WithDbAsync(db => db.FollowUps.CountAsync(f => f.Kind == FollowUpKind.OfficialsDigest && f.Status == FollowUpStatus.Sent))).ShouldBe(officials.Count);
        var digest = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == officialEmail && m.Template == "officials-digest"));
        digest.Subject.ShouldContain($"{toVerify} firms to verify");
        digest.HtmlBody.ShouldContain($"<b>{toVerify}</b> firms wait for verification");
        digest.HtmlBody.ShouldContain(unverified);
        (await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => (m.To == repEmail || m.To == organiserEmail) && m.Template == "officials-digest"))).ShouldBeFalse();

        await app.DeliverMailAsync();
        (await app.MailToAsync(officialEmail)).ShouldContain(m => m.Contains($"<b>{toVerify}</b> firms wait for verification", StringComparison.Ordinal));
    }

    private sealed record FollowUpRow(Guid Id, string Kind, Guid? SubjectId, Guid? ForumId, DateTime DueAt, string Status, string RecipientUserId);

    private DateTime Now() => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task<List<FollowUpRow>> FollowUpsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/follow-ups?{query}");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var list = await response.JsonAsync();
        list["total"]!.GetValue<int>().ShouldBe(list["items"]!.AsArray().Count);
        return list["items"]!.AsArray().Select(f => new FollowUpRow(
            f!["id"]!.GetValue<Guid>(), f["kind"]!.GetValue<string>(), f["subjectId"]?.GetValue<Guid>(), f["forumId"]?.GetValue<Guid>(),
            f["dueAt"]!.GetValue<DateTime>().ToUniversalTime(), f["status"]!.GetValue<string>(), f["recipientUserId"]!.GetValue<string>())).ToList();
    }

    private Task<Dictionary<string, string>> UserIdsAsync(params string[] emails) =>
        app.WithDbAsync(db => db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id));

    private Task<MeetingFeedback> FeedbackOfAsync(Guid meetingId, Guid companyId) =>
        app.WithDbAsync(db => db.MeetingFeedback.AsNoTracking().SingleAsync(f => f.MeetingId == meetingId && f.CompanyId == companyId));

    /// <summary>The path of every /feedback/ link in the delivered mail to the address, oldest first.</summary>
    private List<string> FeedbackLinksTo(string email) =>
        Mailbox.MessagesTo(app.Outbox, email)
            .SelectMany(html => Parser.ParseDocument(html).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            .Select(href => new Uri(href, UriKind.RelativeOrAbsolute))
            .Select(uri => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString)
            .Where(path => path.StartsWith("/feedback/", StringComparison.Ordinal))
            .ToList();

    /// <summary>Posts the feedback page directly (its form is gone once the link is used), with an antiforgery token from an earlier form.</summary>
    private static async Task<IHtmlDocument> PostPageAsync(BrowserlessClient browser, string path, string antiforgery, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", antiforgery)));
        var response = await browser.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await BrowserlessClient.ParseAsync(response);
    }

    private static string LinkStatus(IHtmlDocument page) =>
        page.QuerySelector("[data-testid=link-status]")?.TextContent.Trim() ?? throw new ShouldAssertException("The page shows no link status: " + page.Body?.TextContent);

    private async Task<JsonNode> ForumFiguresAsync(Guid forumId)
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var dashboard = await (await official.GetAsync("/api/v1/dashboard")).JsonAsync();
        return dashboard["forums"]!.AsArray().Single(f => f!["forumId"]!.GetValue<Guid>() == forumId)!;
    }

    /// <summary>The representative of <paramref name="from"/> asks for an introduction; the official approves and introduces.</summary>
    private static async Task<Guid> IntroduceAsync(HttpClient official, ForumFirm from, ForumFirm to)
    {
        var requested = await from.Rep.PostAsync($"/api/v1/companies/{from.Id}/suggestions/{to.Id}/request-introduction", null);
        await requested.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var matchId = (await requested.JsonAsync())["id"]!.GetValue<Guid>();
        await (await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/approve", new { })).ShouldSucceedAsync();
        var introduced = await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/introduce", new { });
        await introduced.ShouldSucceedAsync();
        (await introduced.JsonAsync())["status"]!.GetValue<string>().ShouldBe("Introduced");
        return matchId;
    }
}
