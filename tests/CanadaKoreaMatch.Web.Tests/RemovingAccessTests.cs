using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Administrators disable accounts and withdraw roles; representatives remove colleagues; each takes effect at once.</summary>
public sealed class RemovingAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_disabled_account_cannot_sign_in_on_the_api_or_the_pages_its_stamp_changes_and_enabling_it_restores_access()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        var (id, stamp) = await AccountAsync(email);

        var disabled = await admin.PostAsync($"/api/v1/users/{id}/disable", null);

        disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await disabled.JsonAsync())["disabled"]!.GetValue<bool>().ShouldBeTrue();
        (await AccountAsync(email)).Stamp.ShouldNotBe(stamp);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", await app.LoginAsync(email))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var browser = new BrowserlessClient(app))
        {
            (await browser.SignInAsync(email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/users"))!.Single(u => u!["email"]!.GetValue<string>() == email)!;
        listed["disabled"]!.GetValue<bool>().ShouldBeTrue();

        (await admin.PostAsync($"/api/v1/users/{id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", await app.LoginAsync(email))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account_or_withdraw_their_own_administrator_role()
    {
        var email = await app.CreateUserAsync(Roles.Administrator);
        var admin = await app.ClientForAsync(email);
        var (id, _) = await AccountAsync(email);

        var disable = await admin.PostAsync($"/api/v1/users/{id}/disable", null);
        var withdraw = await admin.DeleteAsync($"/api/v1/users/{id}/roles/{Roles.Administrator}");

        disable.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        withdraw.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_withdrawn_role_is_gone_from_the_account_its_stamp_changes_and_its_next_token_cannot_use_the_role()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        var (id, stamp) = await AccountAsync(email);
        var firm = await (await app.ClientInRoleAsync(Roles.CompanyRepresentative)).RegisterCompanyAsync();

        var withdrawn = await admin.DeleteAsync($"/api/v1/users/{id}/roles/{Roles.TradeOfficial}");

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withdrawn.JsonAsync())["roles"]!.AsArray().ShouldBeEmpty();
        (await AccountAsync(email)).Stamp.ShouldNotBe(stamp);
        var former = await app.ClientForAsync(email);
        (await former.PostAsync($"/api/v1/companies/{firm}/verify", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.DeleteAsync($"/api/v1/users/{id}/roles/{Roles.TradeOfficial}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.DeleteAsync($"/api/v1/users/{id}/roles/Emperor")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsync($"/api/v1/users/{Guid.NewGuid()}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_removed_colleague_can_no_longer_edit_the_firm_with_the_token_they_already_hold()
    {
        var owner = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var name = $"Removal Firm {Guid.NewGuid():N}";
        var firm = await owner.RegisterCompanyAsync(Payloads.Company(name));
        var colleagueEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var colleague = await app.ClientForAsync(colleagueEmail);
        (await owner.PostAsJsonAsync($"/api/v1/companies/{firm}/representatives", new { email = colleagueEmail })).EnsureSuccessStatusCode();
        (await colleague.PutAsJsonAsync($"/api/v1/companies/{firm}", Payloads.Company(name))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (colleagueId, _) = await AccountAsync(colleagueEmail);

        (await owner.DeleteAsync($"/api/v1/companies/{firm}/representatives/{colleagueId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The firm is not verified yet: to someone outside it, it does not exist.
        (await colleague.PutAsJsonAsync($"/api/v1/companies/{firm}", Payloads.Company(name).With("description", "after removal"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await colleague.GetAsync($"/api/v1/companies/{firm}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.DeleteAsync($"/api/v1/companies/{firm}/representatives/{colleagueId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Withdrawing_the_representative_role_ends_the_persons_memberships_so_signing_in_again_gives_no_access_to_the_firm()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var repEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var rep = await app.ClientForAsync(repEmail);
        var name = $"Withdrawn Firm {Guid.NewGuid():N}";
        var firm = await rep.RegisterCompanyAsync(Payloads.Company(name));
        var counterpart = await (await app.ClientInRoleAsync(Roles.CompanyRepresentative)).RegisterCompanyAsync(Payloads.Company($"Counterpart {Guid.NewGuid():N}", "KR"));
        (await official.PostAsync($"/api/v1/companies/{firm}/verify", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await official.PostAsync($"/api/v1/companies/{counterpart}/verify", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (repId, _) = await AccountAsync(repEmail);

        (await admin.DeleteAsync($"/api/v1/users/{repId}/roles/{Roles.CompanyRepresentative}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var former = await app.ClientForAsync(repEmail);
        (await former.PutAsJsonAsync($"/api/v1/companies/{firm}", Payloads.Company(name).With("description", "after the role was withdrawn"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await former.GetAsync($"/api/v1/companies/{firm}/suggestions")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await former.PostAsJsonAsync($"/api/v1/companies/{firm}/suggestions/{counterpart}/request-introduction", new { message = "still here" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.UserId == repId))).ShouldBe(0);
        (await app.WithDbAsync(db => db.Companies.Where(c => c.Id == firm).Select(c => c.Description).SingleAsync())).ShouldNotBe("after the role was withdrawn");
    }

    [Fact]
    public async Task The_last_representative_cannot_remove_themselves()
    {
        var ownerEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var owner = await app.ClientForAsync(ownerEmail);
        var firm = await owner.RegisterCompanyAsync();
        var (ownerId, _) = await AccountAsync(ownerEmail);

        var response = await owner.DeleteAsync($"/api/v1/companies/{firm}/representatives/{ownerId}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.JsonAsync())["detail"]!.GetValue<string>().ShouldContain("at least one representative");
        (await owner.GetAsync($"/api/v1/companies/{firm}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_disables_an_account_and_withdraws_a_role_from_the_users_page_after_confirming()
    {
        var victim = await app.CreateUserAsync(Roles.ForumOrganiser);
        using var admin = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);
        var row = $"tr[data-user='{victim}']";

        var disabled = await admin.SubmitFormAsync("/Admin/Users", [], $"{row} form[action*='handler=Disable']");
        disabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await admin.GetDocumentAsync("/Admin/Users");
        page.QuerySelector($"{row} .tag")!.TextContent.ShouldBe("Disabled");
        page.QuerySelector($"{row} details.confirm summary")!.TextContent.ShouldBe(Roles.ForumOrganiser);

        var withdrawn = await admin.SubmitFormAsync("/Admin/Users", [], $"{row} form[action*='handler=WithdrawRole']");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetDocumentAsync("/Admin/Users")).QuerySelector($"{row} [data-testid='withdraw-role']").ShouldBeNull();
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", await app.LoginAsync(victim))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var self = await admin.SubmitFormAsync("/Admin/Users", [], $"tr[data-user='{AppFactory.AdminEmail}'] form[action*='handler=Disable']");
        self.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(self)).ShouldContain("You cannot disable your own account.");
    }

    [Fact]
    public async Task A_representative_removes_a_colleague_from_the_firm_page_after_confirming()
    {
        var ownerEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var owner = await app.ClientForAsync(ownerEmail);
        var firm = await owner.RegisterCompanyAsync();
        var colleagueEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        (await owner.PostAsJsonAsync($"/api/v1/companies/{firm}/representatives", new { email = colleagueEmail })).EnsureSuccessStatusCode();
        using var browser = await BrowserlessClient.SignedInAsync(app, ownerEmail);
        var (colleagueId, _) = await AccountAsync(colleagueEmail);

        var removed = await browser.SubmitFormAsync($"/Companies/Details/{firm}", [], $"form[action*='userId={colleagueId}']");

        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetDocumentAsync($"/Companies/Details/{firm}");
        page.Body!.TextContent.ShouldNotContain(colleagueEmail);
        page.QuerySelector("[data-testid='remove-representative']").ShouldBeNull();
        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.CompanyId == firm))).ShouldBe(1);
    }

    private Task<(string Id, string? Stamp)> AccountAsync(string email) =>
        app.WithDbAsync(async db => await db.Users.Where(u => u.Email == email).Select(u => new ValueTuple<string, string?>(u.Id, u.SecurityStamp)).SingleAsync());
}
