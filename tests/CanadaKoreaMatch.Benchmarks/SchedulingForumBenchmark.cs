using System.Diagnostics;
using System.Globalization;
using System.Text;
using CanadaKoreaMatch.Scheduling.Forum;
using static CanadaKoreaMatch.Benchmarks.SchedulingBenchmark;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// Forum mode at CANSEC scale: 1,200 firms, 6,000 weighted requests, 2 days × 16 slots, 150 tables, 10 interpreters;
/// then an incremental re-solve after a table is removed, requests are cancelled and a firm loses a day.
/// With <c>--lp</c>, the LP relaxation is solved by Debian's cbc as a reference bound (benchmark only).
/// </summary>
internal static class SchedulingForumBenchmark
{
    public static bool Run(SchedulingBenchOptions options)
    {
        var limit = options.TimeLimitSeconds ?? 30;
        var forum = ForumGenerator.Generate(new ForumSize(), seed: 1);
        Console.WriteLine($"\n### Forum mode, CANSEC scale (generated, seed 1; time limit {limit} s)\n");
        var (result, seconds) = Solve(forum, limit, null);
        Console.WriteLine("| figure | value |\n|---|---|");
        Row("firms / requests", $"{forum.Participants.Count} / {forum.Requests.Count}");
        Row("scheduled meetings", $"{result.Meetings.Count}");
        Row("scheduled weight", $"{result.ScheduledWeight} of {result.RequestedWeight} requested");
        Row("upper bound (ours)", $"{result.WeightUpperBound}");
        Row("scheduled ÷ upper bound", $"{(double)result.ScheduledWeight / result.WeightUpperBound:P2}");
        Row("breaks", $"{result.Breaks}");
        Row("max meetings in a slot", $"{result.MaxSlotLoad} (150 tables)");
        Row("interpreted meetings", $"{result.Meetings.Count(m => m.Interpreter is not null)}");
        Row("seconds", $"{seconds:F2}");
        foreach (var kind in Enum.GetValues<BlockerKind>())
        {
            Row($"unscheduled blocked (partly) by {kind}", $"{result.Unscheduled.Count(u => u.Blockers.Any(b => b.Kind == kind))}");
        }
        Row("unscheduled where every competing meeting weighs as much or more", $"{result.Unscheduled.Count(u => u.LowerPriority)} of {result.Unscheduled.Count}");
        if (options.Lp && LpBound(forum) is { } lp)
        {
            Row("LP relaxation bound (cbc, reference)", $"{lp:F1}; scheduled ÷ LP = {result.ScheduledWeight / lp:P2}");
        }

        var removed = forum.Tables[^1].Id;
        var cancelled = result.Meetings.Take(20).Select(m => m.Request).ToHashSet();
        var firm = forum.Participants[0];
        var changed = forum with
        {
            Tables = forum.Tables.Where(t => t.Id != removed).ToList(),
            Requests = forum.Requests.Where(r => !cancelled.Contains(r.Id)).ToList(),
            Participants = [firm with { Unavailable = [new SlotRange(2, 1, 16)] }, .. forum.Participants.Skip(1)],
        };
        var (again, resolveSeconds) = Solve(changed, limit, result.Meetings);
        var affected = result.Meetings.Count(m => m.Table == removed && !cancelled.Contains(m.Request))
            + result.Meetings.Count(m => m.Day == 2 && !cancelled.Contains(m.Request) && forum.Requests.First(r => r.Id == m.Request) is var r && (r.First == firm.Id || r.Second == firm.Id));
        Console.WriteLine($"\nIncremental re-solve (table {removed} removed, 20 meetings cancelled, {firm.Id} away on day 2):\n");
        Console.WriteLine("| figure | value |\n|---|---|");
        Row("meetings directly affected", $"{affected}");
        Row("meetings moved", $"{again.Moved}");
        Row("scheduled weight", $"{again.ScheduledWeight} (bound {again.WeightUpperBound})");
        Row("seconds", $"{resolveSeconds:F2}");
        return true;
    }

