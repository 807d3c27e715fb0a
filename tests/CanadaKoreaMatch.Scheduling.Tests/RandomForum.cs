using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>Tiny random forums, small enough to enumerate every schedule.</summary>
internal static class RandomForum
{
    public static ForumInstance Create(int seed)
    {
        var random = new Random(seed);
        var pooled = seed % 2 == 0;
        var slots = random.Next(2, 4);
        var participants = Enumerable.Range(1, random.Next(3, 6))
            .Select(i => new ForumParticipant($"p{i}", Languages(random, pooled),
                random.Next(4) == 0 ? [new SlotRange(1, random.Next(1, slots + 1), random.Next(1, slots + 1)) is var r && r.From <= r.To ? r : r with { To = r.From }] : null))
            .ToList();
        var requests = new List<ForumRequest>();
        for (var k = 0; k < random.Next(3, 7); k++)
        {
            var a = random.Next(participants.Count);
            var b = random.Next(participants.Count);
            if (a != b)
            {
                requests.Add(new ForumRequest($"r{k}", participants[a].Id, participants[b].Id, random.Next(1, 6)));
            }
        }
        return new ForumInstance
        {
            Name = $"random-{seed}",
            Days = [new ForumDay("Day 1", slots, [new ForumSession("all", 1, slots)])],
            Tables = Enumerable.Range(1, random.Next(1, 3)).Select(t => new ForumTable($"T{t}")).ToList(),
            Interpreters = random.Next(0, 2),
            InterpreterPool = pooled ? Pool(random) : [],
            Participants = participants,
            Requests = requests,
        };
    }

    /// <summary>
    /// A tiny forum where participants, tables and interpreters all bind: few firms with many requests between them
    /// (odd cycles included, so the participants' graph is often not bipartite), one or two tables, pooled and generic
    /// interpreters, unavailable slots.
    /// </summary>
    public static ForumInstance CreateDense(int seed)
    {
        var random = new Random(seed);
        var slots = random.Next(2, 4);
        var participants = Enumerable.Range(1, random.Next(3, 6))
            .Select(i => new ForumParticipant($"p{i}", Languages(random, pooled: true),
                random.Next(3) == 0 ? [new SlotRange(1, random.Next(1, slots + 1), slots)] : null))
            .ToList();
        var requests = new List<ForumRequest>();
        var count = random.Next(4, 7);
        while (requests.Count < count)
        {
            var a = random.Next(participants.Count);
            var b = random.Next(participants.Count);
            if (a != b)
            {
                requests.Add(new ForumRequest($"r{requests.Count}", participants[a].Id, participants[b].Id, random.Next(1, 16)));
            }
        }
        return new ForumInstance
        {
            Name = $"dense-{seed}",
            Days = [new ForumDay("Day 1", slots, [new ForumSession("all", 1, slots)])],
            Tables = Enumerable.Range(1, random.Next(1, 3)).Select(t => new ForumTable($"T{t}")).ToList(),
            Interpreters = random.Next(0, 2),
            InterpreterPool = Pool(random),
            Participants = participants,
            Requests = requests,
        };
    }

    private static string[] Languages(Random random, bool pooled) =>
        !pooled
            ? random.Next(3) == 0 ? ["ko"] : ["en"]
            : random.Next(6) switch { 0 or 1 => ["ko"], 2 => ["fr"], 3 => ["en", "fr"], 4 => ["ko", "en"], _ => ["en"] };

    private static List<ForumInterpreter> Pool(Random random)
    {
        string[][] kinds = [["ko-en"], ["ko-fr"], ["fr-en"], ["ko-en", "ko-fr"], ["en-ko", "fr-en"]];
        return Enumerable.Range(1, random.Next(0, 4)).Select(i => new ForumInterpreter($"i{i}", kinds[random.Next(kinds.Length)])).ToList();
    }
}

/// <summary>The best total weight over every way to schedule a tiny forum.</summary>
internal static class ExhaustiveForum
{
    public static long MaxWeight(ForumInstance forum)
    {
        var slots = forum.Days[0].Slots;
        var byId = forum.Participants.ToDictionary(p => p.Id);
        var choice = new int[forum.Requests.Count];
        long best = 0;
        void Visit(int i)
        {
            if (i == choice.Length)
            {
                best = Math.Max(best, Weight(forum, byId, choice, slots));
                return;
            }
            for (var s = 0; s <= slots; s++)
            {
                choice[i] = s;
                Visit(i + 1);
            }
        }
        Visit(0);
        return best;
    }

    private static long Weight(ForumInstance forum, Dictionary<string, ForumParticipant> byId, int[] choice, int slots)
    {
        var interpreting = new InterpreterCheck(forum);
        long total = 0;
        for (var s = 1; s <= slots; s++)
        {
            var here = Enumerable.Range(0, choice.Length).Where(i => choice[i] == s).Select(i => forum.Requests[i]).ToList();
            var people = here.SelectMany(r => new[] { r.First, r.Second }).ToList();
            var interpreted = here.Where(interpreting.NeedsInterpreter).ToList();
            var unavailable = people.Any(p => (byId[p].Unavailable ?? []).Any(u => u.From <= s && s <= u.To));
            if (here.Count > forum.Tables.Count || people.Distinct().Count() != people.Count || !interpreting.Matchable(interpreted) || unavailable)
            {
                return 0;
            }
            total += here.Sum(r => r.Weight);
        }
        return total;
    }
}
