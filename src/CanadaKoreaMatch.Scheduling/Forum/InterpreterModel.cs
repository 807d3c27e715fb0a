using System.Numerics;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// Compiled interpreter pool. Interpreters with the same pairs form a <em>kind</em> (the generic interpreters are one
/// more kind, serving every pair); an interpreted request's <em>class</em> is the set of kinds that can serve it. In
/// one slot, a set of interpreted meetings can be given distinct interpreters if and only if (Hall's theorem) for
/// every set T of kinds, the meetings whose class lies inside T number at most the interpreters of T. Only the sets T
/// that are unions of classes matter (any other T can shrink to the union of the classes inside it), so these
/// <em>constraints</em> are precomputed with their capacity, and a slot keeps one counter per constraint.
/// </summary>
internal sealed class InterpreterModel
{
    /// <summary>At most this many distinct constraints (unions of classes); beyond, the pool is rejected as too varied.</summary>
    public const int MaxConstraints = 4096;

    /// <summary>Not interpreted (the participants share a language).</summary>
    public const int NoNeed = -1;

    /// <summary>Interpreted, but no interpreter of the pool (nor any generic one) can serve it.</summary>
    public const int Unservable = -2;

    private InterpreterModel()
    {
    }

    /// <summary>Interpreter ids of each kind, in input order (pooled ones by id, generic ones "1".."n").</summary>
    public string[][] KindMembers { get; private set; } = [];

    /// <summary>Normalised pairs of each kind ("en-ko"); null for the generic kind.</summary>
    public string[]?[] KindPairs { get; private set; } = [];

    /// <summary>Kinds (as a bit mask) able to serve each class.</summary>
    public ulong[] ClassKinds { get; private set; } = [];

    /// <summary>Per request: its class, <see cref="NoNeed"/> or <see cref="Unservable"/>.</summary>
    public int[] ClassOf { get; private set; } = [];

    /// <summary>Kinds of each constraint (a union of classes).</summary>
    public ulong[] ConstraintKinds { get; private set; } = [];

    /// <summary>Interpreters of each constraint (per slot).</summary>
    public int[] ConstraintCapacity { get; private set; } = [];

    /// <summary>Per class, the constraints containing it (adding a meeting of the class raises each of their counts).</summary>
    public int[][] ConstraintsOfClass { get; private set; } = [];

    public int ClassCount => ClassKinds.Length;

    public int ConstraintCount => ConstraintKinds.Length;

    public static InterpreterModel Compile(ForumInstance instance, int[] first, int[] second)
    {
        var model = new InterpreterModel();
        var kinds = new List<(string[]? Pairs, List<string> Members)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var interpreter in instance.InterpreterPool ?? [])
        {
            if (interpreter is null || string.IsNullOrWhiteSpace(interpreter.Id))
            {
                throw new FormatException("an interpreter of the pool has no id.");
            }
            if (!ids.Add(interpreter.Id))
            {
                throw new FormatException($"interpreter {interpreter.Id} appears twice.");
            }
            var pairs = (interpreter.Pairs ?? []).Select(p => NormalisePair(p, interpreter.Id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var kind = kinds.FindIndex(k => k.Pairs is not null && k.Pairs.SequenceEqual(pairs, StringComparer.Ordinal));
            if (kind < 0)
            {
                kinds.Add((pairs, []));
                kind = kinds.Count - 1;
            }
            kinds[kind].Members.Add(interpreter.Id);
        }
        if (instance.Interpreters < 0)
        {
            throw new FormatException("the number of interpreters cannot be negative.");
        }
        if (instance.Interpreters > 0)
        {
            var generic = Enumerable.Range(1, instance.Interpreters).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (generic.FirstOrDefault(ids.Contains) is { } clash)
            {
                throw new FormatException($"interpreter id {clash} is also the number of a generic interpreter (they are numbered 1..{instance.Interpreters}).");
            }
            kinds.Add((null, generic));
        }
        if (kinds.Count > 64)
        {
            throw new FormatException("the interpreter pool has more than 64 distinct sets of language pairs.");
        }
        model.KindMembers = kinds.Select(k => k.Members.ToArray()).ToArray();
        model.KindPairs = kinds.Select(k => k.Pairs).ToArray();

        var classes = new List<ulong>();
        var classIndex = new Dictionary<ulong, int>();
        model.ClassOf = new int[first.Length];
        for (var r = 0; r < first.Length; r++)
        {
            var a = instance.Participants[first[r]].Languages ?? [];
            var b = instance.Participants[second[r]].Languages ?? [];
            if (a.Intersect(b, StringComparer.OrdinalIgnoreCase).Any())
            {
                model.ClassOf[r] = NoNeed;
                continue;
            }
            var mask = 0UL;
            for (var k = 0; k < kinds.Count; k++)
            {
                if (kinds[k].Pairs is not { } pairs || pairs.Any(p => Serves(p, a, b)))
                {
                    mask |= 1UL << k;
                }
            }
            if (mask == 0)
            {
                model.ClassOf[r] = Unservable;
                continue;
            }
            if (!classIndex.TryGetValue(mask, out var c))
            {
                c = classes.Count;
                classes.Add(mask);
                classIndex[mask] = c;
            }
            model.ClassOf[r] = c;
        }
        model.ClassKinds = [.. classes];

        var closure = new HashSet<ulong>();
        foreach (var mask in classes)
        {
            foreach (var t in closure.ToList())
            {
                closure.Add(t | mask);
            }
            closure.Add(mask);
            if (closure.Count > MaxConstraints)
            {
                throw new FormatException("the interpreter pool combines too many distinct language pairs to be scheduled.");
            }
        }
        model.ConstraintKinds = closure.Order().ToArray();
        model.ConstraintCapacity = model.ConstraintKinds
            .Select(t => Enumerable.Range(0, kinds.Count).Where(k => (t & (1UL << k)) != 0).Sum(k => kinds[k].Members.Count))
            .ToArray();
        model.ConstraintsOfClass = classes
            .Select(mask => Enumerable.Range(0, model.ConstraintKinds.Length).Where(t => (mask & ~model.ConstraintKinds[t]) == 0).ToArray())
            .ToArray();
        return model;
    }

    /// <summary>Interpreters able to serve class <paramref name="c"/>.</summary>
    public int Serving(int c)
    {
        var total = 0;
        var mask = ClassKinds[c];
        while (mask != 0)
        {
            total += KindMembers[BitOperations.TrailingZeroCount(mask)].Length;
            mask &= mask - 1;
        }
        return total;
    }

    /// <summary>"ko-en" → "en-ko" (lower case, sorted); throws when the pair is malformed.</summary>
    public static string NormalisePair(string pair, string interpreter)
    {
        var parts = (pair ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || string.Equals(parts[0], parts[1], StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"interpreter {interpreter} has a malformed language pair \"{pair}\" (expected two different languages such as \"ko-en\").");
        }
        var x = parts[0].ToLowerInvariant();
        var y = parts[1].ToLowerInvariant();
        return string.CompareOrdinal(x, y) <= 0 ? $"{x}-{y}" : $"{y}-{x}";
    }

    /// <summary>Whether the normalised <paramref name="pair"/> holds a language of each side.</summary>
    public static bool Serves(string pair, IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var dash = pair.IndexOf('-', StringComparison.Ordinal);
        var x = pair[..dash];
        var y = pair[(dash + 1)..];
        bool Speaks(IReadOnlyList<string> side, string language) => side.Any(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));
        return (Speaks(a, x) && Speaks(b, y)) || (Speaks(a, y) && Speaks(b, x));
    }
}
