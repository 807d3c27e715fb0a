using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Hangfire, the mail outbox, the shared key ring and the readiness check, on the suite's database.</summary>
public sealed class PlatformTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string?> DashboardRefusedTo() => new() { null, Roles.CompanyRepresentative, Roles.TradeOfficial, Roles.ForumOrganiser };

    [Theory]
    [MemberData(nameof(DashboardRefusedTo))]
    public async Task The_jobs_dashboard_is_refused_to_everyone_but_administrators(string? role)
    {
        using var browser = role is null ? new BrowserlessClient(app) : await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(role));

        var response = await browser.Http.GetAsync(new Uri(BackgroundJobsSetup.DashboardPath, UriKind.Relative));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        BrowserlessClient.RedirectTarget(response)?.ShouldStartWith(role is null ? "/Account/Login" : "/Account/AccessDenied");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("CanadaKoreaMatch jobs");
        var stats = await browser.Http.PostAsync(new Uri(BackgroundJobsSetup.DashboardPath + "/stats", UriKind.Relative), null);
        stats.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_administrator_opens_the_jobs_dashboard_from_the_menu_and_sees_both_recurring_jobs()
    {
        using var admin = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);
        var home = await admin.GetDocumentAsync("/");
        home.QuerySelectorAll("header nav a").Select(a => a.GetAttribute("href")).ShouldContain(BackgroundJobsSetup.DashboardPath);

        var dashboard = await admin.Http.GetAsync(new Uri(BackgroundJobsSetup.DashboardPath + "/recurring", UriKind.Relative));

        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await dashboard.Content.ReadAsStringAsync();
        html.ShouldContain("CanadaKoreaMatch jobs");
        html.ShouldContain(SuggestionRefreshJob.Id);
        html.ShouldContain(MailDeliveryJob.Id);
    }

    [Fact]
    public async Task Readiness_covers_the_database_and_the_job_storage()
    {
        var health = app.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"));

        report.Entries.Keys.ShouldBe(["database", "jobs"], ignoreOrder: true);
        report.Entries["jobs"].Status.ShouldBe(HealthStatus.Healthy, report.Entries["jobs"].Description);
        (await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_job_enqueued_through_Hangfire_runs_on_the_job_storage_of_the_configured_database()
    {
        var marker = Guid.NewGuid();
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();

        var id = jobs.Enqueue(() => ProbeJob.Run(marker));

        var storage = app.Services.GetRequiredService<JobStorage>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (storage.GetMonitoringApi().JobDetails(id).History.FirstOrDefault()?.StateName != SucceededState.StateName && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        storage.GetMonitoringApi().JobDetails(id).History[0].StateName.ShouldBe(SucceededState.StateName);
        ProbeJob.Ran.ShouldContain(marker);
    }

    [Fact]
    public async Task EF_Core_and_the_Hangfire_SQLite_storage_share_one_native_SQLite_library()
    {
        var native = Directory.GetFiles(AppContext.BaseDirectory, "libe_sqlite3.so", SearchOption.AllDirectories)
            .Where(f => f.Contains("linux-x64", StringComparison.Ordinal)).ToList();
        native.Count.ShouldBe(1, string.Join(", ", native));

        var deps = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "CanadaKoreaMatch.Web.Tests.deps.json")));
        var providers = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject()
            .Where(p => p.Value.TryGetProperty("runtimeTargets", out var targets)
                && targets.EnumerateObject().Any(t => t.Name.EndsWith("linux-x64/native/libe_sqlite3.so", StringComparison.Ordinal)))
            .Select(p => p.Name).ToList();
        providers.Count.ShouldBe(1, string.Join(", ", providers));

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        var efSide = (string)(await command.ExecuteScalarAsync())!;
        efSide.ShouldBe(SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
        SQLite.SQLite3.LibVersionNumber().ShouldBe(SQLitePCL.raw.sqlite3_libversion_number());
    }

    [Fact]
    public async Task A_message_recorded_in_a_transaction_that_rolls_back_is_never_sent()
    {
        var to = $"rollback-{Guid.NewGuid():N}@ckm.test";
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(Invitation(to));
            await transaction.RollbackAsync();
        }

        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == to))).ShouldBe(0);
        (await app.MailToAsync(to)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invitation_is_written_to_the_outbox_with_the_change_and_delivered_afterwards_once()
    {
        using var admin = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);
        var invitee = $"invitee-{Guid.NewGuid():N}@ckm.test";

        var response = await admin.SubmitFormAsync("/Admin/Users",
            [("Invite.DisplayName", "Min-jun Park"), ("Invite.Email", invitee), ("Invite.Role", Roles.TradeOfficial), ("Invite.Organisation", "KOTRA"), ("Invite.Language", "ko")]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var queued = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.To == invitee));
        // Written with the change; this app also runs the mail-delivery job, which may already have sent it.
        queued.Status.ShouldBeOneOf(OutboxStatus.Pending, OutboxStatus.Sent);
        queued.Language.ShouldBe("ko");
        queued.Subject.ShouldBe("CanadaKoreaMatch에 초대되었습니다");
        queued.HtmlBody.ShouldContain(AppFactory.PublicBaseUrl + "/Account/AcceptInvitation?");

        await app.DeliverMailAsync();
        await app.DeliverMailAsync();

        var mails = Mailbox.All(app.Outbox).Where(m => m.To == invitee).ToList();
        mails.Count.ShouldBe(1);
        mails[0].MessageId.ShouldStartWith(queued.Id.ToString("N"));
        mails[0].Html.ShouldContain("Min-jun Park님, CanadaKoreaMatch에 무역 담당관(으)로 초대되었습니다.");
        var sent = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == queued.Id));
        (sent.Status, sent.Attempts).ShouldBe((OutboxStatus.Sent, 1));
    }

    [Fact]
    public async Task Links_in_messages_come_from_the_configured_base_url_never_from_the_Host_header()
    {
        var email = $"signup-{Guid.NewGuid():N}@ckm.test";
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register") { Content = JsonContent.Create(new { email, password = AppFactory.Password }) };
        request.Headers.Host = "attacker.example";
        request.Headers.AcceptLanguage.ParseAdd("fr-CA");

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var mail = (await app.MailToAsync(email)).ShouldHaveSingleItem();
        mail.ShouldNotContain("attacker.example");
        var link = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(mail).QuerySelector("a[href]")!.GetAttribute("href")!;
        link.ShouldStartWith(AppFactory.PublicBaseUrl + "/");
        (await client.GetAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_representative_signing_up_in_French_gets_the_confirmation_in_French()
    {
        var email = $"fr-{Guid.NewGuid():N}@ckm.test";
        using var browser = new BrowserlessClient(app);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA");

        await browser.SubmitFormAsync("/Account/Register", [("Input.DisplayName", "Élise Tremblay"), ("Input.Email", email), ("Input.Password", AppFactory.Password)]);

        await app.DeliverMailAsync();
        var mail = Mailbox.All(app.Outbox).Single(m => m.To == email);
        mail.Subject.ShouldBe("Confirmez votre compte CanadaKoreaMatch");
        mail.Html.ShouldContain("Bienvenue sur CanadaKoreaMatch, Élise Tremblay.");
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_a_doubling_wait_and_marked_failed_after_the_last_attempt()
    {
        using var failing = app.WithWebHostBuilder(b => b
            .UseSetting("Email:MaxAttempts", "3")
            .UseSetting("Jobs:Enabled", "false")
            .ConfigureServices(s => s.AddSingleton<IMailTransport, RefusingTransport>()));
        var to = $"refused-{Guid.NewGuid():N}@ckm.test";
        using (var scope = failing.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(Invitation(to));
        }

        var delivery = failing.Services.GetRequiredService<MailDelivery>();
        var waits = new List<double>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var before = DateTime.UtcNow;
            (await delivery.RunOnceAsync()).ShouldBe(0);
            var row = await failing.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>()
                .OutboxMessages.AsNoTracking().SingleAsync(m => m.To == to);
            row.Attempts.ShouldBe(attempt);
            row.LastError.ShouldBe("relay refused the message");
            row.LockedBy.ShouldBeNull();
            row.Status.ShouldBe(attempt < 3 ? OutboxStatus.Pending : OutboxStatus.Failed);
            waits.Add((row.NextAttemptAt - before).TotalSeconds);
            (await delivery.RunOnceAsync()).ShouldBe(0); // not due yet: nothing is attempted
            (await failing.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>()
                .OutboxMessages.AsNoTracking().SingleAsync(m => m.To == to)).Attempts.ShouldBe(attempt);
            await failing.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.Where(m => m.To == to)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }

        waits[0].ShouldBeInRange(29, 31);
        waits[1].ShouldBeInRange(59, 61);
        Mailbox.All(app.Outbox).ShouldNotContain(m => m.To == to);
    }

    [Fact]
    public async Task Two_deliveries_running_at_once_send_each_message_once()
    {
        var recipients = Enumerable.Range(0, 40).Select(i => $"burst{i}-{Guid.NewGuid():N}@ckm.test").ToList();
        using (var scope = app.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            foreach (var to in recipients)
            {
                await outbox.EnqueueAsync(Invitation(to));
            }
        }

        var delivery = app.Services.GetRequiredService<MailDelivery>();
        await Task.WhenAll(delivery.RunOnceAsync(), delivery.RunOnceAsync(), delivery.RunOnceAsync());

        var mails = Mailbox.All(app.Outbox).Where(m => recipients.Contains(m.To)).ToList();
        mails.Select(m => m.To).ShouldBe(recipients, ignoreOrder: true);
        var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => recipients.Contains(m.To)).ToListAsync());
        rows.ShouldAllBe(m => m.Status == OutboxStatus.Sent && m.Attempts == 1);
    }

    [Fact]
    public async Task A_job_lease_lets_one_holder_run_at_a_time_and_is_taken_over_once_it_expires()
    {
        var leases = app.Services.GetRequiredService<JobLeases>();
        var name = "probe-" + Guid.NewGuid().ToString("N")[..8];
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();

        var first = leases.RunExclusiveAsync(name, async _ => { started.SetResult(); await release.Task; }, CancellationToken.None);
        await started.Task;
        var ranSecond = false;
        (await leases.RunExclusiveAsync(name, _ => { ranSecond = true; return Task.CompletedTask; }, CancellationToken.None)).ShouldBeFalse();
        ranSecond.ShouldBeFalse();
        release.SetResult();
        (await first).ShouldBeTrue();
        (await leases.RunExclusiveAsync(name, _ => { ranSecond = true; return Task.CompletedTask; }, CancellationToken.None)).ShouldBeTrue();
        ranSecond.ShouldBeTrue();

        // A holder that died: its lease still names it, but has expired.
        await app.WithDbAsync(db => db.JobLeases.Where(l => l.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "dead-instance").SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        (await leases.RunExclusiveAsync(name, _ => Task.CompletedTask, CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_data_protection_key_ring_lives_in_the_database()
    {
        using var browser = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());

        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml!.Contains("<key ", StringComparison.Ordinal));
    }

    private static Email Invitation(string to) =>
        new(to, "en", "invitation", new Dictionary<string, object?> { ["name"] = "Test", ["role"] = Roles.TradeOfficial, ["link"] = AppFactory.PublicBaseUrl + "/x" });

    private sealed class RefusingTransport : IMailTransport
    {
        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => throw new IOException("relay refused the message");
    }
}

public static class ProbeJob
{
    public static readonly System.Collections.Concurrent.ConcurrentBag<Guid> Ran = [];

    public static void Run(Guid marker) => Ran.Add(marker);
}
