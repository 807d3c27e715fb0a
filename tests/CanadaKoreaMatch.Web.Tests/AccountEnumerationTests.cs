using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// Every answer about an address is the same whether or not an account uses it: status, headers that matter and body, byte
/// for byte once the per-request tokens and the address itself are taken out.
/// </summary>
public sealed partial class AccountEnumerationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string WrongPassword = "not the password at all";

    [Fact]
    public async Task The_sign_in_page_answers_a_wrong_password_the_same_for_unknown_confirmed_unconfirmed_locked_and_disabled_accounts()
    {
        var answers = new Dictionary<string, string>();
        foreach (var (kind, email) in await AccountsOfEveryKindAsync())
        {
            using var browser = new BrowserlessClient(app);
            var response = await browser.SignInAsync(email, WrongPassword);
            answers[kind] = $"{(int)response.StatusCode} {response.Content.Headers.ContentType}\n{Normalize(await response.Content.ReadAsStringAsync(), email)}";
        }

        answers["unknown"].ShouldStartWith("200 ");
        answers["unknown"].ShouldContain("The email or password is not correct.");
        foreach (var (kind, answer) in answers)
        {
            answer.ShouldBe(answers["unknown"], $"the {kind} account");
        }
    }

    [Fact]
    public async Task The_api_sign_in_answers_a_wrong_password_the_same_for_unknown_confirmed_unconfirmed_locked_and_disabled_accounts()
    {
        var answers = new Dictionary<string, string>();
        foreach (var (kind, email) in await AccountsOfEveryKindAsync())
        {
            var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = WrongPassword });
            answers[kind] = $"{(int)response.StatusCode} {response.Content.Headers.ContentType}\n{Normalize(await response.Content.ReadAsStringAsync(), email)}";
        }

        answers["unknown"].ShouldStartWith("401 application/problem+json");
        foreach (var (kind, answer) in answers)
        {
            answer.ShouldBe(answers["unknown"], $"the {kind} account");
        }
    }

    [Fact]
    public async Task A_locked_account_answers_the_right_password_as_a_wrong_one_and_its_owner_is_told_by_email()
    {
        var email = await LockedAccountAsync();

        var right = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = AppFactory.Password });
        var unknown = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Unknown(), password = AppFactory.Password });

        right.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Normalize(await right.Content.ReadAsStringAsync(), email).ShouldBe(Normalize(await unknown.Content.ReadAsStringAsync(), null));
        (await app.MailToAsync(email)).ShouldContain(m => m.Contains("locked for 15 minutes"));
    }

    [Fact]
    public async Task The_sign_up_page_answers_an_existing_address_as_a_new_one_and_emails_the_owner()
    {
        var existing = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var unknown = Unknown();

        var forExisting = await SignUpOnPageAsync(existing);
        var forUnknown = await SignUpOnPageAsync(unknown);

        forExisting.ShouldBe(forUnknown);
        forUnknown.ShouldStartWith("302 /Account/RegisterConfirmation");
        (await app.MailToAsync(existing)).ShouldHaveSingleItem().ShouldContain("already has an account");
        (await app.MailToAsync(unknown)).ShouldHaveSingleItem().ShouldContain("Confirm your email address");
    }

    [Fact]
    public async Task The_sign_up_api_answers_an_existing_address_as_a_new_one_and_emails_the_owner()
    {
        var existing = await app.CreateUserAsync(Roles.TradeOfficial);
        var unknown = Unknown();

        var forExisting = await PostAsync("/api/v1/auth/register", existing, new { email = existing, password = "a long enough passphrase" });
        var forUnknown = await PostAsync("/api/v1/auth/register", unknown, new { email = unknown, password = "a long enough passphrase" });

        forExisting.ShouldBe(forUnknown);
        forUnknown.ShouldStartWith("200 ");
        (await app.MailToAsync(existing)).ShouldHaveSingleItem().ShouldContain("already has an account");
        await WithUsersAsync(async users => (await users.GetRolesAsync((await users.FindByEmailAsync(existing))!)).ShouldBe([Roles.TradeOfficial]));
    }

    [Theory]
    [InlineData("/api/v1/auth/resendConfirmationEmail")]
    [InlineData("/api/v1/auth/forgotPassword")]
    public async Task Resending_the_confirmation_and_forgetting_the_password_answer_the_same_for_any_address(string endpoint)
    {
        var confirmed = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var unconfirmed = await UnconfirmedAccountAsync();
        var unknown = Unknown();

        var answers = new[] { confirmed, unconfirmed, unknown }
            .Select(email => PostAsync(endpoint, email, new { email }).GetAwaiter().GetResult()).ToList();

        answers.Distinct().ShouldHaveSingleItem().ShouldStartWith("200 ");
    }

    [Fact]
    public async Task An_invitation_answers_the_same_for_an_existing_address_which_gets_no_role_but_an_email()
    {
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var existing = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var unknown = Unknown();

        var forExisting = await PostAsync("/api/v1/users/invitations", existing,
            new { displayName = "Claire Tremblay", email = existing, role = Roles.Administrator, organisation = "CCC" }, admin);
        var forUnknown = await PostAsync("/api/v1/users/invitations", unknown,
            new { displayName = "Claire Tremblay", email = unknown, role = Roles.Administrator, organisation = "CCC" }, admin);

        forExisting.ShouldBe(forUnknown);
        forUnknown.ShouldStartWith("202 application/json");
        await WithUsersAsync(async users => (await users.GetRolesAsync((await users.FindByEmailAsync(existing))!)).ShouldBe([Roles.CompanyRepresentative]));
        (await app.MailToAsync(existing)).ShouldHaveSingleItem().ShouldContain("already has an account");
        (await app.LinkSentToAsync(unknown)).ShouldStartWith("/Account/AcceptInvitation?");
    }

    [Fact]
    public async Task Adding_a_representative_answers_the_same_for_a_representative_account_and_an_unknown_address()
    {
        var owner = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var firm = await owner.RegisterCompanyAsync();
        var colleague = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var official = await app.CreateUserAsync(Roles.TradeOfficial);
        var unknown = Unknown();

        var answers = new List<string>();
        foreach (var email in new[] { colleague, official, unknown })
        {
            answers.Add(await PostAsync($"/api/v1/companies/{firm}/representatives", email, new { email }, owner));
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldStartWith("200 application/json");
        (await app.WithDbAsync(db => db.CompanyMembers.CountAsync(m => m.CompanyId == firm))).ShouldBe(2);
        (await app.MailToAsync(unknown)).ShouldHaveSingleItem().ShouldContain("/Account/AcceptRepresentativeInvitation?token=");
        (await app.MailToAsync(official)).ShouldHaveSingleItem().ShouldContain("/Account/AcceptRepresentativeInvitation?token=");
    }

    [Fact]
    public async Task Adding_a_representative_on_the_firm_page_answers_the_same_for_a_representative_account_and_an_unknown_address()
    {
        var ownerEmail = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var firm = await (await app.ClientForAsync(ownerEmail)).RegisterCompanyAsync();
        using var owner = await BrowserlessClient.SignedInAsync(app, ownerEmail);
        var colleague = await app.CreateUserAsync(Roles.CompanyRepresentative);
        var unknown = Unknown();

        var answers = new List<string>();
        foreach (var email in new[] { colleague, unknown })
        {
            var response = await owner.SubmitFormAsync($"/Companies/Details/{firm}", [("RepresentativeEmail", email)], "form[action*='AddRepresentative']");
            answers.Add($"{(int)response.StatusCode} {BrowserlessClient.RedirectTarget(response)}");
        }

        answers.Distinct().ShouldHaveSingleItem().ShouldStartWith("302 ");
        (await app.MailToAsync(unknown)).ShouldHaveSingleItem().ShouldContain("/Account/AcceptRepresentativeInvitation?token=");
        (await owner.GetDocumentAsync($"/Companies/Details/{firm}")).Body!.TextContent.ShouldContain(colleague);
    }

    private static string Unknown() => $"nobody-{Guid.NewGuid():N}@ckm.test";

    /// <summary>Takes out what differs between any two requests (antiforgery tokens, trace ids) and the address asked about.</summary>
    private static string Normalize(string body, string? email)
    {
        var text = AntiforgeryValue().Replace(body, "$1{token}\"");
        text = TraceId().Replace(text, "\"traceId\":\"{trace}\"");
        return email is null ? text : text.Replace(email, "{email}", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> PostAsync(string path, string email, object body, HttpClient? client = null)
    {
        var response = await (client ?? app.CreateClient()).PostAsJsonAsync(path, body);
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType}\n{Normalize(await response.Content.ReadAsStringAsync(), email)}";
    }

    private async Task<string> SignUpOnPageAsync(string email)
    {
        using var browser = new BrowserlessClient(app);
        var response = await browser.SubmitFormAsync("/Account/Register",
            [("Input.DisplayName", "Min-ji Park"), ("Input.Email", email), ("Input.Password", "a long enough passphrase")]);
        var target = BrowserlessClient.RedirectTarget(response) ?? "";
        target = target.Replace(Uri.EscapeDataString(email), "{email}", StringComparison.OrdinalIgnoreCase).Replace(email, "{email}", StringComparison.OrdinalIgnoreCase);
        return $"{(int)response.StatusCode} {target}\n{Normalize(await response.Content.ReadAsStringAsync(), email)}";
    }

    private async Task<Dictionary<string, string>> AccountsOfEveryKindAsync()
    {
        var disabled = await app.CreateUserAsync(Roles.TradeOfficial);
        var admin = await app.ClientForAsync(AppFactory.AdminEmail);
        var disabledId = await WithUsersAsync(async users => (await users.FindByEmailAsync(disabled))!.Id);
        (await admin.PostAsync($"/api/v1/users/{disabledId}/disable", null)).EnsureSuccessStatusCode();
        return new Dictionary<string, string>
        {
            ["unknown"] = Unknown(),
            ["confirmed"] = await app.CreateUserAsync(Roles.CompanyRepresentative),
            ["unconfirmed"] = await UnconfirmedAccountAsync(),
            ["locked"] = await LockedAccountAsync(),
            ["disabled"] = disabled,
        };
    }

    private async Task<string> UnconfirmedAccountAsync()
    {
        var email = Unknown();
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email, password = AppFactory.Password })).EnsureSuccessStatusCode();
        return email;
    }

    private async Task<string> LockedAccountAsync()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        for (var i = 0; i < 5; i++)
        {
            await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = WrongPassword });
        }

        return email;
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private async Task WithUsersAsync(Func<UserManager<AppUser>, Task> action)
    {
        using var scope = app.Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\")[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
