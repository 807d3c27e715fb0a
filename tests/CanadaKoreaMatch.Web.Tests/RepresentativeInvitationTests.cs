using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// A colleague invited before having an account joins the firm by signing up and confirming the invited address, without anyone
/// adding them again; the firm's representatives see and withdraw pending invitations, which expire.
/// </summary>
public sealed class RepresentativeInvitationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_address_without_an_account_is_a_pending_invitation_on_the_firm_page_with_who_invited_and_when()
    {
        var (firm, ownerEmail) = await FirmAsync();
        using var owner = await BrowserlessClient.SignedInAsync(app, ownerEmail);
        var invitee = NewEmail();

        var added = await owner.SubmitFormAsync($"/Companies/Details/{firm}", [("RepresentativeEmail", invitee)], "form[action*='AddRepresentative']");

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pending = (await owner.GetDocumentAsync($"/Companies/Details/{firm}")).QuerySelectorAll("[data-testid=invitation]").ShouldHaveSingleItem();
        pending.TextContent.ShouldContain(invitee);
        pending.TextContent.ShouldContain("invited by CompanyRepresentative tester on " + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var listed = (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!;
        listed["email"]!.GetValue<string>().ShouldBe(invitee);
        listed["invitedBy"]!.GetValue<string>().ShouldBe("CompanyRepresentative tester");
        (listed["expiresAt"]!.GetValue<DateTime>() - listed["invitedAt"]!.GetValue<DateTime>()).ShouldBe(RepresentativeInvitation.Lifetime);
        (await app.MailToAsync(invitee)).ShouldHaveSingleItem();
        var link = await app.LinkSentToAsync(invitee);
        link.ShouldStartWith("/Account/Register?email=");
        using var visitor = new BrowserlessClient(app);
        (await visitor.GetDocumentAsync(link)).QuerySelector("input[name='Input.Email']")!.GetAttribute("value").ShouldBe(invitee);
        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.CompanyId == firm))).ShouldBe(1);
    }

    [Fact]
    public async Task Signing_up_and_confirming_the_invited_address_makes_the_person_a_representative_and_uses_the_invitation()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee.ToUpperInvariant());

        using var browser = await SignUpAsync(invitee);
        (await MemberAsync(firm, invitee)).ShouldBeFalse("an address not yet confirmed joins no firm");
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem();

        var confirmed = await browser.GetDocumentAsync(await app.LinkSentToAsync(invitee));

        confirmed.QuerySelector("[data-testid=firms-joined]").ShouldNotBeNull();
        (await MemberAsync(firm, invitee)).ShouldBeTrue();
        (await RolesOfAsync(invitee)).ShouldBe([Roles.CompanyRepresentative]);
        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
        (await InvitationsAsync(invitee, firm)).ShouldBeEmpty("the new representative may read the firm's invitations");
        (await app.WithDbAsync(db => db.RepresentativeInvitations.CountAsync(i => i.CompanyId == firm))).ShouldBe(0);
    }

    [Fact]
    public async Task An_account_signed_up_but_not_yet_confirmed_is_invited_rather_than_added_and_joins_when_it_confirms()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var colleague = NewEmail();
        using var browser = await SignUpAsync(colleague);
        var confirmation = await app.LinkSentToAsync(colleague);

        await InviteAsync(ownerEmail, firm, colleague);

        (await MemberAsync(firm, colleague)).ShouldBeFalse();
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!["email"]!.GetValue<string>().ShouldBe(colleague);
        await browser.GetDocumentAsync(confirmation);
        (await MemberAsync(firm, colleague)).ShouldBeTrue();
        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Confirming_another_address_joins_no_firm_and_leaves_the_invitation_pending()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee);
        var other = NewEmail();

        using var browser = await SignUpAsync(other);
        var confirmed = await browser.GetDocumentAsync(await app.LinkSentToAsync(other));

        confirmed.QuerySelector("main h1")!.TextContent.ShouldBe("Email confirmed");
        confirmed.QuerySelector("[data-testid=firms-joined]").ShouldBeNull();
        (await MemberAsync(firm, other)).ShouldBeFalse();
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!["email"]!.GetValue<string>().ShouldBe(invitee);
    }

    [Fact]
    public async Task An_invitation_past_its_lifetime_is_no_longer_shown_and_joins_no_firm()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee);
        var lifetimeAgo = DateTime.UtcNow - RepresentativeInvitation.Lifetime - TimeSpan.FromMinutes(1);
        await app.WithDbAsync(db => db.RepresentativeInvitations.Where(i => i.CompanyId == firm)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.InvitedAt, lifetimeAgo).SetProperty(x => x.ExpiresAt, lifetimeAgo + RepresentativeInvitation.Lifetime)));

        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
        using (var owner = await BrowserlessClient.SignedInAsync(app, ownerEmail))
        {
            (await owner.GetDocumentAsync($"/Companies/Details/{firm}")).QuerySelector("[data-testid=invitations]").ShouldBeNull();
        }

        using var browser = await SignUpAsync(invitee);
        await browser.GetDocumentAsync(await app.LinkSentToAsync(invitee));

        (await MemberAsync(firm, invitee)).ShouldBeFalse();
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == invitee && u.EmailConfirmed))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_withdrawn_invitation_is_gone_and_its_address_then_joins_no_firm()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        var kept = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee);
        await InviteAsync(ownerEmail, firm, kept);
        using var owner = await BrowserlessClient.SignedInAsync(app, ownerEmail);
        var page = await owner.GetDocumentAsync($"/Companies/Details/{firm}");
        var form = page.QuerySelectorAll("[data-testid=invitation]").Single(li => li.TextContent.Contains(invitee, StringComparison.Ordinal))
            .QuerySelector("form")!.GetAttribute("action")!;

        var withdrawn = await owner.SubmitFormAsync($"/Companies/Details/{firm}", [], $"form[action='{form}']");

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await InvitationsAsync(ownerEmail, firm)).Select(i => i!["email"]!.GetValue<string>()).ShouldBe([kept]);
        using var browser = await SignUpAsync(invitee);
        await browser.GetDocumentAsync(await app.LinkSentToAsync(invitee));
        (await MemberAsync(firm, invitee)).ShouldBeFalse();

        var keptId = (await InvitationsAsync(ownerEmail, firm)).Single()!["id"]!.GetValue<Guid>();
        var api = await app.ClientForAsync(ownerEmail);
        (await api.DeleteAsync($"/api/v1/companies/{firm}/invitations/{keptId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.DeleteAsync($"/api/v1/companies/{firm}/invitations/{keptId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Someone_who_does_not_represent_the_firm_can_neither_invite_nor_list_nor_withdraw()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee);
        var invitation = (await InvitationsAsync(ownerEmail, firm)).Single()!["id"]!.GetValue<Guid>();
        var strangerEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var stranger = await app.ClientForAsync(strangerEmail);
        var strangersFirm = await stranger.RegisterCompanyAsync();

        // An unverified firm is invisible to other firms (404); once verified it is visible but not theirs to change (403).
        await RefusedAsync(HttpStatusCode.NotFound);
        await (await (await app.ClientInRoleAsync(Roles.TradeOfficial)).PostAsync($"/api/v1/companies/{firm}/verify", null)).ShouldSucceedAsync();
        await RefusedAsync(HttpStatusCode.Forbidden);
        (await stranger.DeleteAsync($"/api/v1/companies/{strangersFirm}/invitations/{invitation}")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound, "another firm's invitation is not found under one's own firm");

        using var page = await BrowserlessClient.SignedInAsync(app, strangerEmail);
        var token = await page.AntiforgeryTokenAsync($"/Companies/Details/{strangersFirm}", "form[action*='handler=AddRepresentative']");
        var posted = await page.Http.PostAsync(new Uri($"/Companies/Details/{firm}?handler=WithdrawInvitation&invitationId={invitation}", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        posted.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(posted)?.ShouldStartWith("/Account/AccessDenied");
        (await page.GetDocumentAsync($"/Companies/Details/{firm}")).QuerySelector("[data-testid=invitations]").ShouldBeNull();

        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!["email"]!.GetValue<string>().ShouldBe(invitee);
        (await app.WithDbAsync(db => db.RepresentativeInvitations.CountAsync(i => i.CompanyId == firm))).ShouldBe(1);

        async Task RefusedAsync(HttpStatusCode expected)
        {
            (await stranger.PostAsJsonAsync($"/api/v1/companies/{firm}/representatives", new { email = NewEmail() })).StatusCode.ShouldBe(expected);
            (await stranger.GetAsync($"/api/v1/companies/{firm}/invitations")).StatusCode.ShouldBe(expected);
            (await stranger.DeleteAsync($"/api/v1/companies/{firm}/invitations/{invitation}")).StatusCode.ShouldBe(expected);
        }
    }

    private async Task<(Guid Firm, string OwnerEmail)> FirmAsync()
    {
        var ownerEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var firm = await (await app.ClientForAsync(ownerEmail)).RegisterCompanyAsync();
        return (firm, ownerEmail);
    }

    private async Task InviteAsync(string ownerEmail, Guid firm, string email) =>
        await (await (await app.ClientForAsync(ownerEmail)).PostAsJsonAsync($"/api/v1/companies/{firm}/representatives", new { email })).ShouldSucceedAsync();

    private async Task<JsonArray> InvitationsAsync(string email, Guid firm)
    {
        var response = await (await app.ClientForAsync(email)).GetAsync($"/api/v1/companies/{firm}/invitations");
        await response.ShouldSucceedAsync();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    private async Task<BrowserlessClient> SignUpAsync(string email)
    {
        var browser = new BrowserlessClient(app);
        var response = await browser.SubmitFormAsync("/Account/Register", [("Input.DisplayName", "Seo-yeon Kim"), ("Input.Email", email), ("Input.Password", AppFactory.Password)]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return browser;
    }

    private Task<bool> MemberAsync(Guid firm, string email) =>
        app.WithDbAsync(db => db.CompanyMembers.AnyAsync(m => m.CompanyId == firm && db.Users.Any(u => u.Id == m.UserId && u.Email == email)));

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    private static string NewEmail() => $"colleague-{Guid.NewGuid():N}@ckm.test";
}
