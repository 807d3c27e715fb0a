using System.Runtime.InteropServices;

namespace CanadaKoreaMatch.Scheduling.Sat;

/// <summary>Outcome of <see cref="SatSolver.Solve"/>.</summary>
internal enum SatOutcome
{
    Satisfiable,
    Unsatisfiable,
    Unknown,
}

/// <summary>
/// A conflict-driven clause-learning SAT solver: two watched literals with blockers and inline binary clauses,
/// first-UIP learning with recursive minimisation, VSIDS, phase saving with target phases (the polarities of the
/// longest conflict-free trail since the last restart come first), Luby restarts and clause deletion in three tiers of
/// LBD (literal block distance); optionally alternating with a focused mode (see the constructor).
/// Literal <c>2v</c> is variable <c>v</c> true, <c>2v + 1</c> false. Clauses may be added between solves, which
/// makes bound-tightening loops incremental: everything learnt stays valid.
/// </summary>
internal sealed class SatSolver
{
    private const int NoReason = -1;
    private const int NoConflict = -1;
    private const int BinaryConflict = -2;
    private const int Header = 2;
    private const int LearntFlag = 1;
    private const int DeletedFlag = 2;
    private const int UsedFlag = 4;
    private const int FlagBits = 3;
    private const int GlueLbd = 2;
    private const int TierTwoLbd = 6;
    private const int FirstModeLength = 1000;
    private const double StableDecay = 0.95;
    private const double FocusedDecay = 0.8;
    private const double FastAverage = 0.03;
    private const double SlowAverage = 1e-5;
    private const double RestartMargin = 1.1;
    private const int ReasonBumpLimit = 200;

    private int[] arena = new int[1 << 16];
    private int arenaTop;
    private readonly List<int> learnts = [];
    private List<Watcher>[] watches = [];
    private sbyte[] values = [];
    private int[] levels = [];
    private int[] reasons = [];
    private bool[] phases = [];
    private bool[] decisions = [];
    private sbyte[] targets = [];
    private int targetSize;
    private int targetsCurrent;
    private byte[] seen = [];
    private int[] trail = [];
    private int trailSize;
    private int propagated;
    private readonly List<int> levelStarts = [];
    private readonly VariableHeap heap = new();
    private double activityIncrement = 1;
    private readonly List<int> learnt = [];
    private readonly List<int> failed = [];
    private int assumptionLevels;
    private readonly List<int> toClear = [];
    private readonly Stack<int> minimiseStack = new();
    private int[] levelStamp = [];
    private int stamp;
    private int binaryConflictA;
    private int binaryConflictB;
    private bool inconsistent;
    private long nextReduce = 2000;
    private int reductions;
    private readonly bool alternating;
    private readonly int restartUnit;
    private bool focused;
    private long modeEnd;
    private long modeLength = FirstModeLength;
    private double fastLbd;
    private double slowLbd;
    private double fastBias = 1;
    private double slowBias = 1;
    private readonly List<int> reasonBumped = [];
    private readonly List<int> ancestors = [];

    /// <summary>The restart interval unit of the stable mode unless a solver is given another.</summary>
    public const int DefaultRestartUnit = 100;

    /// <summary>
    /// A solver that keeps to the stable mode (Luby restarts in units of <paramref name="restartUnit"/> conflicts, slow
    /// activity decay, target phases). With <paramref name="alternating"/> it switches between that mode and a focused
    /// one (a restart whenever recent learnt clauses have a higher LBD than the long-run average, fast decay, saved
    /// phases) over doubling lengths, also bumps the variables that forced each learnt clause's literals, and writes the
    /// literals a clause has at assumption levels as the assumptions they follow from. That refutes faster, which a
    /// search for cores needs; the stable mode alone finds models faster, and with a longer unit (fewer restarts) it
    /// keeps deep target phases longer.
    /// </summary>
    public SatSolver(bool alternating = false, int restartUnit = DefaultRestartUnit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(restartUnit);
        this.alternating = alternating;
        this.restartUnit = restartUnit;
    }

