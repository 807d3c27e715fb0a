using System.Diagnostics;
using CanadaKoreaMatch.Scheduling.Forum;
using static CanadaKoreaMatch.Benchmarks.SchedulingBenchmark;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// Forum mode at the web app's scale: two generated forums (seed 11: 1,000 firms, 5,000 accepted requests with the
/// app's weights, 2 days × 16 slots, 8 interpreters; 120 and 300 tables), each solved the way the app does — a
/// cancellation token cancelled after the budget (30 s) and a progress callback, from which the time to reach 99 % of
/// the upper bound is read; then the same two forums with 8 named interpreters with language pairs instead of
/// 8 generic ones (what the app feeds). With <c>--lp</c>, cbc's LP relaxation is printed as a reference (benchmark
/// only; generic interpreters only).
/// </summary>
internal static class SchedulingForumScaleBenchmark
{
    public static bool Run(SchedulingBenchOptions options)
    {
        var limit = options.TimeLimitSeconds ?? 30;
        var ok = Table(options, limit, pooled: false);
        ok &= Table(options, limit, pooled: true);
        return ok;
    }

    private static bool Table(SchedulingBenchOptions options, double limit, bool pooled)
    {
        Console.WriteLine(pooled
            ? $"\n### Forum mode at scale, 8 named interpreters with language pairs (generated, seed 11; budget {limit} s)\n"
            : $"\n### Forum mode at scale (generated, seed 11; budget {limit} s)\n");
        Console.WriteLine("| tables | requests | scheduled meetings | scheduled weight | upper bound | ratio | seconds to 99 % | breaks | interpreted meetings |"
            + (options.Lp ? " LP bound (cbc) |" : ""));
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|" + (options.Lp ? "---|" : ""));
        var ok = true;
        foreach (var tables in options.Only is { } only ? [int.Parse(only, System.Globalization.CultureInfo.InvariantCulture)] : new[] { 120, 300 })
        {
            var size = new ForumSize(Firms: 1000, Requests: 5000, Days: 2, SlotsPerDay: 16, Tables: tables, Interpreters: pooled ? 0 : 8, PooledInterpreters: pooled ? 8 : 0);
            var forum = ForumGenerator.Generate(size, seed: 11);
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(limit));
            var clock = Stopwatch.StartNew();
            double? reached = null;
            var log = new List<string>();
            var result = ForumSolver.Solve(forum, new ForumOptions
            {
                Cancellation = budget.Token,
                Progress = p =>
                {
                    if (reached is null && p.ScheduledWeight * 100 >= p.UpperBound * 99L)
                    {
                        reached = clock.Elapsed.TotalSeconds;
                    }
                    if (options.Verbose)
                    {
                        Console.Error.WriteLine(Invariant($"  {tables} tables, {clock.Elapsed.TotalSeconds,6:F2} s: {p.Phase} pass {p.Pass}, weight {p.ScheduledWeight} of bound {p.UpperBound} ({(double)p.ScheduledWeight / p.UpperBound:P2})"));
                    }
                },
            });
            var ratio = (double)result.ScheduledWeight / result.WeightUpperBound;
            var valid = ForumValidation.Violations(forum, result) is var errors && errors.Count == 0;
            if (!valid)
            {
                Console.Error.WriteLine($"CHECK FAILED ({tables} tables): {string.Join("; ", errors.Take(5))}");
            }
            ok &= valid && ratio >= 0.99;
            var lp = options.Lp ? SchedulingForumBenchmark.LpBound(forum) : null;
            Console.WriteLine(Invariant($"| {tables} | {forum.Requests.Count} | {result.Meetings.Count} | {result.ScheduledWeight} | {result.WeightUpperBound} | {ratio:P2}{(valid ? "" : " (CHECK FAILED)")} | {(reached is { } r ? $"{r:F1}" : "not reached")} | {result.Breaks} | {result.Meetings.Count(m => m.Interpreter is not null)} |")
                + (options.Lp ? Invariant($" {lp:F1} |") : ""));
        }
        return ok;
    }
}
