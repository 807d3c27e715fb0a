using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// The b-matching bound: a relaxation that forgets which slot each meeting takes but keeps how many meetings each
/// participant, the tables and the interpreters can hold.
/// <list type="bullet">
/// <item>Each request r with a possible slot is taken to an extent y_r ∈ [0, 1];</item>
/// <item>participant p takes part in at most c_p of them, c_p being the most of its requests that can be given
/// distinct slots of their domains (a bipartite matching of its requests to its slots);</item>
/// <item>all of them together at most the table–slots Σ_s tables(s);</item>
/// <item>for every union T of interpreter classes, those only T can serve at most Σ_s min(tables(s), interpreters of T).</item>
/// </list>
/// Every schedule satisfies these, so the LP optimum is an upper bound. Without the interpreter rows the LP is a flow
/// (source → participant → request → participant → sink, the table–slots as the sink's capacity): exactly so when the
/// requests form a bipartite graph (e.g. Canadian–Korean), else on the bipartite double cover (each participant on
/// both sides, each request as two arcs, everything doubled, the value halved: the same LP). The interpreter rows are
/// dualised with multipliers ν_T ≥ 0 (a request's profit drops by the sum of the ν_T of rows it is in, and Σ ν_T·limit_T
/// is added back); any ν gives a valid bound (weak duality) and only the best value found is reported: ν is searched by
/// coordinate bisection (<see cref="Start"/>), then by projected subgradient steps (<see cref="Refine"/>). The flow
/// is solved exactly in integers (profits scaled by <see cref="Scale"/>), so the bound is the floor of a proved value;
/// a flow cut short by the cancellation is discarded.
/// </summary>
internal sealed class ForumFlowBound
{
    /// <summary>Multipliers are multiples of 1/Scale of a weight unit.</summary>
    public const int Scale = 8;

    private readonly ForumModel model;
    private readonly int[] possible;
    private readonly int factor;
    private readonly MinCostFlow flow;
    private readonly int[] arcOf;
    private readonly int[] secondArcOf;
    private readonly int[] headOf;
    private readonly int source;
    private readonly int sink;
    private readonly long[] limit;
    private readonly int[] constraints;
    private readonly long[] potential0;

    public ForumFlowBound(ForumModel model)
    {
        this.model = model;
        possible = Enumerable.Range(0, model.RequestCount).Where(r => model.Domain[r] != 0).ToArray();
        var participants = model.Instance.Participants.Count;
        var side = TwoSides(participants);
        factor = side is null ? 2 : 1;
        var capacity = Enumerable.Range(0, participants).Select(Capacity).ToArray();

        // Nodes: 0..P-1 left copies, P..2P-1 right copies, then source, sink (before the table–slot cap), final sink.
        source = 2 * participants;
        var collector = source + 1;
        sink = source + 2;
        flow = new MinCostFlow(sink + 1);
        for (var p = 0; p < participants; p++)
        {
            if (side is null || side[p] == 0)
            {
                flow.AddArc(source, p, capacity[p], 0);
            }
            if (side is null || side[p] == 1)
            {
                flow.AddArc(participants + p, collector, capacity[p], 0);
            }
        }
        flow.AddArc(collector, sink, factor * (long)model.TablesPerSlot.Sum(), 0);
        arcOf = new int[model.RequestCount];
        secondArcOf = new int[model.RequestCount];
        Array.Fill(arcOf, -1);
        Array.Fill(secondArcOf, -1);
        headOf = new int[model.RequestCount];
        foreach (var r in possible)
        {
            var (a, b) = (model.First[r], model.Second[r]);
            if (side is not null && side[a] == 1)
            {
                (a, b) = (b, a);
            }
            arcOf[r] = flow.AddArc(a, participants + b, 1, 0);
            headOf[r] = participants + b;
            if (side is null)
            {
                secondArcOf[r] = flow.AddArc(b, participants + a, 1, 0);
            }
        }
        var interpreting = model.Interpreting;
        limit = interpreting.ConstraintCapacity.Select(cap => factor * model.TablesPerSlot.Sum(t => (long)Math.Min(t, cap))).ToArray();
        constraints = Enumerable.Range(0, interpreting.ConstraintCount).ToArray();
        potential0 = new long[flow.NodeCount];
        Multipliers = new long[interpreting.ConstraintCount];
    }

    /// <summary>Current multipliers of the interpreter rows (in 1/<see cref="Scale"/> weight units).</summary>
    public long[] Multipliers { get; }

