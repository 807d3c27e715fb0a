namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// Maximum-profit flow on a small network with integer costs (negative = profit), by the primal–dual method: each
/// phase finds shortest distances with Dijkstra on reduced costs, then pushes a blocking flow (Dinic) along every
/// shortest path at once. Phases stop when the cheapest path no longer has a negative cost, so the flow maximises
/// profit (not amount). With profits bounded by P there are at most P + 1 distinct path costs, hence few phases.
/// </summary>
internal sealed class MinCostFlow
{
    private readonly List<int>[] arcsOf;
    private readonly List<int> to = [];
    private readonly List<long> capacity = [];
    private readonly List<long> cost = [];
    private int[][] adjacency = [];
    private int[] head = [];
    private long[] residual = [];
    private long[] arcCost = [];
    private long[] potential = [];
    private long[] distance = [];
    private int[] level = [];
    private int[] current = [];

    public MinCostFlow(int nodes)
    {
        NodeCount = nodes;
        arcsOf = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
    }

    public int NodeCount { get; }

    /// <summary>Adds an arc and returns its index (its reverse is index + 1).</summary>
    public int AddArc(int from, int target, long arcCapacity, long arcCostValue)
    {
        var index = to.Count;
        to.Add(target);
        capacity.Add(arcCapacity);
        cost.Add(arcCostValue);
        arcsOf[from].Add(index);
        to.Add(from);
        capacity.Add(0);
        cost.Add(-arcCostValue);
        arcsOf[target].Add(index + 1);
        return index;
    }

    /// <summary>Changes the cost of arc <paramref name="arc"/> (before <see cref="Solve"/>).</summary>
    public void SetCost(int arc, long value)
    {
        cost[arc] = value;
        cost[arc + 1] = -value;
    }

    /// <summary>Flow on arc <paramref name="arc"/> after <see cref="Solve"/>.</summary>
    public long Flow(int arc) => residual[arc + 1];

    /// <summary>
    /// Sends flow from <paramref name="source"/> to <paramref name="sink"/> while a path of negative cost remains and
    /// returns the total cost (≤ 0). <paramref name="initialPotential"/> must make every arc's reduced cost non-negative.
    /// </summary>
    public long Solve(int source, int sink, long[] initialPotential, CancellationToken cancellation = default)
    {
        Prepare();
        Array.Copy(initialPotential, potential, NodeCount);
        long total = 0;
        var queue = new PriorityQueue<int, long>();
        while (!cancellation.IsCancellationRequested)
        {
            Array.Fill(distance, long.MaxValue);
            distance[source] = 0;
            queue.Enqueue(source, 0);
            while (queue.TryDequeue(out var u, out var du))
            {
                if (du > distance[u])
                {
                    continue;
                }
                foreach (var a in adjacency[u])
                {
                    if (residual[a] <= 0)
                    {
                        continue;
                    }
                    var v = head[a];
                    var dv = du + arcCost[a] + potential[u] - potential[v];
                    if (dv < distance[v])
                    {
                        distance[v] = dv;
                        queue.Enqueue(v, dv);
                    }
                }
            }
            if (distance[sink] == long.MaxValue || distance[sink] + potential[sink] - potential[source] >= 0)
            {
                break;
            }
            var pathCost = distance[sink] + potential[sink] - potential[source];
            var cap = distance[sink];
            for (var v = 0; v < NodeCount; v++)
            {
                potential[v] += Math.Min(distance[v], cap);
            }
            var pushed = BlockingFlows(source, sink);
            total += pushed * pathCost;
        }
        return total;
    }

    private void Prepare()
    {
        if (adjacency.Length != NodeCount)
        {
            adjacency = arcsOf.Select(l => l.ToArray()).ToArray();
            head = [.. to];
            potential = new long[NodeCount];
            distance = new long[NodeCount];
            level = new int[NodeCount];
            current = new int[NodeCount];
        }
        residual = [.. capacity];
        arcCost = [.. cost];
    }

    private bool Admissible(int u, int a) => residual[a] > 0 && arcCost[a] + potential[u] - potential[head[a]] == 0;

    private long BlockingFlows(int source, int sink)
    {
        long pushed = 0;
        var bfs = new Queue<int>();
        while (true)
        {
            Array.Fill(level, -1);
            level[source] = 0;
            bfs.Enqueue(source);
            while (bfs.TryDequeue(out var u))
            {
                foreach (var a in adjacency[u])
                {
                    if (level[head[a]] < 0 && Admissible(u, a))
                    {
                        level[head[a]] = level[u] + 1;
                        bfs.Enqueue(head[a]);
                    }
                }
            }
            if (level[sink] < 0)
            {
                return pushed;
            }
            Array.Fill(current, 0);
            long f;
            while ((f = Push(source, sink, long.MaxValue)) > 0)
            {
                pushed += f;
            }
        }
    }

    private long Push(int u, int sink, long limit)
    {
        if (u == sink)
        {
            return limit;
        }
        var arcs = adjacency[u];
        for (; current[u] < arcs.Length; current[u]++)
        {
            var a = arcs[current[u]];
            var v = head[a];
            if (level[v] != level[u] + 1 || !Admissible(u, a))
            {
                continue;
            }
            var f = Push(v, sink, Math.Min(limit, residual[a]));
            if (f > 0)
            {
                residual[a] -= f;
                residual[a ^ 1] += f;
                return f;
            }
        }
        return 0;
    }
}
