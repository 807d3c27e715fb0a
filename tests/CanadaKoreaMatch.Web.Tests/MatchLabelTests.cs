using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// What people decide about suggested pairs is kept as labels, by the flow that decides, in its transaction (decision 015):
/// "not interested" with its reason, officials' approvals, introductions and rejections, meetings and outcomes from the
/// follow-ups; and exported, in the shape the match evaluation reads, to officials and administrators only.
/// </summary>
public sealed class MatchLabelTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] ExportKeys = ["exportedAt", "firms", "labels"];
    private static readonly string[] FirmKeys = ["id", "name", "country", "size", "offers", "seeks", "modes", "programmes", "compliance", "languages", "description"];
    private static readonly string[] CapabilityKeys = ["code", "trl"];
    private static readonly string[] KoreanCompliance = ["DAPA"];
    private static readonly string[] LabelKeys = ["companyId", "counterpartId", "kind", "value", "positive", "reason", "recordedAt", "listedIn", "rank", "score"];

    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task Not_interested_with_a_reason_is_a_negative_label_of_the_firm_with_the_score_and_rank_it_was_shown()
    {
        var (builder, simulator, _) = await PoolAsync();
        var shown = await app.WithDbAsync(db => db.Suggestions.AsNoTracking().SingleAsync(s => s.CompanyId == builder.Id && s.CounterpartId == simulator.Id));

        var response = await builder.Rep.PostAsJsonAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested",
            new { reason = "AlreadyWorkingWithThem", note = "  Partners on the KSS-III training centre since 2023.  " });

        await response.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var label = (await LabelsOfAsync(builder.Id)).ShouldHaveSingleItem();
        label.CounterpartId.ShouldBe(simulator.Id);
        label.Kind.ShouldBe(MatchLabelKind.NotInterested);
        label.Positive.ShouldBeFalse();
        label.Value.ShouldBeNull();
        label.ReasonCode.ShouldBe("AlreadyWorkingWithThem");
        label.ReasonNote.ShouldBe("Partners on the KSS-III training centre since 2023.");
        label.RecordedByUserId.ShouldBe(await UserIdAsync(builder.RepEmail));
        label.Score.ShouldBe(shown.Score);
        label.Rank.ShouldBe(shown.Rank);
        label.ListedIn.ShouldBe(ListedIn.Suggestions);
        (await app.WithDbAsync(db => db.CompanyExclusions.AnyAsync(e => e.CompanyId == builder.Id && e.ExcludedCompanyId == simulator.Id))).ShouldBeTrue();

        // Saying it again changes nothing: the pair is already excluded, so there is no new decision.
        await (await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested", null)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        (await LabelsOfAsync(builder.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Not_interested_without_a_body_is_a_label_without_reason_and_a_note_alone_counts_as_other()
    {
        var (builder, simulator, monitoring) = await PoolAsync();

        await (await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested", null)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await builder.Rep.PostAsJsonAsync($"/api/v1/companies/{builder.Id}/suggestions/{monitoring.Id}/not-interested", new { note = "Too far from our yard." }))
            .ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var labels = await LabelsOfAsync(builder.Id);
        var bare = labels.Single(l => l.CounterpartId == simulator.Id);
        bare.ReasonCode.ShouldBeNull();
        bare.ReasonNote.ShouldBeNull();
        var noted = labels.Single(l => l.CounterpartId == monitoring.Id);
        noted.ReasonCode.ShouldBe(nameof(NotInterestedReason.Other));
        noted.ReasonNote.ShouldBe("Too far from our yard.");
    }

    [Fact]
    public async Task A_refused_not_interested_writes_no_label_and_leaves_the_suggestion()
    {
        var (builder, simulator, _) = await PoolAsync();
        var url = $"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested";

        var tooLong = await builder.Rep.PostAsJsonAsync(url, new { reason = "Other", note = new string('n', 501) });
        (await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["note"]);
        var unknownReason = await builder.Rep.PostAsJsonAsync(url, new { reason = 42 });
        (await unknownReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["reason"]);
        await (await builder.Rep.PostAsJsonAsync(url, new { reason = "Bored" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await simulator.Rep.PostAsJsonAsync(url, new { reason = "NotOurField" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await builder.Rep.PostAsJsonAsync($"/api/v1/companies/{builder.Id}/exclusions/{simulator.Id}", new { })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        (await LabelsOfAsync(builder.Id)).ShouldBeEmpty("a named exclusion is not a decision about a suggestion, and the refused requests wrote nothing");
        (await LabelsOfAsync(simulator.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Officials_approval_and_introduction_are_positive_labels_of_the_pair_and_a_rejection_a_negative_one_with_its_reason()
    {
        var (builder, simulator, monitoring) = await PoolAsync();
        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        var official = await app.ClientForAsync(officialEmail);
        var introduced = await RequestAsync(builder, simulator.Id);
        var rejected = await RequestAsync(builder, monitoring.Id);

        await MoveAsync(official, introduced, "review");
        (await LabelsOfAsync(simulator.Id)).ShouldBeEmpty("starting a review decides nothing");
        var approved = await MoveAsync(official, introduced, "approve");
        await MoveAsync(official, introduced, "introduce", new { reason = "Meet at CANSEC on 27 May." });

        (await (await official.PostAsJsonAsync($"/api/v1/matches/{rejected}/reject", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldContain("reason");
        await MoveAsync(official, rejected, "reject", new { reason = "Export permit for the sensor suite is not possible." });
        await (await official.PostAsJsonAsync($"/api/v1/matches/{rejected}/approve", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Officials decide for the pair: the label is the Canadian firm's, with the Korean firm as counterpart.
        var forSimulator = await LabelsOfAsync(simulator.Id);
        forSimulator.Select(l => l.Kind).ShouldBe([MatchLabelKind.Approved, MatchLabelKind.Introduced]);
        forSimulator.ShouldAllBe(l => l.CounterpartId == builder.Id && l.Positive && l.Value == null && l.ReasonCode == null && l.ReasonNote == null);
        forSimulator.ShouldAllBe(l => l.Score == approved["score"]!.GetValue<double>() && l.Rank == null);
        var officialId = await UserIdAsync(officialEmail);
        forSimulator.ShouldAllBe(l => l.RecordedByUserId == officialId);

        var rejection = (await LabelsOfAsync(monitoring.Id)).ShouldHaveSingleItem();
        rejection.Kind.ShouldBe(MatchLabelKind.Rejected);
        rejection.CounterpartId.ShouldBe(builder.Id);
        rejection.Positive.ShouldBeFalse();
        rejection.ReasonNote.ShouldBe("Export permit for the sensor suite is not possible.");
        (await LabelsOfAsync(builder.Id)).ShouldBeEmpty("requesting an introduction is not one of the kinds the evaluation reads");
    }

    [Fact]
    public async Task Of_two_officials_deciding_at_once_only_the_decision_that_commits_is_a_label()
    {
        var (builder, simulator, _) = await PoolAsync();
        var first = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var second = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var matchId = await RequestAsync(builder, simulator.Id);
        var version = (await (await first.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync())["version"]!.GetValue<Guid>();

        var results = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/v1/matches/{matchId}/approve", new { version }),
            second.PostAsJsonAsync($"/api/v1/matches/{matchId}/reject", new { version, reason = "Duplicate of another request" }));

        results.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var status = (await (await first.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync())["status"]!.GetValue<string>();
        var label = (await LabelsOfAsync(simulator.Id)).ShouldHaveSingleItem();
        label.Kind.ToString().ShouldBe(status == "Approved" ? "Approved" : "Rejected");
    }

    [Fact]
    public async Task A_meeting_held_and_the_outcomes_recorded_in_follow_ups_are_labels_an_MoU_positive_and_no_further_action_negative()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forumId = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        var meetingId = await ForumKit.AcceptedAsync(ca, kr, forumId);
        await ForumKit.SetStatusAsync(organiser, forumId, ForumStatus.Scheduling);
        await kit.ScheduleAsync(organiser, forumId);
        await ForumKit.PublishAsync(organiser, forumId);
        var startsAt = DateTime.SpecifyKind(await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.Id == meetingId).Select(m => m.StartsAt).SingleAsync()), DateTimeKind.Utc);
        string Url(ForumFirm firm, string what) => $"/api/v1/forums/{forumId}/companies/{firm.Id}/meetings/{meetingId}/{what}";
        var promising = new { attendance = "TookPlace", rating = 5, nextStep = "Share the bid plan", promising = true };

        await (await kr.Rep.PutAsJsonAsync(Url(kr, "feedback"), promising)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await LabelsOfAsync(kr.Id)).ShouldBeEmpty("feedback before the meeting starts is refused, and so writes no label");

        try
        {
            app.Clock.Advance(startsAt - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
            var krRep = await app.ClientForAsync(kr.RepEmail);
            var caRep = await app.ClientForAsync(ca.RepEmail);

            await (await krRep.PutAsJsonAsync(Url(kr, "feedback"), promising)).ShouldSucceedAsync();
            await (await krRep.PutAsJsonAsync(Url(kr, "feedback"), promising with { rating = 4 })).ShouldSucceedAsync();
            var meeting = (await LabelsOfAsync(kr.Id)).ShouldHaveSingleItem("a corrected rating is not a new decision");
            meeting.Kind.ShouldBe(MatchLabelKind.Meeting);
            meeting.CounterpartId.ShouldBe(ca.Id);
            meeting.Positive.ShouldBeTrue();
            meeting.ReasonCode.ShouldBe(MatchLabel.Promising);
            meeting.ReasonNote.ShouldBeNull("the next step is a message, not a reason");

            await (await krRep.PostAsJsonAsync(Url(kr, "outcome"), new { note = "?" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            await (await krRep.PostAsJsonAsync(Url(kr, "outcome"), new { outcome = "MouSigned", note = "Training centre MoU" })).ShouldSucceedAsync();
            await (await caRep.PostAsJsonAsync(Url(ca, "outcome"), new { outcome = "NoFurtherAction" })).ShouldSucceedAsync();

            var krOutcome = (await LabelsOfAsync(kr.Id)).Where(l => l.Kind == MatchLabelKind.Outcome).ShouldHaveSingleItem();
            krOutcome.Value.ShouldBe(MatchOutcome.MouSigned);
            krOutcome.Positive.ShouldBeTrue();
            krOutcome.ReasonNote.ShouldBeNull();
            krOutcome.RecordedByUserId.ShouldBe(await UserIdAsync(kr.RepEmail));
            var caOutcome = (await LabelsOfAsync(ca.Id)).ShouldHaveSingleItem("ca recorded only its outcome; the outcome implies the meeting");
            caOutcome.Kind.ShouldBe(MatchLabelKind.Outcome);
            caOutcome.CounterpartId.ShouldBe(kr.Id);
            caOutcome.Value.ShouldBe(MatchOutcome.NoFurtherAction);
            caOutcome.Positive.ShouldBeFalse();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_export_gives_each_pairs_latest_decision_with_the_firms_in_the_shape_the_evaluation_reads()
    {
        var (builder, simulator, monitoring) = await PoolAsync();
        var radar = await kit.FirmAsync(Payloads.Company($"Canadian radar firm {Guid.NewGuid():N}"[..28], "CA"));
        var bystander = await kit.FirmAsync(Payloads.Company($"Canadian bystander {Guid.NewGuid():N}"[..28], "CA"));
        var official = await kit.OfficialAsync();
        var matchId = await RequestAsync(builder, simulator.Id);
        await MoveAsync(official, matchId, "approve");
        await MoveAsync(official, matchId, "introduce");
        await (await builder.Rep.PostAsJsonAsync($"/api/v1/companies/{builder.Id}/suggestions/{monitoring.Id}/not-interested",
            new { reason = "NotOurField", note = "We build hulls, not sensors." })).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{radar.Id}/not-interested", null)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        // There is no undo yet; one would remove the exclusion, and the export then leaves the "not interested" out.
        await app.WithDbAsync(db => db.CompanyExclusions.Where(e => e.CompanyId == builder.Id && e.ExcludedCompanyId == radar.Id).ExecuteDeleteAsync());

        var response = await official.GetAsync("/api/v1/matching/labels/export");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var export = await response.JsonAsync();

        export.Select(p => p.Key).ShouldBe(ExportKeys);
        var now = app.Clock.GetUtcNow();
        DateTimeOffset.Parse(export["exportedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(now.AddMinutes(-5), now);
        var ours = new[] { builder.Id, simulator.Id, monitoring.Id, radar.Id, bystander.Id };
        var labels = export["labels"]!.AsArray().Select(l => l!.AsObject())
            .Where(l => ours.Contains(l["companyId"]!.GetValue<Guid>()) || ours.Contains(l["counterpartId"]!.GetValue<Guid>())).ToList();
        labels.ShouldAllBe(l => l.Select(p => p.Key).SequenceEqual(LabelKeys));
        labels.Count.ShouldBe(2, string.Join('\n', labels.Select(l => l.ToJsonString())));

        var introduction = labels.Single(l => l["kind"]!.GetValue<string>() == "Introduced");
        introduction["companyId"]!.GetValue<Guid>().ShouldBe(simulator.Id);
        introduction["counterpartId"]!.GetValue<Guid>().ShouldBe(builder.Id);
        introduction["value"].ShouldBeNull();
        introduction["positive"]!.GetValue<bool>().ShouldBeTrue();
        introduction["reason"].ShouldBeNull();
        introduction["listedIn"].ShouldBeNull("officials decide from the curation queue");
        introduction["score"]!.GetValue<double>().ShouldBe((await LabelsOfAsync(simulator.Id)).Last(l => l.Kind == MatchLabelKind.Introduced).Score!.Value);
        var notInterested = labels.Single(l => l["kind"]!.GetValue<string>() == "NotInterested");
        notInterested["companyId"]!.GetValue<Guid>().ShouldBe(builder.Id);
        notInterested["counterpartId"]!.GetValue<Guid>().ShouldBe(monitoring.Id);
        notInterested["positive"]!.GetValue<bool>().ShouldBeFalse();
        notInterested["reason"]!.GetValue<string>().ShouldBe("NotOurField: We build hulls, not sensors.");
        notInterested["recordedAt"]!.GetValue<string>().ShouldEndWith("Z");
        notInterested["listedIn"]!.GetValue<string>().ShouldBe("Suggestions");
        notInterested["rank"]!.GetValue<int>().ShouldBePositive();

        var firms = export["firms"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => f["id"]!.GetValue<Guid>());
        firms.Keys.ShouldContain(builder.Id);
        firms.Keys.ShouldContain(simulator.Id);
        firms.Keys.ShouldContain(monitoring.Id);
        firms.Keys.ShouldNotContain(radar.Id, "its only label no longer stands");
        firms.Keys.ShouldNotContain(bystander.Id, "without pool=all, only the firms the labels name");
        firms.Values.ShouldAllBe(f => f.Select(p => p.Key).SequenceEqual(FirmKeys));
        var kr = firms[builder.Id];
        kr["country"]!.GetValue<string>().ShouldBe("KR");
        kr["size"]!.GetValue<string>().ShouldBe("LARGE");
        kr["name"]!.GetValue<string>().ShouldStartWith("Korean submarine builder");
        kr["description"]!.GetValue<string>().ShouldBe("Korean submarine builder for KSS-III and export variants.");
        var offer = kr["offers"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        offer.Select(p => p.Key).ShouldBe(CapabilityKeys);
        offer["code"]!.GetValue<string>().ShouldBe("MAR.SUB");
        offer["trl"]!.GetValue<int>().ShouldBe(9);
        var seeks = kr["seeks"]!.AsArray().Select(s => s!.AsObject()).ToList();
        seeks.Select(s => s["code"]!.GetValue<string>()).ShouldBe(["DIGI.SIM", "DIGI.HEALTH"]);
        seeks.ShouldAllBe(s => s.ContainsKey("trl") && s["trl"] == null);
        kr["compliance"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["DAPA"]);
        kr["modes"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["CO_SUSTAINMENT"]);
        kr["programmes"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["CPSP"]);
        kr["languages"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["EN"]);
        firms[simulator.Id]["country"]!.GetValue<string>().ShouldBe("CA");
        firms[simulator.Id]["size"]!.GetValue<string>().ShouldBe("SME");

        var pool = await (await official.GetAsync("/api/v1/matching/labels/export?pool=all")).JsonAsync();
        var everyFirm = pool["firms"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()).ToList();
        everyFirm.ShouldContain(bystander.Id);
        everyFirm.ShouldContain(radar.Id);
        everyFirm.Count.ShouldBe(await app.WithDbAsync(db => db.Companies.CountAsync()));
        (await (await official.GetAsync("/api/v1/matching/labels/export?pool=everything")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["pool"]);
    }

    [Fact]
    public async Task Only_officials_and_administrators_export_the_labels_and_each_export_is_in_the_audit_trail()
    {
        var (builder, _, _) = await PoolAsync();
        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        var official = await app.ClientForAsync(officialEmail);
        var administrator = await app.ClientInRoleAsync(Roles.Administrator);

        (await app.CreateClient().GetAsync("/api/v1/matching/labels/export")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await builder.Rep.GetAsync("/api/v1/matching/labels/export")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await app.ClientInRoleAsync(Roles.ForumOrganiser)).GetAsync("/api/v1/matching/labels/export")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await administrator.GetAsync("/api/v1/matching/labels/export")).ShouldSucceedAsync();
        await (await official.GetAsync("/api/v1/matching/labels/export?pool=all")).ShouldSucceedAsync();

        var trail = await (await official.GetAsync("/api/v1/audit?entityType=MatchLabel&pageSize=200")).JsonAsync();
        var mine = trail["items"]!.AsArray().Where(e => e!["user"]?.GetValue<string>() == officialEmail).ShouldHaveSingleItem()!;
        mine["action"]!.GetValue<string>().ShouldBe("Exported");
        mine["after"]!.GetValue<string>().ShouldContain("\"pool\":\"all\"");

        var document = await (await official.GetAsync("/openapi/v1.json")).JsonAsync();
        document["paths"]!["/api/v1/matching/labels/export"]!["get"].ShouldNotBeNull();
    }

    [Fact]
    public async Task The_suggestions_page_shows_a_field_message_for_a_note_that_is_too_long_or_an_unknown_reason_and_records_a_valid_one()
    {
        var (builder, simulator, _) = await PoolAsync();
        using var browser = await BrowserlessClient.SignedInAsync(app, builder.RepEmail);
        var page = $"/Companies/Suggestions/{builder.Id}";
        var form = $"form[data-testid=not-interested-form][action*='{simulator.Id}']";

        var refused = await browser.SubmitFormAsync(page, [("reason", "Other"), ("note", new string('n', 501))], form);

        await refused.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var document = await BrowserlessClient.ParseAsync(refused);
        BrowserlessClient.FieldError(document, "Note").ShouldContain("500 characters");
        var note = document.QuerySelector($"#note-{simulator.Id}")!;
        note.GetAttribute("aria-invalid").ShouldBe("true");
        note.GetAttribute("aria-describedby").ShouldBe($"note-{simulator.Id}-error");
        note.GetAttribute("value")!.Length.ShouldBe(501, "the note is kept for correcting");
        document.QuerySelector($"#reason-{simulator.Id} option[selected]")!.GetAttribute("value").ShouldBe("Other");
        document.QuerySelector($"[data-testid=suggestion][data-company='{simulator.Id}'] details.not-interested")!.HasAttribute("open").ShouldBeTrue();
        document.QuerySelectorAll("[aria-invalid=true]").Length.ShouldBe(1, "only the form that was posted shows the message");
        document.QuerySelector(".validation-summary-errors[role=alert]").ShouldNotBeNull();
        (await LabelsOfAsync(builder.Id)).ShouldBeEmpty();
        (await app.WithDbAsync(db => db.CompanyExclusions.AnyAsync(e => e.CompanyId == builder.Id))).ShouldBeFalse();

        var unknownReason = await browser.SubmitFormAsync(page, [("reason", "Bored")], form);

        await unknownReason.ShouldHaveStatusAsync(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(unknownReason), "Reason").ShouldContain("Choose one of the reasons");
        (await app.WithDbAsync(db => db.CompanyExclusions.AnyAsync(e => e.CompanyId == builder.Id))).ShouldBeFalse("a reason the form does not offer sets nothing aside");

        var saved = await browser.SubmitFormAsync(page, [("reason", "Compliance"), ("note", "ITAR parts in their simulator.")], form);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var label = (await LabelsOfAsync(builder.Id)).ShouldHaveSingleItem();
        label.CounterpartId.ShouldBe(simulator.Id);
        label.ReasonCode.ShouldBe("Compliance");
        label.ReasonNote.ShouldBe("ITAR parts in their simulator.");
        (await browser.GetDocumentAsync(page)).QuerySelector($"[data-testid=suggestion][data-company='{simulator.Id}']").ShouldBeNull();
    }

    [Theory]
    [InlineData("en", "Download decisions for the match evaluation (JSON)", "Not our field")]
    [InlineData("fr", "Télécharger les décisions pour l'évaluation des jumelages (JSON)", "Pas notre domaine")]
    [InlineData("ko", "매칭 평가용 결정 내려받기 (JSON)", "당사 분야가 아님")]
    public async Task The_new_words_read_in_each_language(string culture, string download, string notOurField)
    {
        var (builder, _, _) = await PoolAsync();
        using var rep = await BrowserlessClient.SignedInAsync(app, builder.RepEmail);
        using var official = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));

        var suggestions = await rep.GetDocumentAsync($"/Companies/Suggestions/{builder.Id}?culture={culture}");
        suggestions.QuerySelectorAll("select[name=reason] option").Select(o => o.TextContent.Trim()).ShouldContain(notOurField);
        var dashboard = await official.GetDocumentAsync($"/Officials/Dashboard?culture={culture}");
        dashboard.QuerySelector("[data-testid=labels-export]")!.TextContent.Trim().ShouldBe(download);
    }

    [Fact]
    public async Task The_officials_dashboard_downloads_the_decisions_with_the_whole_directory()
    {
        var (builder, simulator, _) = await PoolAsync();
        await (await builder.Rep.PostAsJsonAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested", new { reason = "WrongSize" }))
            .ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        using var official = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));
        using var rep = await BrowserlessClient.SignedInAsync(app, builder.RepEmail);

        var link = (await official.GetDocumentAsync("/Officials/Dashboard")).QuerySelector("a[data-testid=labels-export]")!.GetAttribute("href")!;
        var download = await official.Http.GetAsync(new Uri(link, UriKind.Relative));

        await download.ShouldHaveStatusAsync(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        download.Content.Headers.ContentDisposition!.FileName!.ShouldContain("labels");
        var export = JsonNode.Parse(await download.Content.ReadAsStringAsync())!.AsObject();
        export.Select(p => p.Key).ShouldBe(ExportKeys);
        export["labels"]!.AsArray().ShouldContain(l => l!["companyId"]!.GetValue<Guid>() == builder.Id && l["reason"]!.GetValue<string>() == "WrongSize");
        export["firms"]!.AsArray().Count.ShouldBe(await app.WithDbAsync(db => db.Companies.CountAsync()));
        BrowserlessClient.RedirectTarget(await rep.Http.GetAsync(new Uri(link, UriKind.Relative)))!.ShouldStartWith("/Account/AccessDenied");
    }

    /// <summary>A Korean submarine builder seeking simulation and machinery health monitoring, and two Canadian firms offering them.</summary>
    private async Task<(ForumFirm Builder, ForumFirm Simulator, ForumFirm Monitoring)> PoolAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var builder = await kit.FirmAsync(Payloads.Company($"Korean submarine builder {tag}", "KR")
            .With("description", "Korean submarine builder for KSS-III and export variants.")
            .With("size", "LARGE")
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 } })
            .With("seeks", new object[] { new { code = "DIGI.SIM" }, new { code = "DIGI.HEALTH" } })
            .With("compliance", KoreanCompliance));
        var simulator = await kit.FirmAsync(Payloads.Company($"Canadian simulator maker {tag}", "CA")
            .With("description", "Crew training and simulation for submarines.")
            .With("offers", new object[] { new { code = "DIGI.SIM", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } }));
        var monitoring = await kit.FirmAsync(Payloads.Company($"Canadian monitoring firm {tag}", "CA")
            .With("description", "Machinery health monitoring.")
            .With("offers", new object[] { new { code = "DIGI.HEALTH", trl = 8 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } }));
        await app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
        return (builder, simulator, monitoring);
    }

    private static async Task<Guid> RequestAsync(ForumFirm from, Guid counterpartId)
    {
        var response = await from.Rep.PostAsync($"/api/v1/companies/{from.Id}/suggestions/{counterpartId}/request-introduction", null);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> MoveAsync(HttpClient official, Guid matchId, string action, object? body = null)
    {
        var response = await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/{action}", body ?? new { });
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private Task<List<MatchLabel>> LabelsOfAsync(Guid companyId) =>
        app.WithDbAsync(db => db.MatchLabels.AsNoTracking().Where(l => l.CompanyId == companyId).OrderBy(l => l.Id).ToListAsync());

    private Task<string> UserIdAsync(string email) => app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
