using System.Diagnostics;
using System.Globalization;
using CanadaKoreaMatch.Scheduling;
using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// <c>./build.sh bench scheduling [b2bsp|variants|forum|forum-scale|all] [--fairness 2,0,1,3] [--time-limit S] [--only NAME] [--dir DIR] [--lp] [--verbose]</c>.
/// Prints markdown tables (the ones in docs/scheduling.md).
/// </summary>
internal static class SchedulingBenchmark
{
    public static int Run(string[] args)
    {
        var options = SchedulingBenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: ./build.sh bench scheduling [b2bsp|variants|forum|forum-scale|all] [--fairness 2,0,1,3] [--time-limit S] [--only NAME] [--dir DIR] [--lp] [--verbose]");
            return 2;
        }
        var ok = true;
        if (options.Suite is "b2bsp" or "all")
        {
            foreach (var d in options.Fairness)
            {
                ok &= PublishedInstances(options, d);
            }
        }
        if (options.Suite is "variants" or "all")
        {
            ok &= SchedulingVariants.Run(options);
        }
        if (options.Suite is "forum" or "all")
        {
            ok &= SchedulingForumBenchmark.Run(options);
        }
        if (options.Suite is "forum-scale" or "all")
        {
            ok &= SchedulingForumScaleBenchmark.Run(options);
        }
        return ok ? 0 : 1;
    }

    private static bool PublishedInstances(SchedulingBenchOptions options, int fairness)
    {
        var limit = options.TimeLimitSeconds ?? (fairness == 2 ? 60 : 20);
        Console.WriteLine($"\n### Published instances, fairness d = {fairness}, time limit {limit} s\n");
        Console.WriteLine(fairness == 2
            ? "| instance | optimum | ours | lower bound | status | seconds | ours ÷ paper |\n|---|---|---|---|---|---|---|"
            : "| instance | ours | lower bound | status | seconds |\n|---|---|---|---|---|");
        var ok = true;
        int reached = 0, proved = 0, total = 0;
        foreach (var (name, optimum, paperSeconds) in SchedulingPublished.Instances.Where(i => options.Only is null || i.Name == options.Only))
        {
            var instance = DznReader.Load(Path.Combine(options.Directory, name + ".original.dzn"));
            var (result, seconds) = SolveTimed(instance, fairness, limit);
            var valid = result.Breaks is null || SchedulingValidation.Check(instance, result.Slots, fairness, result.Breaks.Value);
            ok &= valid;
            total++;
            if (result.Status == SolveStatus.Optimal)
            {
                proved++;
            }
            var value = result.Breaks?.ToString(CultureInfo.InvariantCulture) ?? "–";
            var mark = valid ? "" : " (CHECK FAILED)";
            if (fairness == 2)
            {
                if (result.Breaks == optimum)
                {
                    reached++;
                }
                Console.WriteLine(Invariant($"| {name} | {optimum} | {value}{mark} | {result.LowerBound} | {result.Status} | {seconds:F2} | {seconds / paperSeconds:F2} |"));
            }
            else
            {
                Console.WriteLine(Invariant($"| {name} | {value}{mark} | {result.LowerBound} | {result.Status}{Reason(result)} | {seconds:F2} |"));
            }
        }
        Console.WriteLine(fairness == 2
            ? $"\nPublished optimum reached on {reached} of {total}; optimality proved on {proved}."
            : $"\nOptimality proved on {proved} of {total}.");
        return ok;
    }

    private static string Reason(B2bspResult result) =>
        result.Status == SolveStatus.Infeasible ? $" ({result.Reason})" : "";

    public static (B2bspResult Result, double Seconds) SolveTimed(B2bspInstance instance, int fairness, double limit)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(limit));
        var clock = Stopwatch.StartNew();
        var result = B2bspSolver.Solve(instance, new B2bspOptions { Fairness = fairness, Threads = Environment.ProcessorCount, Cancellation = budget.Token });
        return (result, clock.Elapsed.TotalSeconds);
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed record SchedulingBenchOptions(string Suite, int[] Fairness, double? TimeLimitSeconds, string? Only, string Directory, bool Lp, bool Verbose = false)
{
    public static SchedulingBenchOptions? Parse(string[] args)
    {
        var suite = "all";
        int[] fairness = [2, 0, 1, 3];
        double? limit = null;
        string? only = null;
        var directory = DefaultDirectory();
        var lp = false;
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "b2bsp" or "variants" or "forum" or "forum-scale" or "all":
                    suite = args[i];
                    break;
                case "--fairness" when i + 1 < args.Length:
                    fairness = args[++i].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--time-limit" when i + 1 < args.Length:
                    limit = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i];
                    break;
                case "--dir" when i + 1 < args.Length:
                    directory = args[++i];
                    break;
                case "--lp":
                    lp = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                default:
                    return null;
            }
        }
        return new SchedulingBenchOptions(suite, fairness, limit, only, directory, lp, verbose);
    }

    /// <summary>../shared/bench/b2bsp beside the repository.</summary>
    private static string DefaultDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CanadaKoreaMatch.sln")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "bench", "b2bsp");
            }
        }

        return Path.Combine("..", "shared", "bench", "b2bsp");
    }
}

