using System.Net.Http.Headers;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>The real application on a throwaway database, without demo data; helpers create users of each role.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery";
    public const string AdminEmail = "root@ckm.test";

    /// <summary>Held while a host starts: see <see cref="CreateHost"/>.</summary>
    private static readonly Lock HostStart = new();

    private readonly TestDatabase database = new();

    public const string PublicBaseUrl = "https://match.ckm.test";

    public string Provider => database.Provider;

    public string Outbox => Path.Combine(database.WorkDirectory, "outbox");

    /// <summary>The application's TimeProvider: the real time unless a test moves it (see <see cref="TestClock"/>).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Seed:DemoData for the host; null leaves it unset, so the application's default applies.</summary>
    protected virtual bool? SeedDemoData => false;

    protected virtual string EnvironmentName => "Testing";

    /// <summary>What the host logs, for tests that check a warning.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The suites sign in hundreds of times from one client: every limit is far out of reach unless a factory lowers it.</summary>
    protected virtual (int PerClient, int PerAccount) RateLimit => (1_000_000, 1_000_000);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", database.Provider);
        builder.UseSetting("ConnectionStrings:Default", database.ConnectionString);
        if (SeedDemoData is { } seed)
        {
            builder.UseSetting("Seed:DemoData", seed ? "true" : "false");
        }

        foreach (var rule in new[] { "SignIn", "SignUp", "Confirmation", "PasswordReset", "Import" })
        {
            builder.UseSetting($"RateLimits:{rule}:PerClient", RateLimit.PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting($"RateLimits:{rule}:PerAccount", RateLimit.PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting($"RateLimits:{rule}:WindowSeconds", "3600");
        }

        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting("Email:PickupDirectory", Outbox);
        builder.UseSetting("App:BaseUrl", PublicBaseUrl);

        // The forum scheduling engine stops at its budget: a second is plenty for the small forums of the tests.
        builder.UseSetting("Forums:ScheduleSeconds", "1");
        builder.ConfigureLogging(logging => logging.AddProvider(new ServerErrors()).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>
    /// Hangfire keeps its storage in a process-wide static (JobStorage.Current, set when a host configures Hangfire and read
    /// when it first resolves JobStorage). The test classes start their hosts in parallel, so a host could take another's
    /// storage, enqueue into the other's database and dispose it with itself. Hosts therefore start one at a time, each
    /// resolving its own storage before the next can replace it.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostStart)
        {
            var host = base.CreateHost(builder);
            host.Services.GetRequiredService<JobStorage>();

            // Hangfire's log provider is process-wide too, and the one a host sets logs through that host's LoggerFactory,
            // which is disposed with the host while other hosts still create job clients; the tests do without Hangfire's log.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(new SilentHangfireLog());

            // The first administrator, as after setting up the authenticator app the first sign-in asks for.
            Authenticator.TurnOnAsync(host.Services, AdminEmail).GetAwaiter().GetResult();
            return host;
        }
    }

    /// <summary>Delivers the outbox now (as the background job would) and returns the path and query of the link in the latest message to the address.</summary>
    public async Task<string> LinkSentToAsync(string to)
    {
        await DeliverMailAsync();
        return Mailbox.LinkSentTo(Outbox, to);
    }

    /// <summary>Delivers the outbox now and returns the HTML bodies of the messages to the address, oldest first.</summary>
    public async Task<IReadOnlyList<string>> MailToAsync(string to)
    {
        await DeliverMailAsync();
        return Mailbox.MessagesTo(Outbox, to);
    }

    public Task<int> DeliverMailAsync() => Services.GetRequiredService<MailDelivery>().RunOnceAsync();

    /// <summary>
    /// A confirmed account in the role. Administrators, officials and organisers have two-factor sign-in on (their roles
    /// require it) unless <paramref name="twoFactor"/> says otherwise; the sign-in helpers compute their codes.
    /// </summary>
    public async Task<string> CreateUserAsync(string role, string? email = null, bool? twoFactor = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@ckm.test";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role + " tester" };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        if (twoFactor ?? Authenticator.IsPrivileged(role))
        {
            await Authenticator.TurnOnAsync(Services, email);
        }

        return email;
    }

    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", await LoginAsync(email));
        if (!login.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"API sign-in of {email} was refused: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        }

        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>The body of POST /api/v1/auth/login for the account, with the current authenticator code when it has two-factor sign-in.</summary>
    public async Task<Dictionary<string, string>> LoginAsync(string email, string password = Password)
    {
        var body = new Dictionary<string, string> { ["email"] = email, ["password"] = password };
        if (await Authenticator.CurrentCodeAsync(Services, email) is { } code)
        {
            body["twoFactorCode"] = code;
        }

        return body;
    }

    public async Task<HttpClient> ClientInRoleAsync(string role) => await ClientForAsync(await CreateUserAsync(role));

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            database.Dispose();
        }
    }

    private sealed record TokenResponse(string AccessToken);
}

public sealed class DemoAppFactory : AppFactory
{
    protected override bool? SeedDemoData => true;
}

/// <summary>
/// The application without a job server, for the forum tests: a queued schedule run waits until the test runs it with
/// <see cref="ForumScheduleJob.RunAsync"/>, and mail until <see cref="AppFactory.DeliverMailAsync"/>.
/// </summary>
public sealed class ForumAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
    }

    /// <summary>Carries out a queued schedule run, as the background job would.</summary>
    public Task RunScheduleAsync(Guid runId) => Services.GetRequiredService<ForumScheduleJob>().RunAsync(runId, CancellationToken.None);
}

internal sealed class SilentHangfireLog : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
{
    public Hangfire.Logging.ILog GetLogger(string name) => this;

    public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
