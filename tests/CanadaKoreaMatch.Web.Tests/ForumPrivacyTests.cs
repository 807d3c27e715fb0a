using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// What a forum keeps between a firm and those it meets: a firm's own note on a meeting's outcome, a firm whose verification
/// is withdrawn, and firms that are not at an organiser's forum.
/// </summary>
public sealed class ForumPrivacyTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_firms_note_on_the_outcome_of_a_forum_meeting_stays_with_its_feedback_and_is_not_shown_to_the_firm_it_met()
    {
        var (forumId, ca, kr, meetingId) = await kit.PublishedMeetingAsync();
        await MoveIntoThePastAsync(meetingId);
        const string note = "Their price is a fifth above the other bidder's; we sign only to keep the door open";
        var meeting = $"/api/v1/forums/{forumId}/companies/{kr.Id}/meetings/{meetingId}";

        await (await kr.Rep.PostAsJsonAsync(meeting + "/outcome", new { outcome = "Contract", note })).ShouldSucceedAsync();

        (await (await kr.Rep.GetAsync(meeting + "/feedback")).JsonAsync())["outcomeNote"]!.GetValue<string>().ShouldBe(note);
        var matchId = await app.WithDbAsync(db => db.Matches.Where(m => m.CanadianCompanyId == ca.Id && m.KoreanCompanyId == kr.Id).Select(m => m.Id).SingleAsync());
        var seenByCa = await (await ca.Rep.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync();
        seenByCa["outcome"]!.GetValue<string>().ShouldBe("Contract");
        seenByCa.ToJsonString().ShouldNotContain("a fifth above");
        using var browser = await BrowserlessClient.SignedInAsync(app, ca.RepEmail);
        (await browser.GetDocumentAsync($"/Matches/{matchId}")).Body!.TextContent.ShouldNotContain("a fifth above");
    }

    [Fact]
    public async Task A_firm_that_asks_to_meet_a_firm_that_set_it_aside_is_not_told_and_the_other_firm_is_not_shown_the_request()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var (ca, kr) = (await kit.FirmAsync("CA"), await kit.FirmAsync("KR"));
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        await (await kr.Rep.PostAsJsonAsync($"/api/v1/companies/{kr.Id}/exclusions/{ca.Id}", new { })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var asked = await ForumKit.SendRequestAsync(ca.Rep, forumId, ca.Id, kr.Id);

        await asked.ShouldSucceedAsync();
        var requestId = (await asked.JsonAsync())["id"]!.GetValue<Guid>();
        (await RequestIdsAsync(ca, forumId)).ShouldContain(requestId);
        (await RequestIdsAsync(kr, forumId)).ShouldNotContain(requestId, "the firm set the asking firm aside");
        (await app.WithDbAsync(db => db.FollowUps.AnyAsync(f => f.SubjectId == requestId))).ShouldBeFalse("nobody at the firm that set it aside is told of it");
        (await (await organiser.GetAsync($"/api/v1/forums/{forumId}/meeting-requests")).JsonAsync())["items"]!.AsArray()
            .Select(r => r!["id"]!.GetValue<Guid>()).ShouldContain(requestId, "organisers see every request");
        var back = await ForumKit.SendRequestAsync(kr.Rep, forumId, kr.Id, ca.Id);
        (await back.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("Firms set aside");
    }

    [Fact]
    public async Task An_organiser_reads_no_firm_through_their_forum_that_is_not_registered_for_it()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var name = $"Unverified Optics {Guid.NewGuid():N}";
        var newcomerRep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var newcomer = await newcomerRep.RegisterCompanyAsync(Payloads.Company(name, "CA"));
        var elsewhere = await kit.FirmAsync("KR");

        foreach (var firm in new[] { newcomer, elsewhere.Id })
        {
            foreach (var path in new[] { "agenda", "agenda.ics", "meeting-requests" })
            {
                var response = await organiser.GetAsync($"/api/v1/forums/{forumId}/{path}?companyId={firm}");
                await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
                (await response.Content.ReadAsStringAsync()).ShouldNotContain(name);
            }
        }
    }

    [Fact]
    public async Task An_unanswered_request_from_a_firm_whose_verification_is_withdrawn_is_neither_listed_to_the_firm_it_asked_nor_accepted()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var agreedWith = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(agreedWith, forumId);
        var agreed = await ForumKit.AcceptedAsync(ca, agreedWith, forumId);
        var request = (await ForumKit.RequestAsync(ca, kr, forumId))["id"]!.GetValue<Guid>();
        await WithholdAsync(ca.Id);

        var listed = await kr.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests?companyId={kr.Id}");
        var accepted = await kr.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{request}/accept", null);

        listed!["items"]!.AsArray().ShouldBeEmpty();
        listed.ToJsonString().ShouldNotContain(ca.Name);
        await accepted.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await StatusOfAsync(request)).ShouldBe(MeetingRequestStatus.Pending);
        var history = await agreedWith.Rep.GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests?companyId={agreedWith.Id}");
        history!["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(agreed);
        var all = await kit.OrganiserOf(forumId).GetFromJsonAsync<JsonObject>($"/api/v1/forums/{forumId}/meeting-requests");
        all!["items"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_firm_whose_verification_is_withdrawn_cannot_agree_to_a_meeting_it_was_asked_for()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var request = (await ForumKit.RequestAsync(ca, kr, forumId))["id"]!.GetValue<Guid>();
        await WithholdAsync(kr.Id);

        var accepted = await kr.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{request}/accept", null);

        (await accepted.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldBe("A trade official must verify your firm before it can ask for meetings.");
        (await StatusOfAsync(request)).ShouldBe(MeetingRequestStatus.Pending);
        await (await kr.Rep.PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{request}/decline", null)).ShouldSucceedAsync();
    }

    [Fact]
    public async Task The_organisers_see_which_registered_firm_lost_its_verification_and_can_cancel_its_agreed_meetings()
    {
        var (forumId, ca, kr) = await kit.RegisteredPairAsync();
        var meeting = await ForumKit.AcceptedAsync(ca, kr, forumId);
        await WithholdAsync(kr.Id);

        using var browser = await kit.OrganiserBrowserAsync(forumId);
        var page = await browser.GetDocumentAsync($"/Forums/{forumId}");

        page.QuerySelector("[data-testid=unverified-registrations]").ShouldNotBeNull();
        var flagged = page.QuerySelectorAll("[data-testid=registrations] tr").Where(r => r.QuerySelector("[data-testid=unverified]") is not null).ToList();
        flagged.ShouldHaveSingleItem().TextContent.ShouldContain(kr.Name);
        await (await kit.OrganiserOf(forumId).PostAsync($"/api/v1/forums/{forumId}/meeting-requests/{meeting}/cancel", null)).ShouldSucceedAsync();
        (await StatusOfAsync(meeting)).ShouldBe(MeetingRequestStatus.Cancelled);
    }

    /// <summary>The published meeting started an hour ago, so that feedback and outcomes are open.</summary>
    private async Task MoveIntoThePastAsync(Guid meetingId)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.Id == meetingId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.StartsAt, now.AddHours(-1)).SetProperty(m => m.EndsAt, now.AddMinutes(-30))));
    }

    private async Task WithholdAsync(Guid companyId) =>
        await (await (await kit.OfficialAsync()).PostAsJsonAsync($"/api/v1/companies/{companyId}/withhold-verification", new { reason = "The registration lapsed." }))
            .ShouldSucceedAsync();

    private Task<MeetingRequestStatus> StatusOfAsync(Guid requestId) =>
        app.WithDbAsync(db => db.MeetingRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync());

    private static async Task<List<Guid>> RequestIdsAsync(ForumFirm firm, Guid forumId) =>
        [.. (await (await firm.Rep.GetAsync($"/api/v1/forums/{forumId}/meeting-requests?companyId={firm.Id}")).JsonAsync())["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>())];
}