    /// <summary>The best bound proved so far (long.MaxValue before <see cref="Start"/>).</summary>
    public long Best => bestScaled == long.MaxValue ? long.MaxValue : bestScaled / ((long)Scale * factor);

    /// <summary>True when further <see cref="Refine"/> calls cannot be expected to lower the bound.</summary>
    public bool Converged { get; private set; }

    /// <summary>Flow evaluations so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>
    /// The bound with all multipliers at 0, then coordinate searches: for each violated interpreter row in turn, a
    /// bisection on its multiplier driven by the slope (the row's limit minus the requests taken in it), which finds
    /// that coordinate's minimum; rounds repeat while they gain. With one row (generic interpreters only) this is the
    /// exact minimum up to the 1/Scale grid. Returns <see cref="Best"/>.
    /// </summary>
    public long Start(CancellationToken cancellation)
    {
        var (value, counts) = Evaluate(cancellation);
        if (cancellation.IsCancellationRequested)
        {
            Converged = true;
            return Best;
        }
        Keep(value, counts);
        var top = (long)Scale * model.Weight.DefaultIfEmpty(0).Max() + 1;
        var rows = new HashSet<int>();
        for (var round = 0; round < StartRounds && !cancellation.IsCancellationRequested; round++)
        {
            var before = bestScaled;
            var violated = constraints.Where(t => bestCounts[t] > limit[t] || Multipliers[t] > 0).ToList();
            rows.UnionWith(violated);
            foreach (var t in violated)
            {
                var (lo, hi) = (0L, top);
                while (lo < hi && !cancellation.IsCancellationRequested)
                {
                    var mid = (lo + hi) / 2;
                    Multipliers[t] = mid;
                    (value, counts) = Evaluate(cancellation);
                    if (cancellation.IsCancellationRequested)
                    {
                        break;
                    }
                    Keep(value, counts);
                    (lo, hi) = counts[t] > limit[t] ? (mid + 1, hi) : (lo, mid);
                }
                Array.Copy(bestMultipliers, Multipliers, Multipliers.Length);
            }
            if (bestScaled >= before || rows.Count <= 1)
            {
                break;
            }
        }
        Converged = rows.Count <= 1 || cancellation.IsCancellationRequested;
        point = bestMultipliers.Select(x => (double)x).ToArray();
        pointCounts = bestCounts;
        pointValue = bestScaled;
        return Best;
    }

    /// <summary>
    /// A few projected subgradient steps from the last point (Polyak's step towards <paramref name="target"/>, a weight
    /// some schedule reaches, so the step never overshoots the minimum by more than the gap); the step factor halves
    /// after five steps without a new best. Returns <see cref="Best"/>.
    /// </summary>
    public long Refine(long target, int steps, CancellationToken cancellation)
    {
        for (var i = 0; i < steps && !Converged && !cancellation.IsCancellationRequested; i++)
        {
            var slope = constraints.Select(t => (double)(limit[t] - pointCounts[t])).ToArray();
            var norm = slope.Sum(g => g * g);
            var gap = pointValue - target * Scale * factor;
            if (norm == 0 || bestScaled / ((long)Scale * factor) <= target || stepFactor < MinStepFactor)
            {
                Converged = true;
                break;
            }
            var step = stepFactor * Math.Max(gap, Scale * factor) / norm;
            for (var t = 0; t < point.Length; t++)
            {
                point[t] = Math.Max(0, point[t] - step * slope[t]);
                Multipliers[t] = (long)Math.Round(point[t]);
            }
            var (value, counts) = Evaluate(cancellation);
            if (cancellation.IsCancellationRequested)
            {
                break;
            }
            (pointValue, pointCounts) = (value, counts);
            if (Keep(value, counts))
            {
                sinceBest = 0;
            }
            else if (++sinceBest >= 5)
            {
                stepFactor /= 2;
                sinceBest = 0;
            }
        }
        Array.Copy(bestMultipliers, Multipliers, Multipliers.Length);
        return Best;
    }

    /// <summary><see cref="Start"/>, then <see cref="Refine"/> until converged (at most <paramref name="steps"/> steps).</summary>
    public long Compute(long target, int steps, CancellationToken cancellation)
    {
        Start(cancellation);
        return Refine(target, steps, cancellation);
    }

    private const int StartRounds = 4;
    private const double MinStepFactor = 1.0 / 256;

    private long bestScaled = long.MaxValue;
    private long[] bestMultipliers = [];
    private long[] bestCounts = [];
    private double[] point = [];
    private long[] pointCounts = [];
    private long pointValue;
    private double stepFactor = 1;
    private int sinceBest;

