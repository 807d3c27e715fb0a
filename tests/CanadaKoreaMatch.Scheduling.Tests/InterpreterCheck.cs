using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>Who may interpret which meeting, recomputed from the input alone (independently of the solver's model).</summary>
internal sealed class InterpreterCheck
{
    private readonly ForumInstance forum;
    private readonly Dictionary<string, ForumParticipant> participants;
    private readonly Dictionary<string, IReadOnlyList<string>?> pairsOf = new(StringComparer.Ordinal);

    public InterpreterCheck(ForumInstance forum)
    {
        this.forum = forum;
        participants = forum.Participants.ToDictionary(p => p.Id);
        foreach (var i in forum.InterpreterPool)
        {
            pairsOf[i.Id] = i.Pairs;
        }
        for (var n = 1; n <= forum.Interpreters; n++)
        {
            pairsOf[$"{n}"] = null;
        }
    }

    public IEnumerable<string> Ids => pairsOf.Keys;

    public bool Exists(string id) => pairsOf.ContainsKey(id);

    public bool NeedsInterpreter(ForumRequest r) =>
        !participants[r.First].Languages.Any(x => participants[r.Second].Languages.Any(y => string.Equals(x, y, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether interpreter <paramref name="id"/> can serve request <paramref name="r"/> (generic ones serve all).</summary>
    public bool Serves(string id, ForumRequest r)
    {
        if (pairsOf[id] is not { } pairs)
        {
            return true;
        }
        var a = participants[r.First].Languages;
        var b = participants[r.Second].Languages;
        bool Speaks(IReadOnlyList<string> side, string language) => side.Any(l => string.Equals(l.Trim(), language.Trim(), StringComparison.OrdinalIgnoreCase));
        return pairs.Select(p => p.Split('-')).Any(p => (Speaks(a, p[0]) && Speaks(b, p[1])) || (Speaks(a, p[1]) && Speaks(b, p[0])));
    }

    /// <summary>Whether the interpreted meetings <paramref name="meetings"/> of one slot can all get distinct interpreters.</summary>
    public bool Matchable(IReadOnlyList<ForumRequest> meetings)
    {
        var ids = Ids.ToList();
        var holder = new int[ids.Count];
        Array.Fill(holder, -1);
        bool Try(int m, bool[] seen)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (!seen[i] && Serves(ids[i], meetings[m]))
                {
                    seen[i] = true;
                    if (holder[i] < 0 || Try(holder[i], seen))
                    {
                        holder[i] = m;
                        return true;
                    }
                }
            }
            return false;
        }
        return Enumerable.Range(0, meetings.Count).All(m => Try(m, new bool[ids.Count]));
    }

    public int Generic => forum.Interpreters;
}