    public int VariableCount { get; private set; }

    public long Conflicts { get; private set; }

    /// <summary>The clauses themselves have no model (not only under the assumptions of a call).</summary>
    public bool ProvedUnsatisfiable => inconsistent;

    /// <summary>
    /// After an unsatisfiable call with assumptions: assumptions that together have no model (a core); empty when the
    /// clauses alone have none.
    /// </summary>
    public IReadOnlyList<int> FailedAssumptions => failed;

    /// <summary>
    /// A new variable. The search branches only on decision variables: a formula whose other variables are each
    /// forced true by implications and otherwise may be false (as in the encodings here) is satisfied once every
    /// decision variable is assigned and propagation is done.
    /// </summary>
    public int NewVariable(bool decision = true)
    {
        var v = VariableCount++;
        if (v >= levels.Length)
        {
            Grow(Math.Max(1024, levels.Length * 2));
        }
        watches[2 * v] = [];
        watches[2 * v + 1] = [];
        reasons[v] = NoReason;
        decisions[v] = decision;
        if (decision)
        {
            heap.Insert(v);
        }
        return v;
    }

    public static int Positive(int variable) => 2 * variable;

    public static int Negative(int variable) => 2 * variable + 1;

    /// <summary>Value of <paramref name="variable"/> in the last satisfying assignment (false when left unassigned).</summary>
    public bool Value(int variable) => values[2 * variable] == 1;

    /// <summary>Sets the polarity tried first for <paramref name="variable"/> (saved phases overwrite it as the search goes).</summary>
    public void SetPhase(int variable, bool value)
    {
        phases[variable] = value;
        targets[variable] = 0;
    }

    /// <summary>Adds a clause; returns false when the formula became unsatisfiable at the root.</summary>
    public bool AddClause(ReadOnlySpan<int> clause)
    {
        CancelUntil(0);
        if (inconsistent)
        {
            return false;
        }
        var buffer = new List<int>(clause.Length);
        foreach (var lit in clause)
        {
            if (values[lit] == 1 || buffer.Contains(lit ^ 1))
            {
                return true;
            }
            if (values[lit] == 0 && !buffer.Contains(lit))
            {
                buffer.Add(lit);
            }
        }
        switch (buffer.Count)
        {
            case 0:
                inconsistent = true;
                return false;
            case 1:
                Enqueue(buffer[0], NoReason);
                inconsistent = Propagate() != NoConflict;
                return !inconsistent;
            case 2:
                AttachBinary(buffer[0], buffer[1]);
                return true;
            default:
                Attach(Store(CollectionsMarshal.AsSpan(buffer), learntClause: false, lbd: 0));
                return true;
        }
    }

