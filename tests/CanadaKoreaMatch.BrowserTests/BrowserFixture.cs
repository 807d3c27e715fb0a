using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

/// <summary>The application on a real Kestrel port with demo data, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    public const string Password = "correct horse battery";

    private readonly string workDirectory = Directory.CreateTempSubdirectory("ckm-browser-").FullName;
    private readonly string? postgresServer = Environment.GetEnvironmentVariable("CKM_TEST_POSTGRES");
    private readonly string postgresName = "ckm_browser_" + Guid.NewGuid().ToString("N")[..12];
    private App? app;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string Outbox => Path.Combine(workDirectory, "outbox");

    /// <summary>The application's clock: journeys move it (to the end of a forum day, say) and reset it when done.</summary>
    public CanadaKoreaMatch.Web.Tests.Infrastructure.TestClock Clock { get; } = new();

    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("CKM_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "ckm-screenshots");

    private static bool UsesPostgres => string.Equals(Environment.GetEnvironmentVariable("CKM_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        var connection = UsesPostgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresName }.ConnectionString
            : $"Data Source={Path.Combine(workDirectory, "browser.db")}";
        app = new App(UsesPostgres ? "Postgres" : "Sqlite", connection, Outbox, Clock);
        app.UseKestrel(0);
        app.StartServer();
        BaseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task<IPage> NewPageAsync(string locale = "en-CA")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale, ViewportSize = new() { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>A confirmed account; administrators, officials and organisers have two-factor sign-in on unless <paramref name="twoFactor"/> is false.</summary>
    public async Task<string> CreateUserAsync(string role, bool twoFactor = true)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@ckm.test";
        using var scope = app!.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, role);
        if (twoFactor && CanadaKoreaMatch.Web.Tests.Infrastructure.Authenticator.IsPrivileged(role))
        {
            AuthenticatorKeys[email] = await CanadaKoreaMatch.Web.Tests.Infrastructure.Authenticator.TurnOnAsync(app.Services, email);
        }

        return email;
    }

    /// <summary>The authenticator keys of the accounts made by <see cref="CreateUserAsync"/>; the demo accounts share <see cref="DemoData.AuthenticatorKey"/>.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> AuthenticatorKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs the background suggestion recompute now instead of waiting for its next tick.</summary>
    public Task RecomputeSuggestionsAsync() =>
        app!.Services.GetRequiredService<CanadaKoreaMatch.Web.Features.Suggestions.SuggestionRecomputer>().RunOnceAsync();

    /// <summary>Runs the queued schedule runs now, as the background job would.</summary>
    public async Task RunQueuedScheduleRunsAsync()
    {
        List<Guid> queued;
        using (var scope = app!.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CanadaKoreaMatch.Web.Data.AppDbContext>();
            queued = db.ScheduleRuns.Where(r => r.Status == CanadaKoreaMatch.Web.Domain.ScheduleRunStatus.Queued).Select(r => r.Id).ToList();
        }

        foreach (var id in queued)
        {
            await app.Services.GetRequiredService<CanadaKoreaMatch.Web.Jobs.ForumScheduleJob>().RunAsync(id, CancellationToken.None);
        }
    }

    /// <summary>Sends the due follow-ups now, as the background job would.</summary>
    public Task<int> DispatchFollowUpsAsync() => app!.Services.GetRequiredService<CanadaKoreaMatch.Web.Jobs.FollowUpDispatch>().RunOnceAsync();

    /// <summary>Delivers the outbox now (as the background job would) and returns the HTML bodies of the messages to the address.</summary>
    public async Task<IReadOnlyList<string>> MailToAsync(string email)
    {
        await app!.Services.GetRequiredService<CanadaKoreaMatch.Web.Jobs.MailDelivery>().RunOnceAsync();
        return Directory.GetFiles(Outbox, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.HtmlBody ?? "").ToList();
    }

    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("form.stack button[type=submit]");
        try
        {
            await WaitForUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal) || url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
            if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
            {
                var key = AuthenticatorKeys.TryGetValue(email, out var own) ? own : DemoData.AuthenticatorKey;
                await page.FillAsync("input[name=Code]", CanadaKoreaMatch.Web.Tests.Infrastructure.Authenticator.CodeFor(key));
                await page.ClickAsync("form.stack button[type=submit]");
                await WaitForUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal));
            }
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync(page, "sign-in-failed");
            throw;
        }
    }

    /// <summary>
    /// Waits until the page is at a URL that <paramref name="at"/> accepts and its document has loaded. It polls the page's
    /// URL and ready state rather than listening for Playwright's navigation and load events: on a busy machine such an
    /// event can arrive between the check and the listener, and the wait then runs into its timeout on a loaded page.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Func<string, bool> at)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(at(page.Url) && await LoadedAsync(page)))
        {
            if (waited.Elapsed > WaitLimit)
            {
                await ScreenshotAsync(page, "wait-for-url");
                throw new TimeoutException($"After {WaitLimit.TotalSeconds:0} s the page is at {page.Url}, which is not the page awaited, or has not loaded.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Waits until the page's current document has loaded (see <see cref="WaitForUrlAsync"/>).</summary>
    public static Task WaitForLoadAsync(IPage page) => WaitForUrlAsync(page, _ => true);

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private static async Task<bool> LoadedAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("document.readyState") == "complete";
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
            app = null;
        }

        if (UsesPostgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(postgresServer);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(workDirectory, recursive: true);
    }

    public void Dispose() => app?.Dispose();

    private sealed class App(string provider, string connectionString, string outbox, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Seed:DemoData", "true");
            builder.UseSetting("Email:PickupDirectory", outbox);
            builder.UseSetting("App:BaseUrl", "https://match.ckm.test");
            // The journeys run the recompute and the mail delivery themselves; no job server competes with the browser.
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Forums:ScheduleSeconds", "2");

            // The journeys sign in many times from one address: the rate limits (proved by the web tests) stay out of reach.
            foreach (var rule in new[] { "SignIn", "SignUp", "Confirmation", "PasswordReset", "Import" })
            {
                builder.UseSetting($"RateLimits:{rule}:PerClient", "1000000");
                builder.UseSetting($"RateLimits:{rule}:PerAccount", "1000000");
            }
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