    private static (ForumResult Result, double Seconds) Solve(ForumInstance forum, double limit, IReadOnlyList<ScheduledMeeting>? previous)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(limit));
        var clock = Stopwatch.StartNew();
        var result = ForumSolver.Solve(forum, new ForumOptions { Cancellation = budget.Token, Previous = previous });
        return (result, clock.Elapsed.TotalSeconds);
    }

    private static void Row(string figure, FormattableString value) => Console.WriteLine($"| {figure} | {Invariant(value)} |");

    private static void Row(string figure, string value) => Console.WriteLine($"| {figure} | {value} |");

    /// <summary>Writes the LP relaxation (x[r,s] ∈ [0,1]) and solves it with cbc; null when cbc is absent or fails.</summary>
    public static double? LpBound(ForumInstance forum)
    {
        if (forum.InterpreterPool.Count > 0)
        {
            Console.Error.WriteLine("the LP reference models generic interpreters only; skipped for a forum with an interpreter pool");
            return null;
        }
        if (!File.Exists("/usr/bin/cbc"))
        {
            Console.Error.WriteLine("cbc not installed (apt-get install coinor-cbc); LP reference skipped");
            return null;
        }
        var slots = forum.Days.SelectMany((d, i) => d.Sessions.SelectMany(s => Enumerable.Range(s.From, s.To - s.From + 1).Select(x => (Day: i + 1, Slot: x)))).ToList();
        var byId = forum.Participants.ToDictionary(p => p.Id);
        bool Free(ForumParticipant p, (int Day, int Slot) s) =>
            !(p.Unavailable ?? []).Any(u => u.Day == s.Day && u.From <= s.Slot && s.Slot <= u.To)
            && !(p.Busy ?? []).Any(b => b.Day == s.Day && b.From - forum.BufferSlots <= s.Slot && s.Slot <= b.To + forum.BufferSlots);
        var vars = new List<(int Request, int Slot, string Name)>();
        for (var r = 0; r < forum.Requests.Count; r++)
        {
            var q = forum.Requests[r];
            for (var k = 0; k < slots.Count; k++)
            {
                if (Free(byId[q.First], slots[k]) && Free(byId[q.Second], slots[k]))
                {
                    vars.Add((r, k, $"x{r}_{k}"));
                }
            }
        }
        var lp = new StringBuilder("Maximize\n obj:");
        foreach (var v in vars)
        {
            lp.Append(CultureInfo.InvariantCulture, $" + {forum.Requests[v.Request].Weight} {v.Name}");
        }
        lp.Append("\nSubject To\n");
        var c = 0;
        void Constraint(IEnumerable<string> names, int rhs)
        {
            var list = names.ToList();
            if (list.Count > 0)
            {
                lp.Append(CultureInfo.InvariantCulture, $" c{c++}: {string.Join(" + ", list)} <= {rhs}\n");
            }
        }
        foreach (var group in vars.GroupBy(v => v.Request))
        {
            Constraint(group.Select(v => v.Name), 1);
        }
        foreach (var group in vars.SelectMany(v => new[] { (forum.Requests[v.Request].First, v), (forum.Requests[v.Request].Second, v) }).GroupBy(x => (x.Item1, x.v.Slot)))
        {
            Constraint(group.Select(x => x.v.Name), 1);
        }
        foreach (var group in vars.GroupBy(v => v.Slot))
        {
            Constraint(group.Select(v => v.Name), forum.Tables.Count);
            Constraint(group.Where(v => !byId[forum.Requests[v.Request].First].Languages.Intersect(byId[forum.Requests[v.Request].Second].Languages).Any()).Select(v => v.Name), forum.Interpreters);
        }
        lp.Append("Bounds\n");
        foreach (var v in vars)
        {
            lp.Append(CultureInfo.InvariantCulture, $" 0 <= {v.Name} <= 1\n");
        }
        lp.Append("End\n");
        var dir = Directory.CreateTempSubdirectory("ckm-lp");
        var lpPath = Path.Combine(dir.FullName, "forum.lp");
        File.WriteAllText(lpPath, lp.ToString());
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/cbc", [lpPath, "initialSolve", "quit"])
        {
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.Contains("Objective value:", StringComparison.Ordinal) || l.StartsWith("Optimal - objective value", StringComparison.Ordinal));
        return line is null ? null : Math.Abs(double.Parse(line.Split(':', ' ').Last(x => x.Length > 0), CultureInfo.InvariantCulture));
    }
}
