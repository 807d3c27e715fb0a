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
/// A colleague invited before having an account joins the firm by opening the invitation's link signed in with the confirmed
/// representative account of exactly the invited address; confirming the address alone joins nothing (someone else may have
/// signed up with it). The firm's representatives see and withdraw pending invitations, which expire.
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
        link.ShouldStartWith("/Account/AcceptRepresentativeInvitation?token=");
        (await app.WithDbAsync(db => db.RepresentativeInvitations.SingleAsync(i => i.CompanyId == firm))).TokenHash
            .ShouldBe(RepresentativeInvitation.HashOf(TokenOf(link)), "only the token's hash is stored");
        using var visitor = new BrowserlessClient(app);
        var page = await visitor.GetDocumentAsync(link);
        page.QuerySelector("[data-testid=invitation]")!.TextContent.ShouldContain(invitee);
        page.QuerySelector("main form[method=post]").ShouldBeNull("a visitor who is not signed in is told to sign in or sign up first");
        var signIn = page.QuerySelector("[data-testid=sign-in]")!.GetAttribute("href")!;
        signIn.ShouldStartWith("/Account/Login?");
        QueryOf(signIn)["returnUrl"].ToString().ShouldBe(link);
        var signUp = page.QuerySelector("[data-testid=sign-up]")!.GetAttribute("href")!;
        (await visitor.GetDocumentAsync(signUp)).QuerySelector("input[name='Input.Email']")!.GetAttribute("value").ShouldBe(invitee);
        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.CompanyId == firm))).ShouldBe(1);
    }

    [Fact]
    public async Task The_invited_person_joins_by_accepting_the_link_signed_in_with_the_confirmed_account_of_the_address_not_by_confirming_it()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee.ToUpperInvariant());
        var invitation = await app.LinkSentToAsync(invitee.ToUpperInvariant());

        using (var browser = await SignUpAsync(invitee))
        {
            await browser.GetDocumentAsync(await app.LinkSentToAsync(invitee));
        }

        (await MemberAsync(firm, invitee)).ShouldBeFalse("confirming an address joins no firm by itself");
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem();

        using var signedIn = await BrowserlessClient.SignedInAsync(app, invitee);
        var page = await signedIn.GetDocumentAsync(invitation);
        page.QuerySelector("[data-testid=invitation]")!.TextContent.ShouldContain(invitee.ToUpperInvariant());
        var accepted = await PageAfterAsync(await signedIn.SubmitFormAsync(invitation, []));

        accepted.QuerySelector("[data-testid=invitation-accepted]")!.TextContent.ShouldContain("You now represent");
        (await MemberAsync(firm, invitee)).ShouldBeTrue();
        (await RolesOfAsync(invitee)).ShouldBe([Roles.CompanyRepresentative]);
        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
        (await InvitationsAsync(invitee, firm)).ShouldBeEmpty("the new representative may read the firm's invitations");
        (await app.WithDbAsync(db => db.RepresentativeInvitations.CountAsync(i => i.CompanyId == firm))).ShouldBe(0);
    }

    [Fact]
    public async Task An_account_signed_up_in_advance_with_the_address_by_someone_else_joins_no_firm_when_the_owner_of_the_address_confirms_it()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var victim = NewEmail();
        using var attacker = await SignUpAsync(victim);
        await InviteAsync(ownerEmail, firm, victim);

        // The only confirmation link in the victim's mailbox is the one the attacker's sign-up sent; the victim opens it.
        var confirmation = (await app.MailToAsync(victim)).Select(html => new Uri(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("a[href]")!.GetAttribute("href")!).PathAndQuery)
            .Single(link => link.StartsWith("/Account/ConfirmEmail", StringComparison.Ordinal));
        using (var victimsBrowser = new BrowserlessClient(app))
        {
            (await victimsBrowser.GetDocumentAsync(confirmation)).QuerySelector("main h1")!.TextContent.ShouldBe("Email confirmed");
        }

        (await MemberAsync(firm, victim)).ShouldBeFalse();
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!["email"]!.GetValue<string>().ShouldBe(victim);

        // Signed in with the account now confirmed, the attacker still lacks the invitation's token.
        using var signedIn = await BrowserlessClient.SignedInAsync(app, victim);
        (await signedIn.GetDocumentAsync("/Account/AcceptRepresentativeInvitation?token=guessed"))
            .QuerySelector("[data-testid=invitation-invalid]").ShouldNotBeNull();
        var api = await app.ClientForAsync(victim);
        (await api.PostAsJsonAsync("/api/v1/invitations/accept", new { token = "guessed" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await MemberAsync(firm, victim)).ShouldBeFalse();
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_wrong_token_another_account_or_a_lookalike_address_joins_nothing_and_leaves_the_invitation_pending()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var local = $"kim-{Guid.NewGuid():N}";
        var invitee = $"{local}@firm.test";
        var lookalike = await app.CreateUserAsync(Roles.CompanyRepresentative, $"{local}@f\u0131rm.test");
        await InviteAsync(ownerEmail, firm, invitee);
        (await MemberAsync(firm, lookalike)).ShouldBeFalse("an account of another address, even one Identity normalises alike, is not added");
        var invitation = await app.LinkSentToAsync(invitee);
        var other = await app.CreateUserAsync(Roles.CompanyRepresentative);

        foreach (var account in new[] { other, lookalike })
        {
            using var browser = await BrowserlessClient.SignedInAsync(app, account);
            var refused = await PageAfterAsync(await browser.SubmitFormAsync(invitation, []));
            refused.QuerySelector("[data-testid=invitation-refused]")!.TextContent.ShouldContain($"This invitation is for {invitee}");
            (await (await app.ClientForAsync(account)).PostAsJsonAsync("/api/v1/invitations/accept", new { token = TokenOf(invitation) }))
                .StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await MemberAsync(firm, account)).ShouldBeFalse();
        }

        var official = await app.CreateUserAsync(Roles.TradeOfficial);
        (await (await app.ClientForAsync(official)).PostAsJsonAsync("/api/v1/invitations/accept", new { token = TokenOf(invitation) })).StatusCode
            .ShouldBe(HttpStatusCode.Conflict, "only a company representative account accepts");


        using var visitor = new BrowserlessClient(app);
        (await visitor.GetDocumentAsync(invitation[..^3] + "xyz")).QuerySelector("[data-testid=invitation-invalid]").ShouldNotBeNull();
        (await visitor.GetDocumentAsync("/Account/AcceptRepresentativeInvitation")).QuerySelector("[data-testid=invitation-invalid]").ShouldNotBeNull();
        var anonymous = await visitor.Http.PostAsync(new Uri("/api/v1/invitations/accept", UriKind.Relative), JsonContent.Create(new { token = TokenOf(invitation) }));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.CompanyId == firm))).ShouldBe(1);
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!["email"]!.GetValue<string>().ShouldBe(invitee);
    }

    [Fact]
    public async Task A_disabled_account_is_neither_added_nor_joined_by_accepting()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var colleague = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = await BrowserlessClient.SignedInAsync(app, colleague);
        // Disabled while a session of it is still open (the security stamp is checked only from time to time).
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == colleague)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnabled, true).SetProperty(x => x.LockoutEnd, Web.Features.Users.UserAccounts.DisabledUntil)));

        await InviteAsync(ownerEmail, firm, colleague);
        (await MemberAsync(firm, colleague)).ShouldBeFalse();
        var refused = await PageAfterAsync(await browser.SubmitFormAsync(await app.LinkSentToAsync(colleague), []));

        refused.QuerySelector("[data-testid=invitation-refused]")!.TextContent.ShouldContain("Only a confirmed company representative account can accept this invitation.");
        (await MemberAsync(firm, colleague)).ShouldBeFalse();
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Accepting_twice_is_no_error_and_joins_once()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var colleague = NewEmail();
        await InviteAsync(ownerEmail, firm, colleague);
        var token = TokenOf(await app.LinkSentToAsync(colleague));
        using (var signUp = await SignUpAsync(colleague))
        {
            await signUp.GetDocumentAsync(await app.LinkSentToAsync(colleague));
        }

        var api = await app.ClientForAsync(colleague);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => api.PostAsJsonAsync("/api/v1/invitations/accept", new { token })));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict);
        answers.ShouldContain(a => a.StatusCode == HttpStatusCode.OK);
        (await answers.First(a => a.StatusCode == HttpStatusCode.OK).JsonAsync())["companyId"]!.GetValue<Guid>().ShouldBe(firm);
        using var browser = await BrowserlessClient.SignedInAsync(app, colleague);
        (await browser.GetDocumentAsync($"/Account/AcceptRepresentativeInvitation?token={token}")).QuerySelector("[data-testid=invitation-invalid]").ShouldNotBeNull();
        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.CompanyId == firm && db.Users.Any(u => u.Id == m.UserId && u.Email == colleague)))).ShouldBe(1);
        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_account_signed_up_but_not_yet_confirmed_is_invited_rather_than_added()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var colleague = NewEmail();
        using var browser = await SignUpAsync(colleague);
        var confirmation = await app.LinkSentToAsync(colleague);

        await InviteAsync(ownerEmail, firm, colleague);

        (await MemberAsync(firm, colleague)).ShouldBeFalse();
        (await InvitationsAsync(ownerEmail, firm)).ShouldHaveSingleItem()!["email"]!.GetValue<string>().ShouldBe(colleague);
        var invitation = await app.LinkSentToAsync(colleague);
        invitation.ShouldStartWith("/Account/AcceptRepresentativeInvitation?token=");
        await browser.GetDocumentAsync(confirmation);
        (await MemberAsync(firm, colleague)).ShouldBeFalse();

        using var signedIn = await BrowserlessClient.SignedInAsync(app, colleague);
        await signedIn.SubmitFormAsync(invitation, []);
        (await MemberAsync(firm, colleague)).ShouldBeTrue();
        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invitation_past_its_lifetime_is_no_longer_shown_and_joins_no_firm()
    {
        var (firm, ownerEmail) = await FirmAsync();
        var invitee = NewEmail();
        await InviteAsync(ownerEmail, firm, invitee);
        var invitation = await app.LinkSentToAsync(invitee);
        using (var browser = await SignUpAsync(invitee))
        {
            await browser.GetDocumentAsync(await app.LinkSentToAsync(invitee));
        }

        using var signedIn = await BrowserlessClient.SignedInAsync(app, invitee);
        await signedIn.GetDocumentAsync(invitation);
        var lifetimeAgo = DateTime.UtcNow - RepresentativeInvitation.Lifetime - TimeSpan.FromMinutes(1);
        await app.WithDbAsync(db => db.RepresentativeInvitations.Where(i => i.CompanyId == firm)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.InvitedAt, lifetimeAgo).SetProperty(x => x.ExpiresAt, lifetimeAgo + RepresentativeInvitation.Lifetime)));

        (await InvitationsAsync(ownerEmail, firm)).ShouldBeEmpty();
        using (var owner = await BrowserlessClient.SignedInAsync(app, ownerEmail))
        {
            (await owner.GetDocumentAsync($"/Companies/Details/{firm}")).QuerySelector("[data-testid=invitations]").ShouldBeNull();
        }

        (await signedIn.GetDocumentAsync(invitation)).QuerySelector("[data-testid=invitation-invalid]").ShouldNotBeNull();
        (await (await app.ClientForAsync(invitee)).PostAsJsonAsync("/api/v1/invitations/accept", new { token = TokenOf(invitation) })).StatusCode
            .ShouldBe(HttpStatusCode.Conflict);
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
        var withdrawnLink = await app.LinkSentToAsync(invitee);
        using (var browser = await SignUpAsync(invitee))
        {
            await browser.GetDocumentAsync(await app.LinkSentToAsync(invitee));
        }

        using (var signedIn = await BrowserlessClient.SignedInAsync(app, invitee))
        {
            (await signedIn.GetDocumentAsync(withdrawnLink)).QuerySelector("[data-testid=invitation-invalid]").ShouldNotBeNull();
        }

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

    /// <summary>The page a form post led to: a redirect is followed, a page shown again is read as it is.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAfterAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await BrowserlessClient.ParseAsync(response);
    }

    private static string TokenOf(string link) => QueryOf(link)["token"].ToString();

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryOf(string link) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link).Query);

    private static string NewEmail() => $"colleague-{Guid.NewGuid():N}@ckm.test";
}