    /// <summary>
    /// Searches until a model is found, unsatisfiability is proved, <paramref name="maxConflicts"/> more conflicts
    /// happened or <paramref name="cancellation"/> fires. <paramref name="atRestart"/> runs at the root after each
    /// restart and may add clauses.
    /// </summary>
    /// <remarks>
    /// With <paramref name="assumptions"/> (literals taken as true for this call only), Unsatisfiable may mean
    /// unsatisfiable under them; <see cref="ProvedUnsatisfiable"/> tells whether the formula itself is.
    /// </remarks>
    public SatOutcome Solve(
        CancellationToken cancellation,
        long maxConflicts = long.MaxValue,
        Action? atRestart = null,
        IReadOnlyList<int>? assumptions = null)
    {
        assumptions ??= [];
        CancelUntil(0);
        failed.Clear();
        assumptionLevels = assumptions.Count;
        var conflictLimit = maxConflicts == long.MaxValue ? long.MaxValue : Conflicts + maxConflicts;
        if (inconsistent)
        {
            return SatOutcome.Unsatisfiable;
        }
        if (alternating && modeEnd == 0)
        {
            focused = true;
            modeEnd = Conflicts + modeLength;
        }
        var restarts = 0;
        long restartLimit = restartUnit * Luby(restarts);
        long conflictsThisRestart = 0;
        while (true)
        {
            var conflict = Propagate();
            if (conflict != NoConflict)
            {
                Conflicts++;
                conflictsThisRestart++;
                if (levelStarts.Count == 0)
                {
                    inconsistent = true;
                    return SatOutcome.Unsatisfiable;
                }
                if (alternating && !focused && levelStarts[^1] > targetSize)
                {
                    SaveTargets(levelStarts[^1]);
                }
                var (backLevel, lbd) = Analyse(conflict);
                fastLbd += FastAverage * (lbd - fastLbd);
                fastBias *= 1 - FastAverage;
                slowLbd += SlowAverage * (lbd - slowLbd);
                slowBias *= 1 - SlowAverage;
                CancelUntil(backLevel);
                Learn(lbd);
                activityIncrement /= focused ? FocusedDecay : StableDecay;
                if ((Conflicts & 255) == 0 && (cancellation.IsCancellationRequested || Conflicts >= conflictLimit))
                {
                    CancelUntil(0);
                    return SatOutcome.Unknown;
                }
                continue;
            }
            var switched = alternating && Conflicts >= modeEnd;
            if (switched)
            {
                focused = !focused;
                if (focused)
                {
                    modeLength *= 2;
                }
                modeEnd = Conflicts + modeLength;
            }
            var restart = focused
                ? conflictsThisRestart >= 2 && fastLbd / (1 - fastBias) > RestartMargin * slowLbd / (1 - slowBias)
                : switched || conflictsThisRestart >= restartLimit;
            if (restart)
            {
                CancelUntil(0);
                targetSize = 0;
                restartLimit = restartUnit * Luby(++restarts);
                conflictsThisRestart = 0;
                if (cancellation.IsCancellationRequested || Conflicts >= conflictLimit)
                {
                    return SatOutcome.Unknown;
                }
                atRestart?.Invoke();
                if (inconsistent)
                {
                    return SatOutcome.Unsatisfiable;
                }
            }
            if (Conflicts >= nextReduce)
            {
                nextReduce = Conflicts + 2000 + 300L * ++reductions;
                ReduceLearnts();
            }
            var decision = -1;
            while (levelStarts.Count < assumptions.Count)
            {
                var assumed = assumptions[levelStarts.Count];
                if (values[assumed] == -1)
                {
                    AnalyseFinal(assumed);
                    CancelUntil(0);
                    return SatOutcome.Unsatisfiable;
                }
                levelStarts.Add(trailSize);
                if (values[assumed] == 0)
                {
                    decision = assumed;
                    break;
                }
            }
            if (decision >= 0)
            {
                Enqueue(decision, NoReason);
                continue;
            }
            if (!alternating && trailSize > targetSize)
            {
                SaveTargets(trailSize);
            }
            decision = PickBranch();
            if (decision < 0)
            {
                return SatOutcome.Satisfiable;
            }
            levelStarts.Add(trailSize);
            Enqueue(decision, NoReason);
        }
    }

