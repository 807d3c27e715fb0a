using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Accounts: sign-up and email confirmation (API and pages), password rules, lockout, the first administrator, invitations.</summary>
public sealed class IdentityTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Twelve lowercase letters: the shortest password the rules accept, with no character classes required.</summary>
    private const string Passphrase = "harbourmaple";

    [Fact]
    public async Task Signing_up_through_the_api_makes_a_company_representative()
    {
        var email = NewEmail();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = Passphrase });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await RolesOfAsync(email)).ShouldBe([Roles.CompanyRepresentative]);
    }

    [Fact]
    public async Task Api_sign_in_is_refused_until_the_emailed_link_confirms_the_address_and_then_the_account_can_register_a_firm()
    {
        var email = NewEmail();
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Passphrase })).EnsureSuccessStatusCode();

        var early = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Passphrase });
        early.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var link = await app.LinkSentToAsync(email);
        link.ShouldStartWith("/api/v1/auth/confirmEmail?");
        (await client.GetAsync(new Uri(link, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EmailConfirmedAsync(email)).ShouldBeTrue();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Passphrase });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await login.JsonAsync())["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsJsonAsync("/api/v1/companies", Payloads.Company())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_tampered_api_confirmation_link_does_not_confirm_the_address()
    {
        var email = NewEmail();
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Passphrase })).EnsureSuccessStatusCode();
        var link = await app.LinkSentToAsync(email);

        var tampered = link.Replace("code=", "code=AAAA", StringComparison.Ordinal);
        (await client.GetAsync(new Uri(tampered, UriKind.Relative))).IsSuccessStatusCode.ShouldBeFalse();

        (await EmailConfirmedAsync(email)).ShouldBeFalse();
    }

    [Fact]
    public async Task Page_sign_up_emails_a_link_to_the_confirmation_page_which_activates_the_account()
    {
        var email = NewEmail();
        using var browser = new BrowserlessClient(app);

        var signUp = await browser.SubmitFormAsync("/Account/Register",
            [("Input.DisplayName", "Min-ji Park"), ("Input.Email", email), ("Input.Password", Passphrase)]);
        signUp.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(signUp)!.ShouldStartWith("/Account/RegisterConfirmation");
        (await RolesOfAsync(email)).ShouldBe([Roles.CompanyRepresentative]);

        var early = await browser.SignInAsync(email, Passphrase);
        early.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(early)).ShouldContain("Confirm your email");

        var link = await app.LinkSentToAsync(email);
        link.ShouldStartWith("/Account/ConfirmEmail?");
        var confirmed = await browser.GetDocumentAsync(link);
        confirmed.QuerySelector("main h1")!.TextContent.ShouldBe("Email confirmed");
        (await EmailConfirmedAsync(email)).ShouldBeTrue();

        var signIn = await browser.SignInAsync(email, Passphrase);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(signIn).ShouldBe("/");
        (await browser.GetDocumentAsync("/Companies/Mine")).QuerySelector("main h1")!.TextContent.ShouldBe("My firm");
    }

    [Fact]
    public async Task A_forged_confirmation_page_link_does_not_confirm_the_address()
    {
        var email = NewEmail();
        using var browser = new BrowserlessClient(app);
        await browser.SubmitFormAsync("/Account/Register", [("Input.DisplayName", "Forger"), ("Input.Email", email), ("Input.Password", Passphrase)]);
        var userId = await UserIdAsync(email);

        var page = await browser.GetDocumentAsync($"/Account/ConfirmEmail?userId={userId}&code=bm90LWEtdG9rZW4");

        page.QuerySelector("main h1")!.TextContent.ShouldBe("This link is not valid");
        (await EmailConfirmedAsync(email)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_eleven_character_password_is_refused_on_the_sign_up_page_with_a_message_next_to_the_field()
    {
        var email = NewEmail();
        using var browser = new BrowserlessClient(app);

        var response = await browser.SubmitFormAsync("/Account/Register",
            [("Input.DisplayName", "Short Password"), ("Input.Email", email), ("Input.Password", "elevenchars")]);

        "elevenchars".Length.ShouldBe(11);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await BrowserlessClient.ParseAsync(response);
        BrowserlessClient.FieldError(page, "Input.Password").ShouldContain("12");
        BrowserlessClient.FieldError(page, "Input.Email").ShouldBeEmpty();
        (await UserIdAsync(email)).ShouldBeNull();
        (await app.MailToAsync(email)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_eleven_character_password_is_refused_by_the_api_naming_the_password_rule()
    {
        var email = NewEmail();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = "elevenchars" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldContain("PasswordTooShort");
        (await UserIdAsync(email)).ShouldBeNull();
    }

    [Fact]
    public async Task A_twelve_character_all_lowercase_passphrase_is_accepted_on_the_sign_up_page()
    {
        var email = NewEmail();
        using var browser = new BrowserlessClient(app);

        var response = await browser.SubmitFormAsync("/Account/Register",
            [("Input.DisplayName", "Lowercase Passphrase"), ("Input.Email", email), ("Input.Password", Passphrase)]);

        Passphrase.Length.ShouldBe(12);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UserIdAsync(email)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Signing_up_again_with_an_existing_address_answers_as_a_new_sign_up_and_emails_the_owner_instead()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = new BrowserlessClient(app);

        var response = await browser.SubmitFormAsync("/Account/Register",
            [("Input.DisplayName", "Second Account"), ("Input.Email", email), ("Input.Password", Passphrase)]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(response)!.ShouldStartWith("/Account/RegisterConfirmation");
        (await app.MailToAsync(email)).ShouldHaveSingleItem().ShouldContain("already has an account");
        (await RolesOfAsync(email)).ShouldBe([Roles.TradeOfficial]);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task Sign_in_does_not_redirect_to_another_site(string returnUrl)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = new BrowserlessClient(app);

        var response = await browser.SubmitFormAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            [("Email", email), ("Password", AppFactory.Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(response).ShouldBe("/");
        response.Headers.Location!.ToString().ShouldNotContain("evil");
    }

    [Fact]
    public async Task Sign_in_returns_to_the_local_page_that_asked_for_it()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = new BrowserlessClient(app);
        var challenge = await browser.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative));
        var loginPage = BrowserlessClient.RedirectTarget(challenge)!;

        var response = await browser.SubmitFormAsync(loginPage, [("Email", email), ("Password", AppFactory.Password)]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(response).ShouldBe("/Companies/Mine");
    }

    [Fact]
    public async Task Five_wrong_passwords_on_the_api_lock_the_account_so_the_right_password_is_refused()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not the password" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = AppFactory.Password });

        right.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var answer = await right.Content.ReadAsStringAsync();
        answer.ShouldContain("Failed");
        answer.ShouldNotContain("Locked", Case.Insensitive);
        (await IsLockedOutAsync(email)).ShouldBeTrue();
        (await app.MailToAsync(email)).ShouldHaveSingleItem().ShouldContain("locked for 15 minutes");
    }

    [Fact]
    public async Task Five_wrong_passwords_on_the_sign_in_page_lock_the_account_so_the_right_password_is_refused()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = new BrowserlessClient(app);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SignInAsync(email, "not the password");
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var right = await browser.SignInAsync(email, AppFactory.Password);

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wrongAnswer = BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(await browser.SignInAsync(email, "not the password")));
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(right)).ShouldBe(wrongAnswer);
        (await app.MailToAsync(email)).ShouldHaveSingleItem().ShouldContain("locked for 15 minutes");
        (await browser.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = AppFactory.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Failed_sign_ins_on_the_page_and_the_api_count_together_towards_the_lockout()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = new BrowserlessClient(app);
        var api = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong wrong wrong" });
        }

        for (var i = 0; i < 2; i++)
        {
            await browser.SignInAsync(email, "wrong wrong wrong");
        }

        (await browser.SignInAsync(email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IsLockedOutAsync(email)).ShouldBeTrue();
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = new BrowserlessClient(app);
        for (var i = 0; i < 4; i++)
        {
            await browser.SignInAsync(email, "not the password");
        }

        (await browser.SignInAsync(email, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_bootstrap_administrator_from_configuration_exists_and_can_sign_in()
    {
        (await RolesOfAsync(AppFactory.AdminEmail)).ShouldBe([Roles.Administrator]);

        using var browser = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);
        var users = await browser.GetDocumentAsync("/Admin/Users");
        users.QuerySelectorAll("main table td").Select(td => td.TextContent).ShouldContain(AppFactory.AdminEmail);

        var passwordOnly = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = AppFactory.AdminEmail, password = AppFactory.Password });
        passwordOnly.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await passwordOnly.Content.ReadAsStringAsync()).ShouldContain("RequiresTwoFactor");
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", await app.LoginAsync(AppFactory.AdminEmail));
        token.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_invites_a_trade_official_who_sets_a_password_from_the_emailed_link_and_signs_in()
    {
        var adminEmail = await app.CreateUserAsync(Roles.Administrator);
        using var admin = await BrowserlessClient.SignedInAsync(app, adminEmail);
        var invitee = NewEmail();

        var invite = await admin.SubmitFormAsync("/Admin/Users",
            [("Invite.DisplayName", "Claire Tremblay"), ("Invite.Email", invitee), ("Invite.Role", Roles.TradeOfficial), ("Invite.Organisation", "CCC")]);

        invite.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RolesOfAsync(invitee)).ShouldBe([Roles.TradeOfficial]);
        (await admin.GetDocumentAsync("/Admin/Users")).QuerySelectorAll("main table td").Select(td => td.TextContent).ShouldContain(invitee);

        var link = await app.LinkSentToAsync(invitee);
        link.ShouldStartWith("/Account/AcceptInvitation?");
        using var official = new BrowserlessClient(app);
        (await official.SignInAsync(invitee, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.OK, "no password is set before the invitation is accepted");

        var accepted = await official.SubmitFormAsync(link, [("Password", Passphrase)]);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect, BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(accepted)));
        BrowserlessClient.RedirectTarget(accepted)!.ShouldStartWith("/Account/Login");

        var signIn = await official.SignInAsync(invitee, Passphrase);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var import = await official.Http.GetAsync(new Uri("/Companies/Import", UriKind.Relative));
        BrowserlessClient.RedirectTarget(import).ShouldBe("/Account/TwoFactor", "an official signs in with an authenticator app");
        var key = (await official.GetDocumentAsync("/Account/TwoFactor")).QuerySelector("[data-testid=shared-key]")!.TextContent;
        (await official.SubmitFormAsync("/Account/TwoFactor", [("Code", Authenticator.CodeFor(key))])).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await official.Http.GetAsync(new Uri("/Companies/Import", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_invitation_link_cannot_set_a_password_twice()
    {
        var adminEmail = await app.CreateUserAsync(Roles.Administrator);
        using var admin = await BrowserlessClient.SignedInAsync(app, adminEmail);
        var invitee = NewEmail();
        await admin.SubmitFormAsync("/Admin/Users", [("Invite.DisplayName", "Olivia Martin"), ("Invite.Email", invitee), ("Invite.Role", Roles.ForumOrganiser)]);
        var link = await app.LinkSentToAsync(invitee);
        using var first = new BrowserlessClient(app);
        (await first.SubmitFormAsync(link, [("Password", Passphrase)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var second = new BrowserlessClient(app);
        var again = await second.SubmitFormAsync(link, [("Password", "someone elses passphrase")]);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.SignInAsync(invitee, "someone elses passphrase")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.SignInAsync(invitee, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Inviting_again_someone_who_never_activated_the_account_sends_a_new_link_that_works()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var invitee = NewEmail();
        (await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Claire Tremblay", email = invitee, role = Roles.TradeOfficial }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var first = await app.LinkSentToAsync(invitee);

        var again = await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Claire Tremblay", email = invitee, role = Roles.ForumOrganiser });

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = await app.LinkSentToAsync(invitee);
        link.ShouldStartWith("/Account/AcceptInvitation?");
        link.ShouldNotBe(first);
        (await RolesOfAsync(invitee)).OrderBy(r => r, StringComparer.Ordinal).ShouldBe([Roles.ForumOrganiser, Roles.TradeOfficial]);
        using var official = new BrowserlessClient(app);
        var accepted = await official.SubmitFormAsync(link, [("Password", Passphrase)]);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect, BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(accepted)));
        (await official.SignInAsync(invitee, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Inviting_again_someone_who_activated_the_account_grants_no_role_and_sends_no_link()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var invitee = NewEmail();
        await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Olivia Martin", email = invitee, role = Roles.ForumOrganiser });
        using var organiser = new BrowserlessClient(app);
        (await organiser.SubmitFormAsync(await app.LinkSentToAsync(invitee), [("Password", Passphrase)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Olivia Martin", email = invitee, role = Roles.Administrator }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await app.MailToAsync(invitee))[^1].ShouldContain("already has an account");
        (await RolesOfAsync(invitee)).ShouldBe([Roles.ForumOrganiser]);
    }

    [Theory]
    [InlineData("fr", "Utilisez au moins 12 caractères.", "Ce lien d’invitation n’est pas valide\u00a0: il a déjà servi ou a expiré. Demandez à un administrateur de vous inviter de nouveau.")]
    [InlineData("ko", "12자 이상 입력하십시오.", "이 초대 링크는 유효하지 않습니다. 이미 사용되었거나 만료되었습니다. 관리자에게 다시 초대를 요청하세요.")]
    public async Task The_invitation_page_refuses_a_short_password_and_a_used_link_in_the_readers_language(string culture, string tooShort, string usedLink)
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var invitee = NewEmail();
        await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Ji-ho Lee", email = invitee, role = Roles.TradeOfficial });
        var link = await app.LinkSentToAsync(invitee);
        using var reader = new BrowserlessClient(app);
        reader.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var shortPassword = await BrowserlessClient.ParseAsync(await reader.SubmitFormAsync(link, [("Password", "short")]));
        (await new BrowserlessClient(app).SubmitFormAsync(link, [("Password", Passphrase)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var used = await BrowserlessClient.ParseAsync(await reader.SubmitFormAsync(link, [("Password", Passphrase)]));

        BrowserlessClient.FieldError(shortPassword, "Password").ShouldBe(tooShort);
        BrowserlessClient.Errors(used).ShouldBe(usedLink);
    }

    [Fact]
    public async Task Signing_up_with_spaces_around_an_existing_address_makes_no_second_account()
    {
        var existing = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = new BrowserlessClient(app);

        var page = await browser.SubmitFormAsync("/Account/Register",
            [("Input.DisplayName", "Second Account"), ("Input.Email", $" {existing.ToUpperInvariant()} "), ("Input.Password", Passphrase)]);
        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = existing + " ", password = Passphrase });

        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AccountsWithAddressAsync(existing)).ShouldBe(1);
        (await app.MailToAsync(existing)).Count(m => m.Contains("already has an account")).ShouldBe(2);
    }

    [Fact]
    public async Task An_address_typed_with_spaces_around_it_is_kept_without_them_and_signs_in()
    {
        var email = NewEmail();
        using var browser = new BrowserlessClient(app);
        await browser.SubmitFormAsync("/Account/Register", [("Input.DisplayName", "Min-ji Park"), ("Input.Email", $"  {email} "), ("Input.Password", Passphrase)]);
        await browser.GetDocumentAsync(await app.LinkSentToAsync(email));
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var invitee = NewEmail();
        await admin.PostAsJsonAsync("/api/v1/users/invitations", new { displayName = "Claire Tremblay", email = $" {invitee}", role = Roles.TradeOfficial });

        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == email || u.Email == invitee).Select(u => u.UserName).ToListAsync()))
            .OrderBy(n => n, StringComparer.Ordinal).ShouldBe(new[] { email, invitee }.OrderBy(n => n, StringComparer.Ordinal));
        (await browser.SignInAsync($" {email} ", Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Signing_out_from_the_header_ends_the_session()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        (await browser.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var signOut = await browser.SubmitFormAsync("/", [], "form[action='/Account/Logout']");

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signOut.Content.ReadAsStringAsync());
        BrowserlessClient.RedirectTarget(signOut).ShouldBe("/");
        var after = await browser.Http.GetAsync(new Uri("/Companies/Mine", UriKind.Relative));
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        BrowserlessClient.RedirectTarget(after)!.ShouldStartWith("/Account/Login");
    }

    [Theory]
    [InlineData(Roles.TradeOfficial)]
    [InlineData(Roles.ForumOrganiser)]
    [InlineData(Roles.CompanyRepresentative)]
    public async Task A_user_who_is_not_an_administrator_cannot_invite(string role)
    {
        var email = await app.CreateUserAsync(role);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var token = await browser.AntiforgeryTokenAsync("/Companies/Create");
        var invitee = NewEmail();

        var response = await browser.Http.PostAsync(new Uri("/Admin/Users", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Invite.DisplayName"] = "Self-made Administrator",
            ["Invite.Email"] = invitee,
            ["Invite.Role"] = Roles.Administrator,
        }));

        var denied = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && BrowserlessClient.RedirectTarget(response)!.StartsWith("/Account/AccessDenied", StringComparison.Ordinal));
        denied.ShouldBeTrue($"{(int)response.StatusCode} {BrowserlessClient.RedirectTarget(response)}");
        (await UserIdAsync(invitee)).ShouldBeNull();
        (await app.MailToAsync(invitee)).ShouldBeEmpty();
    }

    private static string NewEmail() => $"person-{Guid.NewGuid():N}@ckm.test";

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await users.GetRolesAsync(user);
    }

    /// <summary>Accounts whose address is this one, whatever the case or the spaces around it.</summary>
    private Task<int> AccountsWithAddressAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail!.Contains(normalized)));
    }

    private async Task<string?> UserIdAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))?.Id;
    }

    private async Task<bool> EmailConfirmedAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.EmailConfirmed;
    }

    private async Task<bool> IsLockedOutAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }
}