/// <summary>The optimum and MaxSAT time of each instance as published (JAIR 74, Table 3; bench README).</summary>
internal static class SchedulingPublished
{
    public static IReadOnlyList<(string Name, int Optimum, double PaperSeconds)> Instances { get; } =
    [
        ("forum-13", 0, 2.5), ("forum-13crafb", 6, 23.3), ("forum-13crafc", 1, 2.3), ("forum-14", 2, 5.1),
        ("forumt-14", 5, 0.5), ("forumt-14crafc", 5, 0.9), ("forumt-14crafd", 4, 0.4), ("forumt-14crafe", 5, 0.6),
        ("tic-12", 0, 0.1), ("tic-12crafc", 0, 0.3), ("tic-13", 0, 0.4), ("tic-13crafb", 0, 0.4),
        ("tic-13crafc", 4, 5.8), ("tic-14crafa", 0, 1.0), ("tic-14crafc", 0, 0.8), ("tic-14crafd", 0, 0.8),
        ("ticf-13crafa", 0, 2.2), ("ticf-13crafb", 3, 22.3), ("ticf-13crafc", 1, 3.7), ("ticf-14crafa", 0, 7.6),
    ];
}

/// <summary>Recomputes constraints and breaks from the output slots, so a reported figure is never taken on trust.</summary>
internal static class SchedulingValidation
{
    public static bool Check(B2bspInstance instance, IReadOnlyList<int> slots, int? fairness, int reportedBreaks)
    {
        var occupied = new HashSet<(int, int)>();
        var perSlot = new int[instance.SlotCount + 1];
        for (var m = 0; m < slots.Count; m++)
        {
            var meeting = instance.Meetings[m];
            var s = slots[m];
            var morning = s <= instance.MorningSlots;
            if ((meeting.Session == Session.Morning && !morning) || (meeting.Session == Session.Afternoon && morning)
                || (meeting.FixedSlot != 0 && meeting.FixedSlot != s)
                || meeting.Predecessors.Any(p => slots[p - 1] >= s)
                || instance.Forbidden[meeting.First - 1].Contains(s) || instance.Forbidden[meeting.Second - 1].Contains(s)
                || !occupied.Add((meeting.First, s)) || !occupied.Add((meeting.Second, s))
                || ++perSlot[s] > instance.Tables)
            {
                return false;
            }
        }
        var breaks = Enumerable.Range(1, instance.ParticipantCount).Select(p =>
        {
            var mine = occupied.Where(x => x.Item1 == p).Select(x => x.Item2).Order().ToList();
            return mine.Zip(mine.Skip(1)).Count(pair => pair.Second > pair.First + 1);
        }).ToList();
        return breaks.Sum() == reportedBreaks && (fairness is not { } d || breaks.Max() - breaks.Min() <= d);
    }
}
