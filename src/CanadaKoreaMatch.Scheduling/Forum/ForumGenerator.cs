namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>Size of a generated forum: <paramref name="Interpreters"/> generic interpreters (any pair) and
/// <paramref name="PooledInterpreters"/> named ones with language pairs (mostly ko-en, some ko-fr, fr-en or several).</summary>
public sealed record ForumSize(
    int Firms = 1200,
    int Requests = 6000,
    int Days = 2,
    int SlotsPerDay = 16,
    int Tables = 150,
    int Interpreters = 10,
    int PooledInterpreters = 0);

/// <summary>
/// Generates CANSEC-like forums: Canadian and Korean firms, accepted requests across the two with skewed popularity and
/// the web app's weights (1–15), partial availability, some talks with buffers, some Korean delegations without English.
/// </summary>
public static class ForumGenerator
{
    /// <summary>A reproducible forum for the given size and seed.</summary>
    public static ForumInstance Generate(ForumSize size, int seed)
    {
        ArgumentNullException.ThrowIfNull(size);
        var random = new Random(seed);
        var half = size.SlotsPerDay / 2;
        var days = Enumerable.Range(1, size.Days)
            .Select(d => new ForumDay($"Day {d}", size.SlotsPerDay,
                [new ForumSession("morning", 1, half), new ForumSession("afternoon", half + 1, size.SlotsPerDay)]))
            .ToList();
        var canadian = size.Firms * 3 / 5;
        var participants = new List<ForumParticipant>();
        for (var i = 0; i < size.Firms; i++)
        {
            var korean = i >= canadian;
            string[] languages = korean
                ? random.NextDouble() < 0.85 ? ["ko", "en"] : ["ko"]
                : random.NextDouble() < 0.2 ? ["en", "fr"] : random.NextDouble() < 0.05 ? ["fr"] : ["en"];
            var unavailable = new List<SlotRange>();
            if (random.NextDouble() < 0.25)
            {
                unavailable.Add(new SlotRange(random.Next(size.Days) + 1, 1, size.SlotsPerDay));
            }
            if (random.NextDouble() < 0.2)
            {
                var from = random.Next(size.SlotsPerDay) + 1;
                unavailable.Add(new SlotRange(random.Next(size.Days) + 1, from, Math.Min(size.SlotsPerDay, from + random.Next(4))));
            }
            var talkSlot = random.Next(size.SlotsPerDay) + 1;
            IReadOnlyList<SlotRange>? busy = random.NextDouble() < 0.05
                ? [new SlotRange(random.Next(size.Days) + 1, talkSlot, talkSlot)]
                : null;
            participants.Add(new ForumParticipant(
                $"{(korean ? "kr" : "ca")}-{i + 1:D4}", languages, unavailable.Count > 0 ? unavailable : null, busy));
        }

        var popularity = participants.Select(_ => Math.Pow(random.NextDouble(), 2.5) + 0.05).ToArray();
        var requests = new List<ForumRequest>();
        var pairs = new HashSet<(int, int)>();
        var caPicker = new WeightedPicker(popularity[..canadian], random);
        var krPicker = new WeightedPicker(popularity[canadian..], random);
        while (requests.Count < size.Requests)
        {
            var a = caPicker.Next();
            var b = canadian + krPicker.Next();
            if (!pairs.Add((a, b)))
            {
                continue;
            }
            var weight = Weight(random);
            requests.Add(new ForumRequest($"r{requests.Count + 1}", participants[a].Id, participants[b].Id, weight));
        }
        string[][] pairSets = [["ko-en"], ["ko-en"], ["ko-en"], ["ko-fr"], ["ko-en", "ko-fr"], ["fr-en"], ["ko-en", "fr-en"]];
        var pool = Enumerable.Range(1, size.PooledInterpreters)
            .Select(i => new ForumInterpreter($"int-{i:D2}", pairSets[random.Next(pairSets.Length)]))
            .ToList();
        return new ForumInstance
        {
            Name = $"cansec-{size.Firms}f-{size.Requests}r-seed{seed}",
            Days = days,
            Tables = Enumerable.Range(1, size.Tables).Select(t => new ForumTable($"T{t:D3}")).ToList(),
            Interpreters = size.Interpreters,
            InterpreterPool = pool,
            BufferSlots = 1,
            Participants = participants,
            Requests = requests,
        };
    }

    /// <summary>
    /// The weight the web app gives an accepted request: its priority (must meet 6, would like 3, if possible 1), plus
    /// the other firm's priority when both asked (a mutual request), plus 3 when trade officials approved the match; a
    /// pair that officials add as a must-meet weighs 12 (plus 3 when approved).
    /// </summary>
    private static int Weight(Random random)
    {
        static int Priority(Random random) => random.NextDouble() switch { < 0.25 => 6, < 0.65 => 3, _ => 1 };
        var official = random.NextDouble() < 0.03;
        var weight = official ? 12 : Priority(random) + (random.NextDouble() < 0.2 ? Priority(random) : 0);
        return weight + (random.NextDouble() < 0.15 ? 3 : 0);
    }

    private sealed class WeightedPicker(double[] weights, Random random)
    {
        private readonly double[] cumulative = Prefix(weights);

        public int Next()
        {
            var x = random.NextDouble() * cumulative[^1];
            var i = Array.BinarySearch(cumulative, x);
            return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
        }

        private static double[] Prefix(double[] weights)
        {
            var sum = 0.0;
            return weights.Select(w => sum += w).ToArray();
        }
    }
}
