extern alias web;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static CanadaKoreaMatch.Benchmarks.SchedulingBenchmark;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// <c>./build.sh bench forum-pages [--requests 30] [--warmup 5] [--time-limit 10]</c>: the server time of the organiser's
/// timetable page and a firm's agenda page, and of their API twins, on a CANSEC-size forum (<see cref="ForumPagesData"/>)
/// held by the real app in-process (TestServer, SQLite file). Each request is timed by a middleware placed before the
/// app's own (so from the request entering the server to the last byte of the response written), with the database
/// commands it ran; beside it, the round trip through the in-process client and the process's CPU time and allocations
/// during the request (the client only streams the body through a buffer). The pages' median and 95th percentile are
/// marked against the target (under 300 ms).
/// </summary>
internal static class ForumPagesBenchmark
{
    private const double TargetMs = 300;

    public static int Run(string[] args)
    {
        int count = 30, warmup = 5;
        double limit = 10;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--requests" when i + 1 < args.Length:
                    count = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--warmup" when i + 1 < args.Length:
                    warmup = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--time-limit" when i + 1 < args.Length:
                    limit = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine("usage: ./build.sh bench forum-pages [--requests 30] [--warmup 5] [--time-limit SECONDS]");
                    return 2;
            }
        }

        return RunAsync(count, warmup, limit).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count, int warmup, double limit)
    {
        var instance = ForumPagesData.Instance();
        Console.Error.WriteLine($"solving the generated forum (budget {limit} s)…");
        var (result, seconds) = ForumPagesData.Solve(instance, limit);
        var violations = ForumValidation.Violations(instance, result);
        if (violations.Count > 0)
        {
            Console.Error.WriteLine($"CHECK FAILED: {string.Join("; ", violations.Take(5))}");
            return 1;
        }

        using var app = new ForumPagesApp();
        app.StartServer();
        var organiser = await app.CreateUserAsync(Roles.ForumOrganiser, "organiser@ckm.bench");
        var admin = await app.UserIdAsync(ForumPagesApp.AdminEmail);
        Console.Error.WriteLine("inserting the forum…");
        var clock = Stopwatch.StartNew();
        var forum = await ForumPagesData.InsertAsync(app.Services, instance, result, seconds, organiser, admin);
        Console.Error.WriteLine(Invariant($"inserted in {clock.Elapsed.TotalSeconds:F1} s"));

        using var pages = await app.SignedInPagesAsync("organiser@ckm.bench");
        using var api = await app.ApiClientAsync("organiser@ckm.bench");
        var agendaQuery = $"companyId={forum.AgendaFirmId}";
        var targets = new (string Label, HttpClient Client, string Url, bool Targeted)[]
        {
            ("organiser's timetable page `GET /Forums/{id}/Schedule`", pages, $"/Forums/{forum.ForumId}/Schedule", true),
            ("firm's agenda page `GET /Forums/{id}/Agenda?companyId=`", pages, $"/Forums/{forum.ForumId}/Agenda?{agendaQuery}", true),
            ("API `GET /api/v1/forums/{id}/timetable`", api, $"/api/v1/forums/{forum.ForumId}/timetable", false),
            ("API `GET /api/v1/forums/{id}/agenda?companyId=`", api, $"/api/v1/forums/{forum.ForumId}/agenda?{agendaQuery}", false),
        };

        var ok = await CheckAsync(pages, api, targets[0].Url, targets[1].Url, targets[2].Url, forum);

        // Round robin, so that the four requests share whatever else the machine is doing.
        var samples = targets.Select(_ => new List<Sample>()).ToList();
        for (var i = -warmup; i < count; i++)
        {
            foreach (var (target, n) in targets.Select((x, n) => (x, n)))
            {
                var sample = await app.TimeAsync(target.Client, target.Url);
                if (i >= 0)
                {
                    samples[n].Add(sample);
                }
            }
        }

        var rows = new List<string>();
        foreach (var ((label, _, _, targeted), n) in targets.Select((x, n) => (x, n)))
        {
            var server = samples[n].Select(s => s.ServerMs).Order().ToList();
            string Verdict(double ms) => !targeted ? "" : ms < TargetMs ? " (under 300 ms)" : " (OVER 300 ms)";
            var (median, p95) = (Percentile(server, 0.5), Percentile(server, 0.95));
            rows.Add(Invariant($"| {label} | {median:F1}{Verdict(median)} | {p95:F1}{Verdict(p95)} | {Percentile(samples[n].Select(s => s.RoundTripMs).Order().ToList(), 0.5):F1} | {Percentile(samples[n].Select(s => s.CpuMs).Order().ToList(), 0.5):F0} | {Percentile(samples[n].Select(s => s.Allocated / 1048576.0).Order().ToList(), 0.5):F1} | {samples[n][0].Commands} | {samples[n][0].Bytes / 1024.0:F0} KB |"));
        }

        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
        Console.WriteLine($"\n### Forum pages at scale ({Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at the end {load})\n");
        Console.WriteLine(Invariant($"Forum: {forum.Firms} verified firms (600 CA, 400 KR), {forum.Requests} accepted requests, 2 days × 16 slots, {forum.Tables} tables, ")
            + Invariant($"{forum.Interpreters} ko–en interpreters; {forum.Meetings} meetings scheduled and published (weight {forum.ScheduledWeight} of bound {forum.UpperBound}, ")
            + Invariant($"solved in {forum.SolveSeconds:F1} s), {forum.Interpreted} interpreted, {forum.Unscheduled} requests left out with reasons. ")
            + Invariant($"Agenda of {forum.AgendaFirm} ({forum.AgendaFirmCountry}, {forum.AgendaMeetings} meetings). Signed in as the forum's organiser (cookie for pages, bearer token for the API). ")
            + Invariant($"{count} requests each, in turn, after {warmup} warm-up rounds; server time from a middleware before the app's pipeline (TestServer in-process, no network)."));
        Console.WriteLine();
        Console.WriteLine("| request | server median ms | server p95 ms | round trip median ms | process CPU median ms | allocated MB | database commands | response |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return ok ? 0 : 1;
    }

    /// <summary>The pages and the API show the whole forum: every meeting in the grid, the firm's meetings in its agenda, the weights as the engine's.</summary>
    private static async Task<bool> CheckAsync(HttpClient pages, HttpClient api, string schedule, string agenda, string timetable, ForumPagesForum forum)
    {
        var ok = true;
        var grid = await pages.GetStringAsync(new Uri(schedule, UriKind.Relative));
        var cells = Regex.Count(grid, "data-testid=\"meeting\"");
        var items = Regex.Count(await pages.GetStringAsync(new Uri(agenda, UriKind.Relative)), "data-testid=\"agenda-item\"");
        using var json = JsonDocument.Parse(await api.GetStringAsync(new Uri(timetable, UriKind.Relative)));
        var meetings = json.RootElement.GetProperty("meetings").EnumerateArray().ToList();
        var weight = meetings.Sum(m => m.GetProperty("weight").GetInt64());
        var unscheduled = json.RootElement.GetProperty("unscheduled").GetArrayLength();
        foreach (var (what, seen, expected) in new[]
        {
            ("meetings in the grid", (long)cells, (long)forum.Meetings), ("meetings in the agenda", items, forum.AgendaMeetings),
            ("meetings in the API timetable", meetings.Count, forum.Meetings), ("weight in the API timetable", weight, forum.ScheduledWeight),
            ("requests left out in the API timetable", unscheduled, forum.Unscheduled),
        })
        {
            if (seen != expected)
            {
                Console.Error.WriteLine($"CHECK FAILED: {what}: {seen}, expected {expected}");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record Sample(double ServerMs, double RoundTripMs, double CpuMs, long Allocated, long Commands, long Bytes);

/// <summary>The real application on a throwaway SQLite file, without demo data or a job server, with a timing middleware in front.</summary>
internal sealed class ForumPagesApp : WebApplicationFactory<web::Program>
{
    public const string AdminEmail = "root@ckm.bench";
    public const string Password = "correct horse battery";
    private const string Tag = "X-Bench-Request";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("ckm-bench-");
    private readonly ServerTimings timings = new();
    private readonly byte[] buffer = new byte[64 * 1024];
    private int sequence;

    public async Task<string> CreateUserAsync(string role, string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Forum organiser" };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        return user.Id;
    }

    public async Task<string> UserIdAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException($"No user {email}.");
    }

    /// <summary>A client signed in through the sign-in page, with its cookie.</summary>
    public async Task<HttpClient> SignedInPagesAsync(string email)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent([new("Email", email), new("Password", Password), new("__RequestVerificationToken", token)]);
        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} refused: {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>A client with a bearer token from the API's sign-in.</summary>
    public async Task<HttpClient> ApiClientAsync(string email)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password = Password });
        login.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>One GET that must answer 200, timed by the server's middleware and around the in-process call.</summary>
    public async Task<Sample> TimeAsync(HttpClient client, string url)
    {
        var tag = $"{Interlocked.Increment(ref sequence)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add(Tag, tag);
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        // Read as a browser would, as it arrives, without keeping it: a copy of each response would load the shared heap.
        await using var body = await response.Content.ReadAsStreamAsync();
        long bytes = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            bytes += read;
        }

        var roundTrip = clock.Elapsed.TotalMilliseconds;
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}.");
        }

        var (server, commands) = await timings.TakeAsync(tag);
        return new Sample(server, roundTrip, cpuMs, allocated, commands, bytes);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // `dotnet run` starts in the repository, where the factory does not look for its manifest of content roots.
        builder.UseSolutionRelativeContentRoot(Path.Combine("src", "CanadaKoreaMatch.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(directory.FullName, "forum.db")}");
        builder.UseSetting("Seed:DemoData", "false");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting("Email:PickupDirectory", Path.Combine(directory.FullName, "outbox"));
        builder.UseSetting("App:BaseUrl", "https://match.ckm.test");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new TimingFilter(timings)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            timings.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (directory.Exists)
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private sealed class TimingFilter(ServerTimings timings) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                var tag = context.Request.Headers[Tag].ToString();
                var commands = timings.Commands;
                var clock = Stopwatch.StartNew();
                await inner(context);
                await context.Response.CompleteAsync();
                if (tag.Length > 0)
                {
                    timings.Record(tag, clock.Elapsed.TotalMilliseconds, timings.Commands - commands);
                }
            });
            next(app);
        };
    }
}

/// <summary>Server times by request tag, and a count of the database commands EF Core runs (its diagnostic events).</summary>
internal sealed class ServerTimings : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(double Ms, long Commands)>> byTag = new();
    private readonly List<IDisposable> subscriptions = [];
    private long commands;

    public ServerTimings() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public long Commands => Interlocked.Read(ref commands);

    public void Record(string tag, double ms, long commandCount) => Slot(tag).TrySetResult((ms, commandCount));

    /// <summary>The request's figures, once the server has recorded them (the client may see the end of the body first).</summary>
    public async Task<(double Ms, long Commands)> TakeAsync(string tag)
    {
        var figures = await Slot(tag).Task.WaitAsync(TimeSpan.FromSeconds(30));
        byTag.TryRemove(tag, out _);
        return figures;
    }

    private TaskCompletionSource<(double Ms, long Commands)> Slot(string tag) =>
        byTag.GetOrAdd(tag, _ => new TaskCompletionSource<(double Ms, long Commands)>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name)
        {
            Interlocked.Increment(ref commands);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
            subscriptions.Clear();
        }
    }
}
