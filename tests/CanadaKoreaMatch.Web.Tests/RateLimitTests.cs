using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// The application with low limits (three attempts per client, two per account, per hour). Each request names its client
/// address in the X-Test-Client header, so that one test process can act as many clients.
/// </summary>
public sealed class RateLimitAppFactory : AppFactory
{
    public const int PerClient = 3;
    public const int PerAccount = 2;
    public const string ClientHeader = "X-Test-Client";

    protected override (int PerClient, int PerAccount) RateLimit => (PerClient, PerAccount);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[ClientHeader].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return following(http);
            });
            next(app);
        };
    }
}

public sealed class RateLimitTests(RateLimitAppFactory app) : IClassFixture<RateLimitAppFactory>, IDisposable
{
    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, BrowserlessClient> browsers = [];

    public void Dispose()
    {
        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }
    }

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[]
                 {
                     "POST /api/v1/auth/login", "POST /api/v1/auth/register", "POST /api/v1/auth/resendConfirmationEmail",
                     "POST /api/v1/auth/forgotPassword", "POST /api/v1/auth/resetPassword", "POST /api/v1/companies/import",
                     "page /Account/Login", "page /Account/Register", "page /Companies/Import",
                 })
        {
            data.Add(endpoint, "client");
            data.Add(endpoint, "account");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_endpoint_answers_429_with_Retry_After_once_a_client_or_an_account_is_over_its_limit(string endpoint, string scope)
    {
        var limit = scope == "client" ? RateLimitAppFactory.PerClient : RateLimitAppFactory.PerAccount;
        var sharedClient = NewAddress();
        var sharedAccount = await NewAccountAsync(endpoint);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= limit; i++)
        {
            var (client, account) = scope == "client" ? (sharedClient, await NewAccountAsync(endpoint)) : (NewAddress(), sharedAccount);
            answers.Add(await AttemptAsync(endpoint, account, client));
        }

        answers.Take(limit).ShouldAllBe(r => r.StatusCode != HttpStatusCode.TooManyRequests);
        var refused = answers[^1];
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, $"{endpoint} per {scope}");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 3600);
        var body = await refused.Content.ReadAsStringAsync();
        if (endpoint.StartsWith("POST /api", StringComparison.Ordinal))
        {
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await refused.JsonAsync();
            problem["status"]!.GetValue<int>().ShouldBe(429);
            problem["detail"]!.GetValue<string>().ShouldContain($"{retryAfter} seconds");
        }
        else
        {
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            body.ShouldContain("data-testid=\"rate-limited\"");
            body.ShouldContain($"{retryAfter} seconds");
        }
    }

    [Fact]
    public async Task A_client_over_its_limit_on_one_endpoint_may_still_use_another_and_other_clients_are_unaffected()
    {
        var client = NewAddress();
        for (var i = 0; i < RateLimitAppFactory.PerClient; i++)
        {
            await AttemptAsync("POST /api/v1/auth/forgotPassword", Unknown(), client);
        }

        (await AttemptAsync("POST /api/v1/auth/forgotPassword", Unknown(), client)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await AttemptAsync("POST /api/v1/auth/forgotPassword", Unknown(), NewAddress())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AttemptAsync("POST /api/v1/auth/resendConfirmationEmail", Unknown(), client)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Unknown() => $"someone-{Guid.NewGuid():N}@ckm.test";

    private static string NewAddress()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return $"10.{bytes[0]}.{bytes[1]}.{bytes[2]}";
    }

    /// <summary>The account an attempt names: an address, or for the import the id of a trade official signed in from a fresh address.</summary>
    private async Task<string> NewAccountAsync(string endpoint) =>
        endpoint.EndsWith("Import", StringComparison.OrdinalIgnoreCase) || endpoint.EndsWith("/import", StringComparison.Ordinal)
            ? await app.CreateUserAsync(Roles.TradeOfficial)
            : Unknown();

    private async Task<HttpResponseMessage> AttemptAsync(string endpoint, string account, string client)
    {
        switch (endpoint)
        {
            case "page /Account/Login":
                return await WithBrowserAsync(client, b => b.SignInAsync(account, "not the password at all"));
            case "page /Account/Register":
                return await WithBrowserAsync(client, b => b.SubmitFormAsync("/Account/Register",
                    [("Input.DisplayName", "Rate Tester"), ("Input.Email", account), ("Input.Password", "short")]));
            case "page /Companies/Import":
            {
                var browser = await SignedInBrowserAsync(account);
                browser.Http.DefaultRequestHeaders.Remove(RateLimitAppFactory.ClientHeader);
                browser.Http.DefaultRequestHeaders.Add(RateLimitAppFactory.ClientHeader, client);
                return await browser.UploadAsync("/Companies/Import", "Upload", "firms.csv", Encoding.UTF8.GetBytes(BadCsv()));
            }

            case "POST /api/v1/companies/import":
            {
                var token = await BearerTokenAsync(account);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/companies/import") { Content = new StringContent(BadCsv(), Encoding.UTF8, "text/csv") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add(RateLimitAppFactory.ClientHeader, client);
                return await app.CreateClient().SendAsync(request);
            }

            default:
            {
                var path = endpoint["POST ".Length..];
                object body = path.EndsWith("/resetPassword", StringComparison.Ordinal)
                    ? new { email = account, resetCode = "not-a-code", newPassword = "a new long passphrase" }
                    : new { email = account, password = "not the password at all" };
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
                request.Headers.Add(RateLimitAppFactory.ClientHeader, client);
                return await app.CreateClient().SendAsync(request);
            }
        }
    }

    private async Task<HttpResponseMessage> WithBrowserAsync(string client, Func<BrowserlessClient, Task<HttpResponseMessage>> attempt)
    {
        using var browser = new BrowserlessClient(app);
        browser.Http.DefaultRequestHeaders.Add(RateLimitAppFactory.ClientHeader, client);
        var response = await attempt(browser);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>One sign-in per account (signing in again would meet the sign-in limits), from an address of its own.</summary>
    private async Task<BrowserlessClient> SignedInBrowserAsync(string email)
    {
        if (!browsers.TryGetValue(email, out var browser))
        {
            browser = new BrowserlessClient(app);
            browser.Http.DefaultRequestHeaders.Add(RateLimitAppFactory.ClientHeader, NewAddress());
            var signedIn = await browser.SignInAsync(email, AppFactory.Password);
            if (BrowserlessClient.RedirectTarget(signedIn) is { } next && next.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
            {
                signedIn = await browser.SubmitFormAsync(next, [("Code", (await Authenticator.CurrentCodeAsync(app.Services, email))!)]);
            }

            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            browsers[email] = browser;
        }

        return browser;
    }

    private async Task<string> BearerTokenAsync(string email)
    {
        if (tokens.TryGetValue(email, out var token))
        {
            return token;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(await app.LoginAsync(email)) };
        request.Headers.Add(RateLimitAppFactory.ClientHeader, NewAddress());
        var response = await app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return tokens[email] = (await response.JsonAsync())["accessToken"]!.GetValue<string>();
    }

    private static string BadCsv() => string.Join(',', CompanyCsv.Columns) + "\r\nnot,a,valid,row\r\n";
}
