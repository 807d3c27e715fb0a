using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

public sealed class MatchingFlowTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] KoreanCompliance = ["DAPA"];

    private sealed record Firm(Guid Id, HttpClient Rep, string RepEmail);

    [Fact]
    public async Task A_submarine_builder_is_suggested_the_canadian_firm_that_offers_what_it_seeks_with_the_reasons()
    {
        var (builder, simulator, monitoring) = await CreatePoolAsync();

        var suggestions = await SuggestionsAsync(builder.Rep, builder.Id);
        var ranked = suggestions.Select(Id).ToList();
        ranked.ShouldContain(simulator.Id);
        ranked.IndexOf(simulator.Id).ShouldBeLessThan(ranked.Contains(monitoring.Id) ? ranked.IndexOf(monitoring.Id) : int.MaxValue);
        var top = suggestions.Single(s => Id(s) == simulator.Id)!;
        top["score"]!.GetValue<double>().ShouldBeInRange(1, 100);
        var reasons = top["reasons"]!.AsArray().Select(r => r!["text"]!.GetValue<string>()).ToList();
        reasons.ShouldContain(r => r.Contains("DIGI.SIM", StringComparison.Ordinal) && r.Contains("you seek", StringComparison.Ordinal));
        suggestions.Select(s => s!["country"]!.GetValue<string>()).ShouldAllBe(c => c == "CA");
    }

    [Fact]
    public async Task Only_the_firms_own_representatives_and_officials_see_its_suggestions()
    {
        var (builder, simulator, _) = await CreatePoolAsync();

        (await simulator.Rep.GetAsync($"/api/v1/companies/{builder.Id}/suggestions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync($"/api/v1/companies/{builder.Id}/suggestions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        (await official.GetAsync($"/api/v1/companies/{builder.Id}/suggestions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await builder.Rep.GetAsync($"/api/v1/companies/{builder.Id}/suggestions?top=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unverified_firm_is_never_suggested_until_an_official_verifies_it()
    {
        var (builder, _, _) = await CreatePoolAsync();
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var newcomer = await rep.RegisterCompanyAsync(Payloads.Company($"Unverified simulator {Guid.NewGuid():N}", "CA")
            .With("offers", new object[] { new { code = "DIGI.SIM", trl = 9 }, new { code = "DIGI.HEALTH", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } }));
        var recomputer = app.Services.GetRequiredService<SuggestionRecomputer>();
        await recomputer.RunOnceAsync();
        (await SuggestionsAsync(builder.Rep, builder.Id)).Select(Id).ShouldNotContain(newcomer);
        (await SuggestionsAsync(rep, newcomer)).Select(Id).ShouldContain(builder.Id);

        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        (await official.PostAsync($"/api/v1/companies/{newcomer}/verify", null)).EnsureSuccessStatusCode();
        await recomputer.RunOnceAsync();
        (await SuggestionsAsync(builder.Rep, builder.Id)).Select(Id).ShouldContain(newcomer);
    }

    [Fact]
    public async Task Not_interested_removes_the_pair_for_good()
    {
        var (builder, simulator, _) = await CreatePoolAsync();

        var response = await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested", null);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SuggestionsAsync(builder.Rep, builder.Id)).Select(Id).ShouldNotContain(simulator.Id);

        await app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
        (await SuggestionsAsync(builder.Rep, builder.Id)).Select(Id).ShouldNotContain(simulator.Id);
        (await SuggestionsAsync(simulator.Rep, simulator.Id)).Select(Id).ShouldNotContain(builder.Id);
        var own = await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/request-introduction", null);
        (await own.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("Firms set aside");
    }

    [Fact]
    public async Task A_firm_that_asks_to_meet_a_firm_that_set_it_aside_is_not_told_and_the_officials_cannot_introduce_them()
    {
        var (builder, simulator, monitoring) = await CreatePoolAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        (await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/not-interested", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var asked = await simulator.Rep.PostAsJsonAsync($"/api/v1/companies/{simulator.Id}/suggestions/{builder.Id}/request-introduction", new { message = "Training centre at Geoje?" });

        asked.StatusCode.ShouldBe(HttpStatusCode.OK, "a refusal would tell the asking firm that the other set it aside");
        var matchId = (await asked.JsonAsync())["id"]!.GetValue<Guid>();
        (await (await official.GetAsync("/api/v1/matches?status=Requested&pageSize=100")).JsonAsync())["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<Guid>()).ShouldContain(matchId);
        await MoveAsync(official, matchId, "review");
        var refused = await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/approve", new { });
        (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("set the other aside");
        var curated = await (await official.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync();
        curated["setAsideBy"]!.AsArray().Select(f => f!["id"]!.GetValue<Guid>()).ShouldBe([builder.Id], "officials see up front which firm set the other aside");
        curated["nextStatuses"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["Rejected"]);
        (await (await simulator.Rep.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync())["setAsideBy"].ShouldBeNull("the asking firm is not told");
        using (var officialBrowser = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial)))
        {
            var page = await officialBrowser.GetDocumentAsync($"/Matches/{matchId}");
            page.QuerySelector("[data-testid=set-aside]")!.TextContent.ShouldContain(curated["setAsideBy"]![0]!["name"]!.GetValue<string>());
            page.QuerySelector("[data-testid=move-Approved]").ShouldBeNull();
            page.QuerySelector("[data-testid=move-Rejected]").ShouldNotBeNull();
        }

        using (var askingBrowser = await BrowserlessClient.SignedInAsync(app, simulator.RepEmail))
        {
            (await askingBrowser.GetDocumentAsync($"/Matches/{matchId}")).QuerySelector("[data-testid=set-aside]").ShouldBeNull();
        }


        (await (await builder.Rep.GetAsync($"/api/v1/companies/{builder.Id}/matches")).Content.ReadFromJsonAsync<JsonArray>())!
            .Select(m => m!["id"]!.GetValue<Guid>()).ShouldNotContain(matchId, "the firm set the asking firm aside");
        (await (await simulator.Rep.GetAsync($"/api/v1/companies/{simulator.Id}/matches")).Content.ReadFromJsonAsync<JsonArray>())!
            .Select(m => m!["id"]!.GetValue<Guid>()).ShouldContain(matchId);
        (await MoveAsync(official, matchId, "reject", new { reason = "Not a fit for this programme." }))["status"]!.GetValue<string>().ShouldBe("Rejected");
        (await app.WithDbAsync(db => db.Matches.Where(m => m.Id == matchId).Select(m => m.History.Count).SingleAsync())).ShouldBe(4, "Suggested, Requested, UnderReview, Rejected: the refused step left nothing");

        // Set aside once the officials had approved the request: they do not introduce the pair either.
        var approved = (await (await monitoring.Rep.PostAsync($"/api/v1/companies/{monitoring.Id}/suggestions/{builder.Id}/request-introduction", null)).JsonAsync())["id"]!.GetValue<Guid>();
        await MoveAsync(official, approved, "review");
        await MoveAsync(official, approved, "approve");
        (await builder.Rep.PostAsync($"/api/v1/companies/{builder.Id}/suggestions/{monitoring.Id}/not-interested", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var introduce = await official.PostAsJsonAsync($"/api/v1/matches/{approved}/introduce", new { });
        (await introduce.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().ShouldContain("set the other aside");
        (await app.WithDbAsync(db => db.Matches.Where(m => m.Id == approved).Select(m => m.Status).SingleAsync())).ShouldBe(MatchStatus.Approved);
    }

    [Fact]
    public async Task An_introduction_goes_from_request_to_outcome_and_both_representatives_see_it()
    {
        var (builder, simulator, _) = await CreatePoolAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);

        var requested = await builder.Rep.PostAsJsonAsync($"/api/v1/companies/{builder.Id}/suggestions/{simulator.Id}/request-introduction", new { message = "We would like to meet at CANSEC." });
        requested.StatusCode.ShouldBe(HttpStatusCode.OK);
        var matchId = (await requested.JsonAsync())["id"]!.GetValue<Guid>();
        (await builder.Rep.PostAsJsonAsync($"/api/v1/matches/{matchId}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var queue = await (await official.GetAsync("/api/v1/matches?status=Requested&pageSize=100")).JsonAsync();
        queue["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldContain(matchId);

        await MoveAsync(official, matchId, "review");
        await MoveAsync(official, matchId, "approve");
        var introduced = await MoveAsync(official, matchId, "introduce", new { reason = "Meet at CANSEC on 27 May." });
        introduced["status"]!.GetValue<string>().ShouldBe("Introduced");

        await app.DeliverMailAsync();
        var mails = Mailbox.All(app.Outbox).Where(m => m.Subject.StartsWith("Introduction:", StringComparison.Ordinal)).ToList();
        // Each firm reads the reasons from its own side of the pair.
        mails.ShouldContain(m => m.To == builder.RepEmail && m.Html.Contains("offers Training and simulation systems, which you seek", StringComparison.Ordinal));
        mails.ShouldContain(m => m.To == simulator.RepEmail && m.Html.Contains("seeks Training and simulation systems, which you offer", StringComparison.Ordinal) && m.Html.Contains("Meet at CANSEC", StringComparison.Ordinal));
        mails.ShouldNotContain(m => m.To == simulator.RepEmail && m.Html.Contains("offers Training and simulation systems, which you seek", StringComparison.Ordinal));

        foreach (var (firm, kind) in new[] { (builder, "OffersWhatYouSeek"), (simulator, "SeeksWhatYouOffer") })
        {
            var mine = await (await firm.Rep.GetAsync($"/api/v1/companies/{firm.Id}/matches")).Content.ReadFromJsonAsync<JsonArray>();
            mine!.Single(m => m!["id"]!.GetValue<Guid>() == matchId)!["status"]!.GetValue<string>().ShouldBe("Introduced");
            var seen = await (await firm.Rep.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync();
            seen["reasonsFor"]!.GetValue<Guid>().ShouldBe(firm.Id);
            seen["reasons"]!.AsArray().ShouldContain(r => r!["kind"]!.GetValue<string>() == kind && r["subjects"]![0]!.GetValue<string>() == "DIGI.SIM");
        }

        await MoveAsync(official, matchId, "meeting");
        var outcome = await MoveAsync(official, matchId, "outcome", new { outcome = "MouSigned", reason = "Training centre MoU" });
        outcome["outcome"]!.GetValue<string>().ShouldBe("MouSigned");
        outcome["history"]!.AsArray().Select(h => h!["to"]!.GetValue<string>())
            .ShouldBe(["Suggested", "Requested", "UnderReview", "Approved", "Introduced", "Meeting", "Outcome"]);

        var outsider = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        (await outsider.GetAsync($"/api/v1/matches/{matchId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_introduction_requested_outside_the_queue_is_scored_for_officials_as_the_mean_of_both_firms_readings()
    {
        var (builder, simulator, _) = await CreatePoolAsync();
        await app.WithDbAsync(async db =>
        {
            await db.Matches.Where(m => m.KoreanCompanyId == builder.Id && m.CanadianCompanyId == simulator.Id).ExecuteDeleteAsync();
            (await db.Suggestions.Where(x => x.CompanyId == builder.Id && x.CounterpartId == simulator.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Score, 81.0))).ShouldBe(1);
            (await db.Suggestions.Where(x => x.CompanyId == simulator.Id && x.CounterpartId == builder.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Score, 64.0))).ShouldBe(1);
        });

        var matchId = await RequestAsync(builder, simulator.Id);

        (await app.WithDbAsync(db => db.Matches.Where(m => m.Id == matchId).Select(m => m.Score).SingleAsync())).ShouldBe(72.5);
    }

    [Fact]
    public async Task Approving_an_already_rejected_match_is_a_conflict()
    {
        var (builder, simulator, _) = await CreatePoolAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var matchId = await RequestAsync(builder, simulator.Id);

        var noReason = await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/reject", new { });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.JsonAsync()).ErrorFields().ShouldContain("reason");

        await MoveAsync(official, matchId, "reject", new { reason = "Export licence not possible" });
        var approve = await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/approve", new { });
        approve.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        approve.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await approve.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("Rejected");
    }

    [Fact]
    public async Task Two_officials_acting_on_the_same_match_at_once_one_succeeds_the_other_gets_409()
    {
        var (builder, simulator, _) = await CreatePoolAsync();
        var first = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var second = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var matchId = await RequestAsync(builder, simulator.Id);
        var version = (await (await first.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync())["version"]!.GetValue<Guid>();

        var results = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/v1/matches/{matchId}/approve", new { version }),
            second.PostAsJsonAsync($"/api/v1/matches/{matchId}/reject", new { version, reason = "Duplicate of another request" }));

        results.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var history = (await (await first.GetAsync($"/api/v1/matches/{matchId}")).JsonAsync())["history"]!.AsArray();
        history.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Concurrent_moves_without_a_version_still_let_only_one_through()
    {
        var (builder, simulator, _) = await CreatePoolAsync();
        var matchId = await RequestAsync(builder, simulator.Id);
        var officials = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.ClientInRoleAsync(Roles.TradeOfficial)));

        var results = await Task.WhenAll(officials.Select(o => o.PostAsJsonAsync($"/api/v1/matches/{matchId}/review", new { })));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        results.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(2);
    }

    [Fact]
    public async Task Profile_and_match_changes_are_in_the_audit_trail_with_before_and_after()
    {
        var (builder, simulator, _) = await CreatePoolAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var loaded = await (await builder.Rep.GetAsync($"/api/v1/companies/{builder.Id}")).JsonAsync();
        var edit = Payloads.Company(loaded["name"]!.GetValue<string>(), "KR")
            .With("description", "Now also offering crew training.")
            .With("seeks", new object[] { new { code = "DIGI.SIM" } });
        (await builder.Rep.PutAsJsonAsync($"/api/v1/companies/{builder.Id}", edit)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var matchId = await RequestAsync(builder, simulator.Id);

        var trail = await (await official.GetAsync($"/api/v1/audit?subjectId={builder.Id}&entityType=Company")).JsonAsync();
        var update = trail["items"]!.AsArray().First(e => e!["action"]!.GetValue<string>() == "Updated")!;
        update["user"]!.GetValue<string>().ShouldBe(builder.RepEmail);
        update["before"]!.GetValue<string>().ShouldContain("Korean submarine");
        update["after"]!.GetValue<string>().ShouldContain("Now also offering crew training.");

        var matchTrail = await (await official.GetAsync($"/api/v1/audit?subjectId={matchId}")).JsonAsync();
        matchTrail["total"]!.GetValue<int>().ShouldBeGreaterThan(0);
        (await builder.Rep.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var csv = await official.GetStringAsync($"/api/v1/audit/export?subjectId={builder.Id}");
        csv.ShouldStartWith("id,at_utc,user,entity_type");
        csv.ShouldContain("Now also offering crew training.");
    }

    [Fact]
    public async Task The_dashboard_counts_matches_by_status_and_the_funnel()
    {
        var (builder, simulator, other) = await CreatePoolAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var matchId = await RequestAsync(builder, simulator.Id);
        await MoveAsync(official, matchId, "approve");
        await MoveAsync(official, matchId, "introduce");
        await RequestAsync(builder, other.Id);

        var dashboard = await (await official.GetAsync("/api/v1/dashboard")).JsonAsync();
        int Count(string section, string key) => dashboard[section]!.AsArray().Single(x => x!["key"]!.GetValue<string>() == key)!["count"]!.GetValue<int>();
        Count("byStatus", "Introduced").ShouldBeGreaterThanOrEqualTo(1);
        Count("byStatus", "Requested").ShouldBeGreaterThanOrEqualTo(1);
        Count("funnel", "Suggested").ShouldBeGreaterThanOrEqualTo(Count("funnel", "Introduced"));
        Count("funnel", "Introduced").ShouldBeGreaterThanOrEqualTo(1);
        dashboard["timeInStage"]!.AsArray().Select(t => t!["stage"]!.GetValue<string>()).ShouldContain("Approved");
        (await official.GetStringAsync("/api/v1/dashboard/export")).ShouldContain("funnel,Introduced,");
        (await builder.Rep.GetAsync("/api/v1/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<(Firm Builder, Firm Simulator, Firm Other)> CreatePoolAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var builder = await FirmAsync(Payloads.Company($"Korean submarine builder {tag}", "KR")
            .With("description", "Korean submarine builder for KSS-III and export variants.")
            .With("size", "LARGE")
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 } })
            .With("seeks", new object[] { new { code = "DIGI.SIM" }, new { code = "DIGI.HEALTH" } })
            .With("compliance", KoreanCompliance));
        var simulator = await FirmAsync(Payloads.Company($"Canadian simulator maker {tag}", "CA")
            .With("description", "Crew training and simulation for submarines.")
            .With("offers", new object[] { new { code = "DIGI.SIM", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.SUB" } }));
        var other = await FirmAsync(Payloads.Company($"Canadian monitoring firm {tag}", "CA")
            .With("description", "Machinery health monitoring.")
            .With("offers", new object[] { new { code = "DIGI.HEALTH", trl = 8 } })
            .With("seeks", new object[] { new { code = "MAT.METALS" } })
            .With("programmes", Array.Empty<string>()));
        await app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();
        return (builder, simulator, other);
    }

    private async Task<Firm> FirmAsync(Dictionary<string, object?> payload)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var rep = await app.ClientForAsync(email);
        var id = await rep.RegisterCompanyAsync(payload);
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        (await official.PostAsync($"/api/v1/companies/{id}/verify", null)).EnsureSuccessStatusCode();
        return new Firm(id, rep, email);
    }

    private static async Task<JsonArray> SuggestionsAsync(HttpClient client, Guid companyId)
    {
        var response = await client.GetAsync($"/api/v1/companies/{companyId}/suggestions?top=20");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private static Guid Id(JsonNode? suggestion) => suggestion!["companyId"]!.GetValue<Guid>();

    private static async Task<Guid> RequestAsync(Firm from, Guid counterpartId)
    {
        var response = await from.Rep.PostAsync($"/api/v1/companies/{from.Id}/suggestions/{counterpartId}/request-introduction", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync())["id"]!.GetValue<Guid>();
    }

    private static async Task<JsonObject> MoveAsync(HttpClient official, Guid matchId, string action, object? body = null)
    {
        var response = await official.PostAsJsonAsync($"/api/v1/matches/{matchId}/{action}", body ?? new { });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}
