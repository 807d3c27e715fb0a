using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Scheduling.Tests;

public class MinCostFlowTests
{
    [Fact]
    public void The_maximum_profit_b_matching_equals_the_best_subset_of_edges_on_random_graphs()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            var left = random.Next(1, 5);
            var right = random.Next(1, 5);
            var capLeft = Enumerable.Range(0, left).Select(_ => random.Next(0, 3)).ToArray();
            var capRight = Enumerable.Range(0, right).Select(_ => random.Next(0, 3)).ToArray();
            var total = random.Next(1, 6);
            var edges = Enumerable.Range(0, random.Next(1, 11)).Select(_ => (A: random.Next(left), B: random.Next(right), Profit: random.Next(1, 9) * 8 - random.Next(0, 9))).ToArray();

            // Nodes: left 0..L-1, right L..L+R-1, source, collector, sink (as the bound builds it).
            var source = left + right;
            var flow = new MinCostFlow(source + 3);
            for (var a = 0; a < left; a++)
            {
                flow.AddArc(source, a, capLeft[a], 0);
            }
            for (var b = 0; b < right; b++)
            {
                flow.AddArc(left + b, source + 1, capRight[b], 0);
            }
            flow.AddArc(source + 1, source + 2, total, 0);
            var potential = new long[source + 3];
            foreach (var (a, b, profit) in edges)
            {
                flow.AddArc(a, left + b, 1, -profit);
                potential[left + b] = Math.Min(potential[left + b], -profit);
            }
            potential[source + 1] = potential[source + 2] = potential.Min();

            var best = 0L;
            for (var mask = 0; mask < 1 << edges.Length; mask++)
            {
                var chosen = Enumerable.Range(0, edges.Length).Where(i => (mask & (1 << i)) != 0).Select(i => edges[i]).ToList();
                if (chosen.Count <= total
                    && Enumerable.Range(0, left).All(a => chosen.Count(e => e.A == a) <= capLeft[a])
                    && Enumerable.Range(0, right).All(b => chosen.Count(e => e.B == b) <= capRight[b]))
                {
                    best = Math.Max(best, chosen.Sum(e => (long)e.Profit));
                }
            }

            (-flow.Solve(source, source + 2, potential)).ShouldBe(best, $"seed {seed}");
        }
    }
}
