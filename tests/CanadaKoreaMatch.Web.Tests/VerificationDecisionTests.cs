using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Officials may decline to verify a firm or withdraw its verification, with a reason the firm reads and answers.</summary>
public sealed class VerificationDecisionTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private const string Reason = "Your Controlled Goods Program registration number does not match the public register.";
    private static readonly string[] ComplianceInAnotherOrder = ["CGP", "ISO9001"];
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_withdrawn_verification_takes_the_firm_out_until_it_answers_the_reason_and_an_official_verifies_it_again()
    {
        var official = await kit.OfficialAsync();
        var korean = await kit.FirmAsync("KR");
        (await korean.Rep.PutAsJsonAsync($"/api/v1/companies/{korean.Id}", Payloads.Company(korean.Name, "KR")
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 } })
            .With("seeks", new object[] { new { code = "MAR.MRO" } }))).EnsureSuccessStatusCode();
        var canadian = await kit.FirmAsync("CA");
        await DispatchAsync();
        await RecomputeAsync();
        (await StoredAsync(korean.Id, canadian.Id)).ShouldBeTrue();

        var withheld = await (await official.PostAsJsonAsync($"/api/v1/companies/{canadian.Id}/withhold-verification", new { reason = Reason })).JsonAsync();

        withheld["verified"]!.GetValue<bool>().ShouldBeFalse();
        withheld["verificationWithheld"]!["reason"]!.GetValue<string>().ShouldBe(Reason);
        await RecomputeAsync();
        (await StoredAsync(korean.Id, canadian.Id)).ShouldBeFalse("the stored list drops the firm");
        (await korean.Rep.GetAsync($"/api/v1/companies/{canadian.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await canadian.Rep.PostAsJsonAsync($"/api/v1/companies/{canadian.Id}/suggestions/{korean.Id}/request-introduction", new { message = "Hello" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var own = await (await canadian.Rep.GetAsync($"/api/v1/companies/{canadian.Id}")).JsonAsync();
        own["verificationWithheld"]!["reason"]!.GetValue<string>().ShouldBe(Reason);
        own["verificationWithheld"]!["changedSince"]!.GetValue<bool>().ShouldBeFalse();
        (await AwaitsVerificationAsync(official, canadian)).ShouldBeFalse("the firm has to answer first; it is not in the officials' queue");

        await DispatchAsync();
        var mail = (await app.MailToAsync(canadian.RepEmail)).Where(m => m.Contains("did not verify", StringComparison.Ordinal)).ShouldHaveSingleItem();
        mail.ShouldContain($"<b>{canadian.Name}</b>");
        mail.ShouldContain($"/Companies/Details/{canadian.Id}");
        mail.ShouldNotContain("Controlled Goods", Case.Sensitive, "the reason is read on the firm's page, signed in");
        var notices = (await (await canadian.Rep.GetAsync("/api/v1/me/notifications")).JsonAsync())["items"]!.AsArray();
        notices.ShouldContain(n => n!["kind"]!.GetValue<string>() == nameof(FollowUpKind.FirmVerificationWithheld));

        (await canadian.Rep.PutAsJsonAsync($"/api/v1/companies/{canadian.Id}", Payloads.Company(canadian.Name, "CA")
            .With("description", "Through-life support for naval platforms. CGP registration 12345 renewed in November."))).EnsureSuccessStatusCode();
        own = await (await canadian.Rep.GetAsync($"/api/v1/companies/{canadian.Id}")).JsonAsync();
        own["verificationWithheld"]!["changedSince"]!.GetValue<bool>().ShouldBeTrue();
        (await AwaitsVerificationAsync(official, canadian)).ShouldBeTrue("a changed profile returns to the officials' queue");

        var verified = await (await official.PostAsync($"/api/v1/companies/{canadian.Id}/verify", null)).JsonAsync();
        verified["verified"]!.GetValue<bool>().ShouldBeTrue();
        verified["verificationWithheld"].ShouldBeNull();
        await DispatchAsync();
        (await app.MailToAsync(canadian.RepEmail)).Count(m => m.Contains("A trade official verified", StringComparison.Ordinal))
            .ShouldBe(2, "verified when registered, and again after the withdrawal");
        await RecomputeAsync();
        (await StoredAsync(korean.Id, canadian.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Saving_the_profile_unchanged_does_not_answer_a_withheld_verification_and_a_real_change_does()
    {
        var official = await kit.OfficialAsync();
        var firm = await kit.FirmAsync("CA");
        await (await official.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = Reason })).ShouldSucceedAsync();
        var before = await (await firm.Rep.GetAsync($"/api/v1/companies/{firm.Id}")).JsonAsync();
        var auditEntries = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.SubjectId == firm.Id));

        var unchanged = Payloads.Company(firm.Name, "CA").With("compliance", ComplianceInAnotherOrder).With("website", " https://example.com ");
        var saved = await (await firm.Rep.PutAsJsonAsync($"/api/v1/companies/{firm.Id}", unchanged)).JsonAsync();

        saved["verificationWithheld"]!["changedSince"]!.GetValue<bool>().ShouldBeFalse();
        saved["version"]!.GetValue<Guid>().ShouldBe(before["version"]!.GetValue<Guid>(), "nothing changed");
        saved["updatedAt"]!.GetValue<DateTime>().ShouldBe(before["updatedAt"]!.GetValue<DateTime>());
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.SubjectId == firm.Id))).ShouldBe(auditEntries, "the trail records changes only");
        var own = await (await firm.Rep.GetAsync($"/api/v1/companies/{firm.Id}")).JsonAsync();
        own["verificationWithheld"]!["changedSince"]!.GetValue<bool>().ShouldBeFalse();
        own["compliance"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["ISO9001", "CGP"]);
        (await AwaitsVerificationAsync(official, firm)).ShouldBeFalse("a save that changes nothing does not answer the reason");

        var changed = unchanged.With("offers", new object[] { new { code = "MAR.MRO", trl = 8, note = "Dockside overhaul; CGP registration renewed" } });
        saved = await (await firm.Rep.PutAsJsonAsync($"/api/v1/companies/{firm.Id}", changed)).JsonAsync();

        saved["verificationWithheld"]!["changedSince"]!.GetValue<bool>().ShouldBeTrue();
        (await AwaitsVerificationAsync(official, firm)).ShouldBeTrue("a changed capability is a changed profile");
    }

    [Fact]
    public async Task Saving_the_edit_form_unchanged_does_not_answer_a_withheld_verification_and_a_real_change_does()
    {
        var official = await kit.OfficialAsync();
        var firm = await kit.FirmAsync("KR");
        const string description = "Through-life support for naval platforms.\nCGP registration 12345.";
        await (await firm.Rep.PutAsJsonAsync($"/api/v1/companies/{firm.Id}", Payloads.Company(firm.Name, "KR").With("description", description))).ShouldSucceedAsync();
        await (await official.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = Reason })).ShouldSucceedAsync();
        using var representative = await BrowserlessClient.SignedInAsync(app, firm.RepEmail);
        var edit = $"/Companies/Edit/{firm.Id}";

        var unchanged = await representative.SubmitFormAsync(edit, [("Form.Description", description.Replace("\n", "\r\n", StringComparison.Ordinal))]);

        BrowserlessClient.RedirectTarget(unchanged).ShouldBe($"/Companies/Details/{firm.Id}");
        var seen = await representative.GetDocumentAsync($"/Companies/Details/{firm.Id}");
        seen.QuerySelector("[data-testid='unverified']")!.TextContent.ShouldBe("Verification withheld");
        seen.QuerySelector("[data-testid='verification-withheld']")!.TextContent.ShouldContain("Change the profile to answer the reason");
        (await AwaitsVerificationAsync(official, firm)).ShouldBeFalse("the form posted the profile as it was");

        var changed = await representative.SubmitFormAsync(edit, [("Form.Region", "Gyeongsangnam-do")]);

        BrowserlessClient.RedirectTarget(changed).ShouldBe($"/Companies/Details/{firm.Id}");
        (await representative.GetDocumentAsync($"/Companies/Details/{firm.Id}")).QuerySelector("[data-testid='unverified']")!.TextContent.ShouldBe("Awaiting verification");
        (await AwaitsVerificationAsync(official, firm)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_firm_hears_only_the_last_of_several_decisions_taken_before_its_notices_go_out()
    {
        var official = await kit.OfficialAsync();
        var firm = await kit.FirmAsync("KR");
        await DispatchAsync();

        await (await official.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = "Wrong NCAGE." })).ShouldSucceedAsync();
        await (await official.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = "Wrong NCAGE code; see the DAPA register." })).ShouldSucceedAsync();
        await (await official.PostAsync($"/api/v1/companies/{firm.Id}/verify", null)).ShouldSucceedAsync();
        await DispatchAsync();

        var mail = await app.MailToAsync(firm.RepEmail);
        mail.Count(m => m.Contains("did not verify", StringComparison.Ordinal)).ShouldBe(0, "both withholdings were overtaken by the verification");
        mail.Count(m => m.Contains("A trade official verified", StringComparison.Ordinal)).ShouldBe(2, "at registration, and now");
    }

    [Fact]
    public async Task Withholding_needs_a_reason_an_official_and_an_existing_firm_and_a_refusal_changes_nothing()
    {
        var official = await kit.OfficialAsync();
        var firm = await kit.FirmAsync("CA");

        foreach (var (reason, why) in new[] { ("", "empty"), ("   ", "blank"), (new string('x', Company.WithheldReasonMaxLength + 1), "too long") })
        {
            var refused = await official.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason });
            (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["reason"], why);
        }

        (await official.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = (string?)null }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await firm.Rep.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = Reason }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a firm's own representative cannot decide its verification");
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        (await organiser.PostAsJsonAsync($"/api/v1/companies/{firm.Id}/withhold-verification", new { reason = Reason }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await official.PostAsJsonAsync($"/api/v1/companies/{Guid.NewGuid()}/withhold-verification", new { reason = Reason }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var stored = await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == firm.Id));
        stored.VerifiedAt.ShouldNotBeNull();
        stored.VerificationWithheldAt.ShouldBeNull();
        (await app.WithDbAsync(db => db.FollowUps.CountAsync(f => f.SubjectId == firm.Id && f.Kind == FollowUpKind.FirmVerificationWithheld))).ShouldBe(0);
    }

    [Fact]
    public async Task On_the_firms_page_an_official_gives_the_reason_and_the_firm_reads_it()
    {
        await kit.OfficialAsync();
        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        var firm = await kit.FirmAsync("CA");
        using var official = await BrowserlessClient.SignedInAsync(app, officialEmail);
        var page = $"/Companies/Details/{firm.Id}";

        var blank = await official.SubmitFormAsync(page, [("Reason", " ")], "form[action*='handler=Withhold']");
        blank.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(blank), "Reason").ShouldBe("Say why, so that the firm's representatives know what to change.");
        (await app.WithDbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == firm.Id))).VerifiedAt.ShouldNotBeNull();

        var done = await official.SubmitFormAsync(page, [("Reason", Reason)], "form[action*='handler=Withhold']");
        BrowserlessClient.RedirectTarget(done).ShouldBe(page);
        var seenByOfficial = await official.GetDocumentAsync(page);
        seenByOfficial.QuerySelector("[data-testid='unverified']").ShouldNotBeNull();
        seenByOfficial.QuerySelector("[data-testid='withhold-verification']")!.TextContent.ShouldBe("Do not verify");
        var list = await official.GetDocumentAsync("/Companies?verified=false&search=" + Uri.EscapeDataString(firm.Name));
        list.QuerySelector("[data-testid='withheld']")!.TextContent.ShouldBe("Verification withheld");
        var queue = await official.GetDocumentAsync("/Companies?awaiting=true&search=" + Uri.EscapeDataString(firm.Name));
        queue.QuerySelector("h1")!.TextContent.ShouldBe("Firms awaiting verification");
        queue.QuerySelector("[data-testid='companies']")!.TextContent.ShouldNotContain(firm.Name, customMessage: "it waits for the firm's answer, not for an official");

        using var representative = await BrowserlessClient.SignedInAsync(app, firm.RepEmail);
        var seenByFirm = await representative.GetDocumentAsync(page);
        var card = seenByFirm.QuerySelector("[data-testid='verification-withheld']")!;
        card.TextContent.ShouldContain(Reason);
        card.TextContent.ShouldContain("Change the profile to answer the reason");
        seenByFirm.QuerySelector("[data-testid='withhold-verification']").ShouldBeNull("only officials decide");
        (await representative.GetDocumentAsync("/Companies/Mine")).QuerySelector("[data-testid='withheld']")!.GetAttribute("href").ShouldBe(page);
        (await representative.GetDocumentAsync($"/Companies/Suggestions/{firm.Id}")).QuerySelector("[data-testid='unverified-notice']")!
            .TextContent.ShouldContain("did not verify your firm");
    }

    private Task<bool> StoredAsync(Guid reader, Guid counterpart) =>
        app.WithDbAsync(db => db.Suggestions.AnyAsync(s => s.CompanyId == reader && s.CounterpartId == counterpart));

    /// <summary>The firm is in the officials' queue: in the API's list of firms awaiting verification, and in the digest's count.</summary>
    private async Task<bool> AwaitsVerificationAsync(HttpClient official, ForumFirm firm)
    {
        var listed = (await official.GetStringAsync($"/api/v1/companies?awaiting=true&search={Uri.EscapeDataString(firm.Name)}")).Contains(firm.Id.ToString(), StringComparison.Ordinal);
        var queued = await app.WithDbAsync(db => db.Companies.Where(Company.AwaitsVerification).AnyAsync(c => c.Id == firm.Id));
        listed.ShouldBe(queued, "the list and the digest count the same queue");
        return listed;
    }

    private Task<int> RecomputeAsync() => app.Services.GetRequiredService<SuggestionRecomputer>().RunOnceAsync();

    private Task<int> DispatchAsync() => app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
}
