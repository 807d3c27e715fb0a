using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using CanadaKoreaMatch.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CanadaKoreaMatch.ScaleOut.Tests;

/// <summary>
/// Instances of the built app (src/CanadaKoreaMatch.Web/bin/…/CanadaKoreaMatch.Web.dll) as real processes, on one
/// throwaway PostgreSQL database (CKM_TEST_POSTGRES) or one SQLite file, sharing one pickup folder. Driven over HTTP.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string AdminEmail = "root@ckm.test";
    public const string Password = "correct horse battery";

    private readonly string? postgresServer;
    private readonly string? postgresName;
    private readonly Dictionary<string, string> settings;

    private Cluster(string provider, Dictionary<string, string>? overrides)
    {
        WorkDirectory = Directory.CreateTempSubdirectory("ckm-scaleout-").FullName;
        Provider = provider;
        if (provider == "Postgres")
        {
            postgresServer = Environment.GetEnvironmentVariable("CKM_TEST_POSTGRES")
                ?? throw new InvalidOperationException("The scale-out tests need CKM_TEST_POSTGRES (./build.sh test starts a PostgreSQL and sets it).");
            postgresName = "ckm_scaleout_" + Guid.NewGuid().ToString("N")[..12];
            ConnectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresName }.ConnectionString;
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(WorkDirectory, "app.db")}";
        }

        settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = provider,
            ["ConnectionStrings__Default"] = ConnectionString,
            ["App__BaseUrl"] = "https://match.ckm.test",

            // The instances are reached directly over plain HTTP on the loopback address, not through a TLS proxy.
            ["Https__Required"] = "false",
            ["AllowedHosts"] = "127.0.0.1",
            ["Seed__DemoData"] = "false",
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = Password,
            ["Email__PickupDirectory"] = Outbox,
            ["Email__DeliverySeconds"] = "1",
            ["Email__LeaseSeconds"] = "5",
            ["Matching__RefreshSeconds"] = "1",
            ["Jobs__LeaseSeconds"] = "4",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CanadaKoreaMatch"] = "Information",
        };
        foreach (var rule in new[] { "SignIn", "SignUp", "Confirmation", "PasswordReset", "Import" })
        {
            settings[$"RateLimits__{rule}__PerClient"] = "1000000";
            settings[$"RateLimits__{rule}__PerAccount"] = "1000000";
        }

        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public string WorkDirectory { get; }

    public string Outbox => Path.Combine(WorkDirectory, "outbox");

    public List<Instance> Instances { get; } = [];

    /// <summary>The authenticator keys of the accounts that have set one up, as their owners' phones hold them.</summary>
    public Authenticators Authenticators { get; } = new();

    public static async Task<Cluster> StartAsync(int instances, string provider = "Postgres", Dictionary<string, string>? settings = null)
    {
        var cluster = new Cluster(provider, settings);
        // Started together, as a deployment's replicas are: migrations and job storage set-up must cope.
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => cluster.StartInstanceAsync(((char)('A' + i)).ToString())));
        return cluster;
    }

    public async Task<Instance> StartInstanceAsync(string name, Dictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>(settings);
        foreach (var (key, value) in overrides ?? [])
        {
            environment[key] = value;
        }

        var instance = Instance.Start(name, environment, Path.Combine(WorkDirectory, $"{name}-{Instances.Count}.log"), Authenticators);
        lock (Instances)
        {
            Instances.Add(instance);
        }

        await instance.WaitReadyAsync();
        return instance;
    }

    public AppDbContext Db()
    {
        if (Provider == "Postgres")
        {
            return new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options);
        }

        return new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).Options);
    }

    /// <summary>The .eml files in the pickup folder and the Message-Id of each.</summary>
    public IReadOnlyList<(string File, string MessageId)> Delivered() =>
        Directory.Exists(Outbox)
            ? Directory.GetFiles(Outbox, "*.eml").Select(f => (f, MimeKit.MimeMessage.Load(f).MessageId ?? "")).ToList()
            : [];

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await probe();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0} s (last: {value})");
            }

            await Task.Delay(200);
            value = await probe();
        }

        return value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }

        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>One app process on its own loopback port.</summary>
