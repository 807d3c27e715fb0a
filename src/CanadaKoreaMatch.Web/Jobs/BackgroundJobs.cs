using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using CanadaKoreaMatch.Web.Features.Suggestions;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>Recomputes the stored suggestion lists; on one instance at a time across all instances (JobLeases).</summary>
public sealed class SuggestionRefreshJob(SuggestionRecomputer recomputer, JobLeases leases)
{
    public const string Id = "suggestion-refresh";

    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        leases.RunExclusiveAsync(Id, ct => recomputer.RunOnceAsync(ct), cancellationToken);
}

/// <summary>Carries out due follow-ups; may run on several instances at once (each follow-up is claimed by one).</summary>
public sealed class FollowUpDispatchJob(FollowUpDispatch dispatch)
{
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => dispatch.RunOnceAsync(cancellationToken);
}

/// <summary>Plans this week's digest for every trade official (once per official and week, whichever instance runs it); the dispatch sends it.</summary>
public sealed class OfficialsDigestJob(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string Id = "officials-digest";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        await OfficialsDigest.PlanWeekAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}

/// <summary>Sends due outbox messages; may run on several instances at once (each message is claimed by one).</summary>
public sealed class MailDeliveryJob(MailDelivery delivery)
{
    public const string Id = "mail-delivery";

    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => delivery.RunOnceAsync(cancellationToken);
}

public static class BackgroundJobsSetup
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Hangfire with job storage in the app's database (its own schema or, on SQLite, a file beside it).</summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        var poll = TimeSpan.FromSeconds(configuration.GetValue("Jobs:PollSeconds", 1.0));
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<MailDelivery>();
        services.AddTransient<SuggestionRefreshJob>();
        services.AddTransient<MailDeliveryJob>();
        services.AddTransient<ForumScheduleJob>();
        services.AddSingleton<FollowUpDispatch>();
        services.AddScoped<FollowUpMessages>();
        services.AddTransient<OfficialsDigestJob>();
        services.AddTransient<FollowUpDispatchJob>();
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    config.UseSQLiteStorage(SqliteJobFile(database.ConnectionString), new SQLiteStorageOptions { QueuePollInterval = poll });
                    break;
                case DatabaseProvider.Postgres:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString),
                        new PostgreSqlStorageOptions
                        {
                            QueuePollInterval = poll, PrepareSchemaIfNecessary = true, SchemaName = "hangfire",
                            // A lock row left by an instance that died is taken over after this long (Hangfire's default is ten
                            // minutes, during which no recurring job, sweep or dispatch would be scheduled by the survivors).
                            DistributedLockTimeout = TimeSpan.FromSeconds(configuration.GetValue("Jobs:LockExpirySeconds", 30.0)),
                        });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString,
                        new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire", QueuePollInterval = TimeSpan.Zero });
                    break;
            }
        });
        if (configuration.GetValue("Jobs:Enabled", true))
        {
            services.AddHangfireServer((sp, options) =>
            {
                options.ServerName = sp.GetRequiredService<InstanceIdentity>().Id;
                options.WorkerCount = configuration.GetValue("Jobs:Workers", 4);
                options.SchedulePollingInterval = poll;
            });
        }

        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);
        return services;
    }

    /// <summary>Registers the recurring jobs (idempotent: every instance does it at start).</summary>
    public static void ScheduleRecurringJobs(this WebApplication app)
    {
        var configuration = app.Configuration;
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<SuggestionRefreshJob>(SuggestionRefreshJob.Id, job => job.RunAsync(CancellationToken.None),
            EverySeconds(configuration.GetValue("Matching:RefreshSeconds", 3)));
        jobs.AddOrUpdate<MailDeliveryJob>(MailDeliveryJob.Id, job => job.RunAsync(CancellationToken.None),
            EverySeconds(configuration.GetValue("Email:DeliverySeconds", 5)));
        jobs.AddOrUpdate<FollowUpDispatchJob>(FollowUpDispatch.Id, job => job.RunAsync(CancellationToken.None),
            EverySeconds(configuration.GetValue("FollowUps:DispatchSeconds", 15)));
        jobs.AddOrUpdate<OfficialsDigestJob>(OfficialsDigestJob.Id, job => job.RunAsync(CancellationToken.None),
            configuration.GetValue("FollowUps:DigestCron", "0 7 * * 1")!);
        jobs.AddOrUpdate<ForumScheduleJob>(ForumScheduleJob.SweepId, job => job.SweepAsync(CancellationToken.None),
            EverySeconds(configuration.GetValue("Forums:SweepSeconds", 30)));
    }

    /// <summary>The dashboard for administrators only: the endpoint requires the policy, and the dashboard checks the role again.</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
            {
                Authorization = [new AdministratorsOnly()],
                AppPath = "/Admin/Users",
                DashboardTitle = "CanadaKoreaMatch jobs",
                DisplayStorageConnectionString = false,
            })
            .RequireAuthorization(IdentitySetup.AdministratorPolicy);

    private static string EverySeconds(int seconds) => seconds switch
    {
        < 1 => throw new InvalidOperationException("A job interval must be at least one second."),
        < 60 => $"*/{seconds} * * * * *",
        _ => $"0 */{Math.Max(1, seconds / 60)} * * * *",
    };

    internal static string SqliteJobFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", Path.GetFileNameWithoutExtension(file) + "-jobs.db");
    }

    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Administrator);
    }
}

/// <summary>Readiness covers the job storage: the app is not ready if it cannot reach its jobs.</summary>
internal sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var statistics = storage.GetMonitoringApi().GetStatistics();
            return Task.FromResult(HealthCheckResult.Healthy($"{statistics.Servers} job servers, {statistics.Enqueued} enqueued, {statistics.Failed} failed"));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage unreachable", ex));
        }
    }
}
