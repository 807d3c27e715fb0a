using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Officials read each audit entry as the list of what changed, in their language; the raw JSON stays one click away and the API and CSV keep it.</summary>
public sealed class AuditTrailPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("en", "Name: {0} → {1}", "Size: SME → Large", "Code: Naval maintenance, repair and overhaul / in-service support (added)")]
    [InlineData("fr", "Nom\u00a0: {0} → {1}", "Taille\u00a0: PME → Grande entreprise", "Code\u00a0: Maintenance, réparation et révision navales / soutien en service (ajouté)")]
    public async Task A_changed_firm_reads_as_field_old_and_new_value_with_labels_and_the_raw_json_behind_details(
        string culture, string nameChange, string sizeChange, string capabilityAdded)
    {
        var (firm, before, after) = await RenamedFirmAsync();
        using var official = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));
        (await official.SubmitFormAsync("/Companies", [("culture", culture)], "form[data-testid=language-switcher]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await official.GetDocumentAsync($"/Officials/Audit?subjectId={firm}");

        var changes = page.QuerySelectorAll("[data-testid=audit-changes] li").Select(li => li.TextContent.Trim()).ToList();
        changes.ShouldContain(string.Format(System.Globalization.CultureInfo.InvariantCulture, nameChange, before, after));
        changes.ShouldContain(sizeChange);
        changes.ShouldContain(capabilityAdded);
        changes.ShouldContain(c => c.Contains("CompanyRepresentative tester (companyrepresentative-", StringComparison.Ordinal), "the membership names its representative");
        changes.ShouldNotContain(c => c.Contains(firm.ToString(), StringComparison.OrdinalIgnoreCase), "ids read as the names they stand for");
        var updated = page.QuerySelectorAll("[data-testid=audit] tbody tr").First(r => r.QuerySelectorAll("details code.json").Any(c => c.TextContent.Contains($"\"Name\":\"{after}\"", StringComparison.Ordinal)));
        updated.QuerySelector("details code.json")!.TextContent.ShouldContain($"\"Name\":\"{before}\"");
        updated.QuerySelector("[data-testid=audit-changes]")!.TextContent.ShouldNotContain("{\"");
    }

    [Fact]
    public async Task The_api_and_the_csv_export_keep_the_recorded_json()
    {
        var (firm, before, after) = await RenamedFirmAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);

        var items = (await official.GetFromJsonAsync<JsonObject>($"/api/v1/audit?subjectId={firm}&entityType=Company"))!["items"]!.AsArray();
        var update = items.Single(e => e!["action"]!.GetValue<string>() == "Updated")!;
        update["before"]!.GetValue<string>().ShouldContain($"\"Name\":\"{before}\"");
        update["after"]!.GetValue<string>().ShouldContain($"\"Name\":\"{after}\"");
        var csv = await official.GetStringAsync($"/api/v1/audit/export?subjectId={firm}&entityType=Company");
        csv.ShouldContain($"\"\"Name\"\":\"\"{before}\"\"");
    }

    [Fact]
    public async Task An_entry_whose_recorded_text_is_not_json_is_shown_as_it_is()
    {
        var subject = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, EntityType = "Imported", EntityId = "1", SubjectId = subject, Action = "Updated", Before = "{\"Name\":", After = "plain words" });
            await db.SaveChangesAsync();
        });
        using var official = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));

        var page = await official.GetDocumentAsync($"/Officials/Audit?subjectId={subject}");

        page.QuerySelectorAll("[data-testid=audit-raw]").Select(c => c.TextContent).ShouldBe(["{\"Name\":", "plain words"]);
        page.QuerySelector("[data-testid=audit-changes]").ShouldBeNull();
    }

    private async Task<(Guid Firm, string Before, string After)> RenamedFirmAsync()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var before = $"Halifax Marine {Guid.NewGuid():N}"[..24];
        var after = $"Halifax Naval {Guid.NewGuid():N}"[..24];
        var firm = await rep.RegisterCompanyAsync(Payloads.Company(before));
        (await rep.PutAsJsonAsync($"/api/v1/companies/{firm}", Payloads.Company(after).With("size", "LARGE"))).EnsureSuccessStatusCode();
        return (firm, before, after);
    }
}