public sealed class Instance : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private readonly Authenticators authenticators;

    private Instance(string name, Process process, Uri url, StreamWriter log, string logFile, Authenticators authenticators)
    {
        Name = name;
        this.authenticators = authenticators;
        this.process = process;
        Url = url;
        this.log = log;
        LogFile = logFile;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = url };
    }

    public string Name { get; }

    public Uri Url { get; }

    public int ProcessId => process.Id;

    public string LogFile { get; }

    public HttpClient Http { get; }

    public bool Exited => process.HasExited;

    public static Instance Start(string name, IReadOnlyDictionary<string, string> environment, string logFile, Authenticators authenticators)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppDirectory, "CanadaKoreaMatch.Web.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var writer = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Instance(name, process, url, writer, logFile, authenticators);
    }

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Instance {Name} exited with {process.ExitCode}:\n{Log()}");
            }

            try
            {
                if ((await Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Instance {Name} not ready within 90 s:\n{Log()}");
    }

    /// <summary>kill -9: the process gets no chance to finish anything.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public string Log()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// A bearer client for the account, signed in through this instance with its authenticator code. The administrator must
    /// sign in with an authenticator app: the first sign-in sets one up through the account API, as its owner would.
    /// </summary>
    public async Task<(HttpClient Client, string AccessToken, string RefreshToken)> SignInAsync(string email, string password = Cluster.Password)
    {
        if (email == Cluster.AdminEmail)
        {
            await authenticators.SetUpAsync(email, async () => (await LoginAsync(email, password, code: null)).AccessToken, this);
        }

        var tokens = await LoginAsync(email, password, authenticators.CodeFor(email));
        return (BearerClient(tokens.AccessToken), tokens.AccessToken, tokens.RefreshToken);
    }

    private async Task<Tokens> LoginAsync(string email, string password, string? code)
    {
        var login = await Http.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative),
            code is null ? new Dictionary<string, string> { ["email"] = email, ["password"] = password }
                : new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["twoFactorCode"] = code });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public HttpClient BearerClient(string token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        Http.Dispose();
        log.Dispose();
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            try
            {
                writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the instance was disposed while it was still writing
            }
        }
    }

    private static string AppDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = directory.Parent!.Name; // …/bin/<Configuration>/net10.0/
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CanadaKoreaMatch.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("CanadaKoreaMatch.sln not found above the test folder."),
                "src", "CanadaKoreaMatch.Web", "bin", configuration, "net10.0");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Tokens(string AccessToken, string RefreshToken);
}

/// <summary>What an authenticator app holds for the cluster's accounts: a key per e-mail address, and the current code.</summary>
public sealed class Authenticators
{
    private readonly Dictionary<string, Task<string>> keys = [];

    public string? CodeFor(string email)
    {
        Task<string>? key;
        lock (keys)
        {
            keys.TryGetValue(email, out key);
        }

        return key is { IsCompletedSuccessfully: true } ? Code(key.Result) : null;
    }

    /// <summary>Once per account: reads the shared key the app offers and turns two-factor sign-in on with a code from it.</summary>
    public Task SetUpAsync(string email, Func<Task<string>> passwordOnlyToken, Instance instance)
    {
        lock (keys)
        {
            if (!keys.TryGetValue(email, out var key) || key.IsFaulted)
            {
                keys[email] = key = TurnOnAsync(passwordOnlyToken, instance);
            }

            return key;
        }
    }

    private static async Task<string> TurnOnAsync(Func<Task<string>> passwordOnlyToken, Instance instance)
    {
        using var offering = instance.BearerClient(await passwordOnlyToken());
        var offered = await offering.PostAsJsonAsync(new Uri("/api/v1/auth/manage/2fa", UriKind.Relative), new Dictionary<string, object>());
        offered.EnsureSuccessStatusCode();
        var key = (await offered.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["sharedKey"]!.GetValue<string>();

        // Creating the key ended the account's other sessions (security stamp), this token's included: sign in again.
        using var client = instance.BearerClient(await passwordOnlyToken());
        var enabled = await client.PostAsJsonAsync(new Uri("/api/v1/auth/manage/2fa", UriKind.Relative), new { enable = true, twoFactorCode = Code(key) });
        enabled.EnsureSuccessStatusCode();
        return key;
    }

    private static string Code(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
}