    /// <summary>
    /// The first <paramref name="size"/> literals of the trail become the target phases; those that have stayed on the
    /// trail since the last save (<see cref="targetsCurrent"/>) are already there.
    /// </summary>
    private void SaveTargets(int size)
    {
        targetSize = size;
        for (var i = Math.Min(targetsCurrent, size); i < size; i++)
        {
            targets[trail[i] >> 1] = (sbyte)((trail[i] & 1) == 0 ? 1 : -1);
        }
        targetsCurrent = size;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref watches, 2 * capacity);
        Array.Resize(ref values, 2 * capacity);
        Array.Resize(ref levels, capacity);
        Array.Resize(ref reasons, capacity);
        Array.Resize(ref phases, capacity);
        Array.Resize(ref decisions, capacity);
        Array.Resize(ref targets, capacity);
        Array.Resize(ref seen, capacity);
        Array.Resize(ref trail, capacity);
        Array.Resize(ref levelStamp, 2 * capacity + 1);
        heap.Grow(capacity);
    }

    private void Enqueue(int lit, int reason)
    {
        var v = lit >> 1;
        values[lit] = 1;
        values[lit ^ 1] = -1;
        levels[v] = levelStarts.Count;
        reasons[v] = reason;
        trail[trailSize++] = lit;
    }

    private void CancelUntil(int level)
    {
        if (levelStarts.Count <= level)
        {
            return;
        }
        var start = levelStarts[level];
        for (var i = trailSize - 1; i >= start; i--)
        {
            var lit = trail[i];
            var v = lit >> 1;
            values[lit] = 0;
            values[lit ^ 1] = 0;
            phases[v] = (lit & 1) == 0;
            if (decisions[v] && !heap.Contains(v))
            {
                heap.Insert(v);
            }
        }
        trailSize = start;
        propagated = start;
        targetsCurrent = Math.Min(targetsCurrent, start);
        levelStarts.RemoveRange(level, levelStarts.Count - level);
    }

    private int PickBranch()
    {
        while (!heap.IsEmpty)
        {
            var v = heap.PopMax();
            if (values[2 * v] == 0)
            {
                var positive = focused || targets[v] == 0 ? phases[v] : targets[v] > 0;
                return positive ? 2 * v : 2 * v + 1;
            }
        }
        return -1;
    }

    private int Propagate()
    {
        while (propagated < trailSize)
        {
            var falseLit = trail[propagated++] ^ 1;
            var list = watches[falseLit];
            var ws = CollectionsMarshal.AsSpan(list);
            int i = 0, j = 0, n = ws.Length;
            var conflict = NoConflict;
            while (i < n)
            {
                var w = ws[i++];
                var blockerValue = values[w.Blocker];
                if (blockerValue == 1)
                {
                    ws[j++] = w;
                    continue;
                }
                if (w.Clause < 0)
                {
                    ws[j++] = w;
                    if (blockerValue == -1)
                    {
                        binaryConflictA = falseLit;
                        binaryConflictB = w.Blocker;
                        conflict = BinaryConflict;
                        break;
                    }
                    Enqueue(w.Blocker, -2 - falseLit);
                    continue;
                }
                var c = w.Clause;
                var lits = c + Header;
                if (arena[lits] == falseLit)
                {
                    arena[lits] = arena[lits + 1];
                    arena[lits + 1] = falseLit;
                }
                var first = arena[lits];
                var kept = new Watcher(c, first);
                if (first != w.Blocker && values[first] == 1)
                {
                    ws[j++] = kept;
                    continue;
                }
                var size = arena[c];
                var moved = false;
                for (var k = 2; k < size; k++)
                {
                    var candidate = arena[lits + k];
                    if (values[candidate] != -1)
                    {
                        arena[lits + 1] = candidate;
                        arena[lits + k] = falseLit;
                        watches[candidate].Add(kept);
                        moved = true;
                        break;
                    }
                }
                if (moved)
                {
                    continue;
                }
                ws[j++] = kept;
                if (values[first] == -1)
                {
                    conflict = c;
                    break;
                }
                Enqueue(first, c);
            }
            while (i < n)
            {
                ws[j++] = ws[i++];
            }
            CollectionsMarshal.SetCount(list, j);
            if (conflict != NoConflict)
            {
                propagated = trailSize;
                return conflict;
            }
        }
        return NoConflict;
    }

    private (int BackLevel, int Lbd) Analyse(int conflict)
    {
        learnt.Clear();
        learnt.Add(-1);
        var pathCount = 0;
        var implied = -1;
        var index = trailSize - 1;
        var currentLevel = levelStarts.Count;
        var reason = conflict;
        var firstRound = true;
        do
        {
            if (reason == BinaryConflict && firstRound)
            {
                See(binaryConflictA, currentLevel, ref pathCount);
                See(binaryConflictB, currentLevel, ref pathCount);
            }
            else if (reason <= -2)
            {
                See(-2 - reason, currentLevel, ref pathCount);
            }
            else
            {
                if ((arena[reason + 1] & LearntFlag) != 0)
                {
                    RefreshLbd(reason);
                }
                var size = arena[reason];
                for (var k = firstRound ? 0 : 1; k < size; k++)
                {
                    See(arena[reason + Header + k], currentLevel, ref pathCount);
                }
            }
            firstRound = false;
            while (seen[trail[index] >> 1] == 0)
            {
                index--;
            }
            implied = trail[index--];
            reason = reasons[implied >> 1];
            seen[implied >> 1] = 0;
            pathCount--;
        }
        while (pathCount > 0);
        learnt[0] = implied ^ 1;

        toClear.Clear();
        toClear.AddRange(learnt);
        var abstractLevels = 0u;
        for (var k = 1; k < learnt.Count; k++)
        {
            abstractLevels |= AbstractLevel(learnt[k] >> 1);
        }
        var kept = 1;
        for (var k = 1; k < learnt.Count; k++)
        {
            var lit = learnt[k];
            if (reasons[lit >> 1] == NoReason || !Redundant(lit, abstractLevels))
            {
                learnt[kept++] = lit;
            }
        }
        learnt.RemoveRange(kept, learnt.Count - kept);
        foreach (var lit in toClear)
        {
            seen[lit >> 1] = 0;
        }
        if (alternating && learnt.Count <= ReasonBumpLimit)
        {
            BumpReasonSide();
        }
        if (alternating)
        {
            LiftToAssumptions();
        }

        var backLevel = 0;
        if (learnt.Count > 1)
        {
            var maxAt = 1;
            for (var k = 2; k < learnt.Count; k++)
            {
                if (levels[learnt[k] >> 1] > levels[learnt[maxAt] >> 1])
                {
                    maxAt = k;
                }
            }
            (learnt[1], learnt[maxAt]) = (learnt[maxAt], learnt[1]);
            backLevel = levels[learnt[1] >> 1];
        }
        stamp++;
        var lbd = 0;
        foreach (var lit in learnt)
        {
            var level = levels[lit >> 1];
            if (level > assumptionLevels && levelStamp[level] != stamp)
            {
                levelStamp[level] = stamp;
                lbd++;
            }
        }
        return (backLevel, lbd);
    }

    /// <summary>Collects into <see cref="failed"/> the assumptions that imply the negation of <paramref name="assumed"/>.</summary>
    private void AnalyseFinal(int assumed)
    {
        failed.Add(assumed);
        var v = assumed >> 1;
        if (levels[v] == 0)
        {
            return;
        }
        seen[v] = 1;
        for (var i = trailSize - 1; i >= levelStarts[0]; i--)
        {
            var lit = trail[i];
            var u = lit >> 1;
            if (seen[u] == 0)
            {
                continue;
            }
            seen[u] = 0;
            var reason = reasons[u];
            if (reason == NoReason)
            {
                failed.Add(lit);
            }
            else if (reason <= -2)
            {
                MarkFinal(-2 - reason);
            }
            else
            {
                var size = arena[reason];
                for (var k = 1; k < size; k++)
                {
                    MarkFinal(arena[reason + Header + k]);
                }
            }
        }
        seen[v] = 0;
    }

    private void MarkFinal(int lit)
    {
        if (levels[lit >> 1] > 0)
        {
            seen[lit >> 1] = 1;
        }
    }

    private void See(int lit, int currentLevel, ref int pathCount)
    {
        var v = lit >> 1;
        if (seen[v] != 0 || levels[v] == 0)
        {
            return;
        }
        seen[v] = 1;
        Bump(v);
        if (levels[v] >= currentLevel)
        {
            pathCount++;
        }
        else
        {
            learnt.Add(lit);
        }
    }

    private uint AbstractLevel(int v) => 1u << (levels[v] & 31);

    private bool Redundant(int lit, uint abstractLevels)
    {
        minimiseStack.Clear();
        minimiseStack.Push(lit);
        var top = toClear.Count;
        while (minimiseStack.Count > 0)
        {
            var reason = reasons[minimiseStack.Pop() >> 1];
            if (reason <= -2)
            {
                if (!Visit(-2 - reason, abstractLevels, top))
                {
                    return false;
                }
                continue;
            }
            var size = arena[reason];
            for (var k = 1; k < size; k++)
            {
                if (!Visit(arena[reason + Header + k], abstractLevels, top))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private bool Visit(int lit, uint abstractLevels, int top)
    {
        var v = lit >> 1;
        if (seen[v] != 0 || levels[v] == 0)
        {
            return true;
        }
        if (reasons[v] != NoReason && (AbstractLevel(v) & abstractLevels) != 0)
        {
            seen[v] = 1;
            minimiseStack.Push(lit);
            toClear.Add(lit);
            return true;
        }
        for (var k = top; k < toClear.Count; k++)
        {
            seen[toClear[k] >> 1] = 0;
        }
        toClear.RemoveRange(top, toClear.Count - top);
        return false;
    }

    /// <summary>
    /// Replaces the literals of the learnt clause that lie at assumption levels by the assumptions they follow from,
    /// when those are fewer: the clause stays implied and gets shorter.
    /// </summary>
    private void LiftToAssumptions()
    {
        if (assumptionLevels == 0 || levelStarts.Count <= assumptionLevels)
        {
            return;
        }
        var marked = 0;
        for (var k = 1; k < learnt.Count; k++)
        {
            var level = levels[learnt[k] >> 1];
            if (level > 0 && level <= assumptionLevels)
            {
                seen[learnt[k] >> 1] = 1;
                marked++;
            }
        }
        var pending = marked;
        ancestors.Clear();
        for (var i = levelStarts[assumptionLevels] - 1; i >= levelStarts[0] && pending > 0; i--)
        {
            var v = trail[i] >> 1;
            if (seen[v] == 0)
            {
                continue;
            }
            seen[v] = 0;
            pending--;
            var reason = reasons[v];
            if (reason == NoReason)
            {
                ancestors.Add(trail[i] ^ 1);
            }
            else if (reason <= -2)
            {
                pending += MarkAncestor(-2 - reason);
            }
            else
            {
                for (var k = 1; k < arena[reason]; k++)
                {
                    pending += MarkAncestor(arena[reason + Header + k]);
                }
            }
        }
        if (ancestors.Count >= marked)
        {
            return;
        }
        var kept = 1;
        for (var k = 1; k < learnt.Count; k++)
        {
            var level = levels[learnt[k] >> 1];
            if (level == 0 || level > assumptionLevels)
            {
                learnt[kept++] = learnt[k];
            }
        }
        learnt.RemoveRange(kept, learnt.Count - kept);
        learnt.AddRange(ancestors);
    }

    private int MarkAncestor(int lit)
    {
        var v = lit >> 1;
        if (levels[v] == 0 || seen[v] != 0)
        {
            return 0;
        }
        seen[v] = 1;
        return 1;
    }

    /// <summary>Bumps the variables that forced the literals of the learnt clause (once each, not those in it).</summary>
    private void BumpReasonSide()
    {
        foreach (var lit in learnt)
        {
            seen[lit >> 1] = 1;
        }
        reasonBumped.Clear();
        for (var k = 1; k < learnt.Count; k++)
        {
            var reason = reasons[learnt[k] >> 1];
            if (reason <= -2)
            {
                BumpOnce(-2 - reason);
            }
            else if (reason != NoReason)
            {
                for (var i = 0; i < arena[reason]; i++)
                {
                    BumpOnce(arena[reason + Header + i]);
                }
            }
        }
        foreach (var lit in learnt)
        {
            seen[lit >> 1] = 0;
        }
        foreach (var v in reasonBumped)
        {
            seen[v] = 0;
        }
    }

    private void BumpOnce(int lit)
    {
        var v = lit >> 1;
        if (seen[v] == 0 && levels[v] > 0)
        {
            seen[v] = 1;
            reasonBumped.Add(v);
            Bump(v);
        }
    }

    private void Learn(int lbd)
    {
        if (learnt.Count == 1)
        {
            Enqueue(learnt[0], NoReason);
            return;
        }
        if (learnt.Count == 2)
        {
            AttachBinary(learnt[0], learnt[1]);
            Enqueue(learnt[0], -2 - learnt[1]);
            return;
        }
        var c = Store(CollectionsMarshal.AsSpan(learnt), learntClause: true, lbd);
        Attach(c);
        learnts.Add(c);
        Enqueue(learnt[0], c);
    }

    private void Bump(int v)
    {
        heap.Activity[v] += activityIncrement;
        if (heap.Activity[v] > 1e100)
        {
            for (var k = 0; k < VariableCount; k++)
            {
                heap.Activity[k] *= 1e-100;
            }
            activityIncrement *= 1e-100;
        }
        heap.Increased(v);
    }

    private void RefreshLbd(int c)
    {
        var flags = arena[c + 1];
        var size = arena[c];
        stamp++;
        var lbd = 0;
        for (var k = 0; k < size; k++)
        {
            var level = levels[arena[c + Header + k] >> 1];
            if (level > assumptionLevels && levelStamp[level] != stamp)
            {
                levelStamp[level] = stamp;
                lbd++;
            }
        }
        arena[c + 1] = (Math.Min(lbd, flags >> FlagBits) << FlagBits) | (flags & (LearntFlag | DeletedFlag)) | UsedFlag;
    }

    private int Store(ReadOnlySpan<int> lits, bool learntClause, int lbd)
    {
        if (arenaTop + Header + lits.Length > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaTop + Header + lits.Length));
        }
        var c = arenaTop;
        arena[c] = lits.Length;
        arena[c + 1] = (lbd << FlagBits) | (learntClause ? LearntFlag : 0);
        lits.CopyTo(arena.AsSpan(c + Header));
        arenaTop += Header + lits.Length;
        return c;
    }

    private void Attach(int c)
    {
        watches[arena[c + Header]].Add(new Watcher(c, arena[c + Header + 1]));
        watches[arena[c + Header + 1]].Add(new Watcher(c, arena[c + Header]));
    }

    private void AttachBinary(int a, int b)
    {
        watches[a].Add(new Watcher(-1, b));
        watches[b].Add(new Watcher(-1, a));
    }

    private bool Locked(int c)
    {
        var first = arena[c + Header];
        return values[first] == 1 && reasons[first >> 1] == c;
    }

    /// <summary>
    /// Deletes the worst three quarters of the learnt clauses that may go: glue clauses (LBD at most 2) always
    /// stay, and clauses of LBD at most 6 stay while they keep taking part in conflicts.
    /// </summary>
    private void ReduceLearnts()
    {
        var candidates = new List<int>(learnts.Count);
        foreach (var c in learnts)
        {
            var flags = arena[c + 1];
            var lbd = flags >> FlagBits;
            arena[c + 1] = flags & ~UsedFlag;
            var recentlyUsed = (flags & UsedFlag) != 0;
            if (lbd > GlueLbd && !(recentlyUsed && lbd <= TierTwoLbd) && !Locked(c))
            {
                candidates.Add(c);
            }
        }
        candidates.Sort((a, b) =>
            (arena[b + 1] >> FlagBits).CompareTo(arena[a + 1] >> FlagBits) is var byLbd && byLbd != 0
                ? byLbd
                : arena[b].CompareTo(arena[a]));
        for (var i = 0; i < candidates.Count * 3 / 4; i++)
        {
            arena[candidates[i] + 1] |= DeletedFlag;
        }
        Compact();
    }

    private void Compact()
    {
        var fresh = new int[Math.Max(1 << 16, arena.Length)];
        var top = 0;
        for (var c = 0; c < arenaTop; c += Header + arena[c])
        {
            var size = arena[c];
            if ((arena[c + 1] & DeletedFlag) != 0)
            {
                arena[c + 1] = -1;
                continue;
            }
            Array.Copy(arena, c, fresh, top, Header + size);
            arena[c + 1] = top;
            top += Header + size;
        }
        var forward = arena;
        for (var lit = 0; lit < 2 * VariableCount; lit++)
        {
            var ws = CollectionsMarshal.AsSpan(watches[lit]);
            var j = 0;
            for (var i = 0; i < ws.Length; i++)
            {
                var w = ws[i];
                if (w.Clause < 0)
                {
                    ws[j++] = w;
                }
                else if (forward[w.Clause + 1] >= 0)
                {
                    ws[j++] = new Watcher(forward[w.Clause + 1], w.Blocker);
                }
            }
            CollectionsMarshal.SetCount(watches[lit], j);
        }
        for (var i = 0; i < trailSize; i++)
        {
            var v = trail[i] >> 1;
            if (reasons[v] >= 0)
            {
                reasons[v] = forward[reasons[v] + 1];
            }
        }
        var live = 0;
        for (var i = 0; i < learnts.Count; i++)
        {
            var moved = forward[learnts[i] + 1];
            if (moved >= 0)
            {
                learnts[live++] = moved;
            }
        }
        learnts.RemoveRange(live, learnts.Count - live);
        arena = fresh;
        arenaTop = top;
    }

    private static long Luby(int index)
    {
        var size = 1;
        var sequence = 0;
        while (size < index + 1)
        {
            sequence++;
            size = 2 * size + 1;
        }
        var x = index;
        while (size - 1 != x)
        {
            size = (size - 1) >> 1;
            sequence--;
            x %= size;
        }
        return 1L << sequence;
    }

    private readonly record struct Watcher(int Clause, int Blocker);

    private sealed class VariableHeap
    {
        private int[] items = [];
        private int[] positions = [];
        private int count;

        public double[] Activity { get; private set; } = [];

        public bool IsEmpty => count == 0;

        public void Grow(int capacity)
        {
            var old = positions.Length;
            Array.Resize(ref items, capacity);
            Array.Resize(ref positions, capacity);
            var activity = Activity;
            Array.Resize(ref activity, capacity);
            Activity = activity;
            Array.Fill(positions, -1, old, capacity - old);
        }

        public bool Contains(int v) => positions[v] >= 0;

        public void Insert(int v)
        {
            items[count] = v;
            positions[v] = count;
            Up(count++);
        }

        public void Increased(int v)
        {
            if (positions[v] >= 0)
            {
                Up(positions[v]);
            }
        }

        public int PopMax()
        {
            var top = items[0];
            positions[top] = -1;
            if (--count > 0)
            {
                items[0] = items[count];
                positions[items[0]] = 0;
                Down(0);
            }
            return top;
        }

        private void Up(int i)
        {
            var v = items[i];
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (Activity[items[parent]] >= Activity[v])
                {
                    break;
                }
                items[i] = items[parent];
                positions[items[i]] = i;
                i = parent;
            }
            items[i] = v;
            positions[v] = i;
        }

        private void Down(int i)
        {
            var v = items[i];
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= count)
                {
                    break;
                }
                if (child + 1 < count && Activity[items[child + 1]] > Activity[items[child]])
                {
                    child++;
                }
                if (Activity[items[child]] <= Activity[v])
                {
                    break;
                }
                items[i] = items[child];
                positions[items[i]] = i;
                i = child;
            }
            items[i] = v;
            positions[v] = i;
        }
    }
}
