using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Sign-ins, lockouts, invitations, role changes and disabling are in the audit trail officials and administrators read.</summary>
public sealed class SecurityAuditTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string WrongPassword = "a wrong secret passphrase";

    [Fact]
    public async Task Sign_ins_that_succeed_or_fail_on_the_api_and_the_pages_are_recorded_without_passwords()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var unknown = $"Nobody-{Guid.NewGuid():N}@CKM.test";
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = WrongPassword });
        using (await BrowserlessClient.SignedInAsync(app, email))
        {
        }

        using var stranger = new BrowserlessClient(app);
        var refused = await stranger.SignInAsync(unknown, WrongPassword);

        var events = await EventsAsync(email);
        events.Select(e => e.Action).ShouldBe([nameof(SecurityEventKind.SignInFailed), nameof(SecurityEventKind.SignInSucceeded)], ignoreOrder: true);
        events.Single(e => e.Action == nameof(SecurityEventKind.SignInFailed)).After!.ShouldContain("wrong password");
        var unknownEvent = (await EventsAsync(null)).Where(e => e.After!.Contains(unknown)).ShouldHaveSingleItem();
        unknownEvent.Action.ShouldBe(nameof(SecurityEventKind.SignInFailed));
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(refused)).ShouldNotContain(unknown);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.After!.Contains(WrongPassword) || a.After!.Contains(AppFactory.Password)))).ShouldBe(0);
    }

    [Fact]
    public async Task Every_kind_of_security_event_fits_the_audit_trail_column_it_is_written_to()
    {
        var width = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.Action))!.GetMaxLength()));

        width.ShouldNotBeNull();
        Enum.GetNames<SecurityEventKind>().Where(name => name.Length > width).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_lockout_is_recorded_once_when_it_begins()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        for (var i = 0; i < 6; i++)
        {
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = WrongPassword });
        }

        var events = await EventsAsync(email);
        events.Count(e => e.Action == nameof(SecurityEventKind.LockedOut)).ShouldBe(1);
        events.Last(e => e.Action == nameof(SecurityEventKind.SignInFailed)).After!.ShouldContain("account locked");
    }

    [Fact]
    public async Task Invitations_role_grants_withdrawals_and_disabling_are_recorded_with_the_administrator_who_acted_and_officials_read_them()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var invitee = $"invitee-{Guid.NewGuid():N}@ckm.test";
        (await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Ji-woo Han", email = invitee, role = Roles.ForumOrganiser }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == invitee).Select(u => u.Id).SingleAsync());
        (await admin.DeleteAsync($"/api/v1/users/{id}/roles/{Roles.ForumOrganiser}")).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/v1/users/{id}/disable", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/v1/users/{id}/enable", null)).EnsureSuccessStatusCode();

        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var trail = (await official.GetFromJsonAsync<JsonObject>($"/api/v1/audit?subjectId={id}&entityType={SecurityEvents.EntityType}"))!["items"]!.AsArray();

        trail.Select(e => e!["action"]!.GetValue<string>()).Reverse().ShouldBe(
            [nameof(SecurityEventKind.Invited), nameof(SecurityEventKind.RoleGranted), nameof(SecurityEventKind.RoleWithdrawn),
             nameof(SecurityEventKind.Disabled), nameof(SecurityEventKind.Enabled)]);
        trail.ShouldAllBe(e => e!["user"]!.GetValue<string>() == AppFactory.AdminEmail);
        trail.Where(e => e!["action"]!.GetValue<string>().StartsWith("Role", StringComparison.Ordinal)).ShouldAllBe(e => e!["after"]!.GetValue<string>().Contains(Roles.ForumOrganiser));
    }

    [Fact]
    public async Task The_hook_records_two_factor_changes_for_other_parts_of_the_application()
    {
        var email = await app.CreateUserAsync(Roles.Administrator);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SecurityEvents>().RecordAsync(SecurityEventKind.TwoFactorEnabled, id, "authenticator app");
        }

        using var admin = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);
        var page = await admin.GetDocumentAsync($"/Officials/Audit?user={Uri.EscapeDataString(email)}&entityType={SecurityEvents.EntityType}");
        page.QuerySelector("[data-testid='audit'] tbody")!.TextContent.ShouldContain(nameof(SecurityEventKind.TwoFactorEnabled));
    }

    private Task<List<Domain.AuditEntry>> EventsAsync(string? email) =>
        app.WithDbAsync(async db =>
        {
            var id = email is null ? null : await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return await db.AuditEntries.Where(a => a.EntityType == SecurityEvents.EntityType && (id == null ? a.EntityId == "" : a.EntityId == id))
                .OrderBy(a => a.Id).ToListAsync();
        });
}
