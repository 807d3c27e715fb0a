using CanadaKoreaMatch.Scheduling;
using CanadaKoreaMatch.Scheduling.B2bsp;
using static CanadaKoreaMatch.Benchmarks.SchedulingBenchmark;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>
/// Variants in the families the paper studies: more forbidden slots, fixed meetings, precedences; the fixed and
/// precedence ones are built from a found schedule (so they are feasible), and three are built to be infeasible.
/// </summary>
internal static class SchedulingVariants
{
    private static readonly string[] Bases = ["tic-12", "tic-13", "forum-13", "forumt-14", "ticf-13crafa"];

    public static bool Run(SchedulingBenchOptions options)
    {
        var limit = options.TimeLimitSeconds ?? 20;
        Console.WriteLine($"\n### Variants (fairness d = 2, time limit {limit} s)\n");
        Console.WriteLine("| variant | expected | status | ours | lower bound | seconds | reason |\n|---|---|---|---|---|---|---|");
        var ok = true;
        foreach (var name in Bases.Where(b => options.Only is null || b == options.Only))
        {
            var instance = DznReader.Load(Path.Combine(options.Directory, name + ".original.dzn"));
            var (baseResult, _) = SolveTimed(instance, 2, limit);
            var random = new Random(name.Length * 7919);
            var variants = new List<(string Label, bool Feasible, B2bspInstance Instance)>
            {
                ("+forbidden", true, MoreForbidden(instance, random, baseResult.Slots)),
                ("+fixed", true, FixSome(instance, random, baseResult.Slots)),
                ("+precedences", true, AddPrecedences(instance, random, baseResult.Slots)),
                ("infeasible: chain", false, Chain(instance)),
                ("infeasible: fixed", false, CrowdSlot(instance)),
                ("infeasible: forbidden", false, Overload(instance)),
            };
            foreach (var (label, feasible, variant) in variants)
            {
                var (result, seconds) = SolveTimed(variant, 2, limit);
                var valid = result.Breaks is null || SchedulingValidation.Check(variant, result.Slots, 2, result.Breaks.Value);
                var right = feasible ? result.Status != SolveStatus.Infeasible : result.Status == SolveStatus.Infeasible;
                ok &= valid && right;
                Console.WriteLine(Invariant($"| {name} {label} | {(feasible ? "feasible" : "infeasible")} | {result.Status}{(valid && right ? "" : " (WRONG)")} | {result.Breaks?.ToString() ?? "–"} | {result.LowerBound} | {seconds:F2} | {result.Reason ?? ""} |"));
            }
        }
        return ok;
    }

    // Extra forbidden slots only where the base schedule leaves the participant free, so the variant stays feasible.
    private static B2bspInstance MoreForbidden(B2bspInstance instance, Random random, IReadOnlyList<int> slots)
    {
        var forbidden = instance.Forbidden.Select((f, i) =>
        {
            var p = i + 1;
            var used = Enumerable.Range(0, slots.Count)
                .Where(m => instance.Meetings[m].First == p || instance.Meetings[m].Second == p).Select(m => slots[m]).ToHashSet();
            var extra = Enumerable.Range(1, instance.SlotCount).Where(s => !used.Contains(s) && random.NextDouble() < 0.25);
            return (IReadOnlyCollection<int>)f.Union(extra).Order().ToArray();
        }).ToList();
        return instance with { Name = instance.Name + "+forbidden", Forbidden = forbidden };
    }

    private static B2bspInstance FixSome(B2bspInstance instance, Random random, IReadOnlyList<int> slots) =>
        instance with
        {
            Name = instance.Name + "+fixed",
            Meetings = instance.Meetings.Select((m, i) => random.NextDouble() < 0.15 ? m with { FixedSlot = slots[i] } : m).ToList(),
        };

    private static B2bspInstance AddPrecedences(B2bspInstance instance, Random random, IReadOnlyList<int> slots)
    {
        var predecessors = instance.Meetings.Select(_ => new List<int>()).ToArray();
        for (var p = 1; p <= instance.ParticipantCount; p++)
        {
            if (random.NextDouble() < 0.3)
            {
                var mine = Enumerable.Range(0, slots.Count)
                    .Where(m => instance.Meetings[m].First == p || instance.Meetings[m].Second == p).OrderBy(m => slots[m]).ToList();
                for (var k = 1; k < mine.Count; k++)
                {
                    predecessors[mine[k]].Add(mine[k - 1] + 1);
                }
            }
        }
        return instance with
        {
            Name = instance.Name + "+precedences",
            Meetings = instance.Meetings.Select((m, i) => m with { Predecessors = [.. m.Predecessors, .. predecessors[i]] }).ToList(),
        };
    }

    private static B2bspInstance Chain(B2bspInstance instance)
    {
        var length = Math.Min(instance.Meetings.Count, instance.SlotCount + 1);
        return instance with
        {
            Name = instance.Name + "+chain",
            Meetings = instance.Meetings.Select((m, i) => i > 0 && i < length ? m with { Predecessors = [i] } : m).ToList(),
        };
    }

    // Fixes to slot 1 pairwise disjoint meetings, one more than the tables; where the instance has fewer such
    // meetings than that, the tables are cut to one fewer than the meetings fixed.
    private static B2bspInstance CrowdSlot(B2bspInstance instance)
    {
        var busy = new HashSet<int>();
        var chosen = new HashSet<int>();
        for (var i = 0; i < instance.Meetings.Count && chosen.Count <= instance.Tables; i++)
        {
            var m = instance.Meetings[i];
            if (m.Session != Session.Afternoon && !busy.Contains(m.First) && !busy.Contains(m.Second))
            {
                busy.Add(m.First);
                busy.Add(m.Second);
                chosen.Add(i);
            }
        }
        return instance with
        {
            Name = instance.Name + "+crowded",
            Tables = Math.Min(instance.Tables, chosen.Count - 1),
            Meetings = instance.Meetings.Select((m, i) => chosen.Contains(i) ? m with { FixedSlot = 1 } : m).ToList(),
            Forbidden = instance.Forbidden.Select(f => (IReadOnlyCollection<int>)f.Where(s => s != 1).ToArray()).ToList(),
        };
    }

    private static B2bspInstance Overload(B2bspInstance instance)
    {
        var busiest = Enumerable.Range(1, instance.ParticipantCount)
            .MaxBy(p => instance.Meetings.Count(m => m.First == p || m.Second == p));
        var count = instance.Meetings.Count(m => m.First == busiest || m.Second == busiest);
        var forbidden = instance.Forbidden.ToList();
        forbidden[busiest - 1] = Enumerable.Range(count, instance.SlotCount - count + 1).ToArray();
        return instance with { Name = instance.Name + "+overload", Forbidden = forbidden };
    }
}