    private bool Keep(long value, long[] counts)
    {
        if (value >= bestScaled)
        {
            return false;
        }
        bestScaled = value;
        bestMultipliers = (long[])Multipliers.Clone();
        bestCounts = counts;
        return true;
    }

    /// <summary>The Lagrangian value at the current multipliers (scaled by Scale·factor) and the requests taken per interpreter row.</summary>
    private (long Value, long[] Counts) Evaluate(CancellationToken cancellation)
    {
        var interpreting = model.Interpreting;
        var penalty = new long[interpreting.ClassCount];
        for (var c = 0; c < penalty.Length; c++)
        {
            penalty[c] = interpreting.ConstraintsOfClass[c].Sum(t => Multipliers[t]);
        }
        var participants = model.Instance.Participants.Count;
        Array.Clear(potential0);
        foreach (var r in possible)
        {
            var c = interpreting.ClassOf[r];
            var profit = (long)Scale * model.Weight[r] - (c >= 0 ? penalty[c] : 0);
            var arcCost = -Math.Max(0, profit);
            flow.SetCost(arcOf[r], arcCost);
            var target = headOf[r];
            potential0[target] = Math.Min(potential0[target], arcCost);
            if (secondArcOf[r] >= 0)
            {
                flow.SetCost(secondArcOf[r], arcCost);
                var other = participants + model.First[r];
                potential0[other] = Math.Min(potential0[other], arcCost);
            }
        }
        var lowest = potential0.Min();
        potential0[source + 1] = lowest;
        potential0[sink] = lowest;
        Evaluations++;
        var total = -flow.Solve(source, sink, potential0, cancellation);
        var counts = new long[interpreting.ConstraintCount];
        foreach (var r in possible)
        {
            var units = flow.Flow(arcOf[r]) + (secondArcOf[r] >= 0 ? flow.Flow(secondArcOf[r]) : 0);
            if (units > 0)
            {
                if (interpreting.ClassOf[r] is var c and >= 0)
                {
                    foreach (var t in interpreting.ConstraintsOfClass[c])
                    {
                        counts[t] += units;
                    }
                }
            }
        }
        for (var t = 0; t < counts.Length; t++)
        {
            total += Multipliers[t] * limit[t];
        }
        return (total, counts);
    }

    /// <summary>A 2-colouring of the participants along the possible requests, or null when they form an odd cycle.</summary>
    private int[]? TwoSides(int participants)
    {
        var side = new int[participants];
        Array.Fill(side, -1);
        var neighbours = Enumerable.Range(0, participants).Select(_ => new List<int>()).ToArray();
        foreach (var r in possible)
        {
            neighbours[model.First[r]].Add(model.Second[r]);
            neighbours[model.Second[r]].Add(model.First[r]);
        }
        var queue = new Queue<int>();
        for (var start = 0; start < participants; start++)
        {
            if (side[start] >= 0)
            {
                continue;
            }
            side[start] = 0;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var u))
            {
                foreach (var v in neighbours[u])
                {
                    if (side[v] < 0)
                    {
                        side[v] = 1 - side[u];
                        queue.Enqueue(v);
                    }
                    else if (side[v] == side[u])
                    {
                        return null;
                    }
                }
            }
        }
        return side;
    }

    /// <summary>The most requests of <paramref name="p"/> that can take distinct slots of their domains.</summary>
    private int Capacity(int p)
    {
        var owner = new int[SlotMask.MaxSlots];
        Array.Fill(owner, -1);
        var mine = model.RequestsOf[p].Where(r => model.Domain[r] != 0).ToArray();
        var matched = 0;
        var limitSlots = SlotMask.Count(model.ParticipantAvailable[p]);
        for (var i = 0; i < mine.Length && matched < limitSlots; i++)
        {
            var seen = 0UL;
            if (Augment(i, mine, owner, ref seen))
            {
                matched++;
            }
        }
        return matched;
    }

    private bool Augment(int i, int[] mine, int[] owner, ref ulong seen)
    {
        foreach (var s in SlotMask.Slots(model.Domain[mine[i]] & ~seen))
        {
            if (SlotMask.Contains(seen, s))
            {
                continue;
            }
            seen |= SlotMask.Bit(s);
            if (owner[s] < 0 || Augment(owner[s], mine, owner, ref seen))
            {
                owner[s] = i;
                return true;
            }
        }
        return false;
    }
}
