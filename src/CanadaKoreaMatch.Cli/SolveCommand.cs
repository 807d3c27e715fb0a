using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Scheduling;
using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Cli;

/// <summary><c>ckm schedule solve FILE [--fairness D] [--time-limit SECONDS] [--seed N] [--out RESULT.json] [--verbose]</c>.</summary>
internal static class SolveCommand
{
    private const string Usage =
        "usage: ckm schedule solve FILE [--fairness D|none] [--time-limit SECONDS] [--seed N] [--previous RESULT.json] [--out RESULT.json] [--verbose]\n"
        + "       ckm schedule generate [--firms N] [--requests N] [--days N] [--slots-per-day N] [--tables N] [--interpreters N] [--pooled-interpreters N] [--seed N] --out FORUM.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length >= 2 && args[0] == "schedule" && args[1] == "generate")
        {
            return GenerateCommand.Run(args[2..], output, error);
        }
        if (args.Length < 3 || args[0] != "schedule" || args[1] != "solve")
        {
            error.WriteLine(Usage);
            return 2;
        }
        Arguments parsed;
        try
        {
            parsed = Arguments.Parse(args[2..]);
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }

        JsonObject result;
        try
        {
            result = parsed.File.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? ForumRunner.Solve(parsed)
                : SolveB2bsp(parsed);
        }
        catch (Exception e) when (e is FormatException or IOException or JsonException or UnauthorizedAccessException)
        {
            error.WriteLine($"cannot solve {parsed.File}: {e.Message}");
            return 1;
        }

        var text = result.ToJsonString(Indented);
        if (parsed.Out is { } path)
        {
            File.WriteAllText(path, text + "\n");
        }
        output.WriteLine(text);
        return 0;
    }

    private static JsonObject SolveB2bsp(Arguments args)
    {
        var instance = DznReader.Load(args.File);
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(args.TimeLimitSeconds));
        var clock = Stopwatch.StartNew();
        var result = B2bspSolver.Solve(instance, new B2bspOptions
        {
            Fairness = args.Fairness,
            Seed = args.Seed,
            Threads = Environment.ProcessorCount,
            Cancellation = budget.Token,
            Progress = args.Verbose ? Console.Error.WriteLine : null,
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var json = new JsonObject
        {
            ["instance"] = result.Instance,
            ["status"] = result.Status.ToString(),
            ["breaks"] = result.Breaks,
            ["lowerBound"] = result.LowerBound,
            ["seconds"] = Math.Round(seconds, 3),
            ["slots"] = new JsonArray(result.Slots.Select(s => (JsonNode)s).ToArray()),
        };
        if (result.Reason is { } reason)
        {
            json["reason"] = reason;
        }
        json["fairness"] = args.Fairness;
        json["iterations"] = result.Iterations;
        return json;
    }
}

internal sealed record Arguments(
    string File, int? Fairness, double TimeLimitSeconds, int Seed, string? Out, string? Previous, bool Verbose = false)
{
    public static Arguments Parse(string[] args)
    {
        string? file = null, output = null, previous = null;
        int? fairness = 2;
        var seconds = 60.0;
        var seed = 1;
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fairness":
                    var d = Value(args, ref i);
                    fairness = d == "none" ? null : ParseInt(d, "--fairness");
                    break;
                case "--time-limit":
                    seconds = double.TryParse(Value(args, ref i), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
                        ? s
                        : throw new ArgumentException("--time-limit needs a positive number of seconds");
                    break;
                case "--seed":
                    seed = ParseInt(Value(args, ref i), "--seed");
                    break;
                case "--out":
                    output = Value(args, ref i);
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--previous":
                    previous = Value(args, ref i);
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
                    {
                        throw new ArgumentException($"unexpected argument {args[i]}");
                    }
                    file = args[i];
                    break;
            }
        }
        return new Arguments(file ?? throw new ArgumentException("missing FILE"), fairness, seconds, seed, output, previous, verbose);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int ParseInt(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new ArgumentException($"{option} needs a non-negative integer");
}
