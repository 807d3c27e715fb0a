using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// Gives every scheduled meeting a table available in its slot: locked tables first, then the previous schedule's
/// table, then the table one of the participants sat at in the slot before, then the first free one; and every
/// interpreted meeting an interpreter able to serve it, distinct within the slot (a bipartite matching), keeping the
/// previous schedule's interpreter of a meeting that stays in its slot when the matching allows.
/// </summary>
internal static class TableAssignment
{
    public static List<ScheduledMeeting> Assign(
        ForumModel model, ForumState state, Dictionary<int, (int Slot, int Table)> previous, IReadOnlyDictionary<int, (int Slot, string Interpreter)>? previousInterpreters = null)
    {
        var table = new int[model.RequestCount];
        Array.Fill(table, -1);
        var interpreter = new string?[model.RequestCount];
        var interpreters = new InterpreterMatching(model.Interpreting);
        var lastTable = new int[model.Instance.Participants.Count];
        Array.Fill(lastTable, -1);
        for (var s = 0; s < model.SlotCount; s++)
        {
            var meetings = state.MeetingsIn(s).OrderBy(r => r).ToList();
            var taken = new bool[model.Instance.Tables.Count];
            bool Free(int t) => t >= 0 && !taken[t] && SlotMask.Contains(model.TableAvailable[t], s);
            void Take(int r, int t)
            {
                table[r] = t;
                taken[t] = true;
            }

            foreach (var r in meetings.Where(r => model.LockedTable[r] >= 0))
            {
                Take(r, model.LockedTable[r]);
            }
            foreach (var r in meetings.Where(r => table[r] < 0 && previous.TryGetValue(r, out var p) && p.Slot == s && Free(p.Table)))
            {
                Take(r, previous[r].Table);
            }
            foreach (var r in meetings.Where(r => table[r] < 0))
            {
                var a = lastTable[model.First[r]];
                var b = lastTable[model.Second[r]];
                var t = Free(a) ? a : Free(b) ? b : FirstFree(model, taken, s);
                Take(r, t);
            }
            foreach (var r in meetings)
            {
                lastTable[model.First[r]] = table[r];
                lastTable[model.Second[r]] = table[r];
            }
            var interpreted = meetings.Where(r => model.NeedsInterpreter[r]).ToList();
            var preferred = interpreted
                .Select(r => previousInterpreters is not null && previousInterpreters.TryGetValue(r, out var p) && p.Slot == s ? p.Interpreter : null)
                .ToList();
            var served = interpreters.Match(interpreted.Select(r => model.Interpreting.ClassOf[r]).ToList(), preferred)
                ?? throw new InvalidOperationException($"slot {s} holds interpreted meetings that no assignment of interpreters serves");
            for (var i = 0; i < interpreted.Count; i++)
            {
                interpreter[interpreted[i]] = served[i];
            }
        }
        var result = new List<ScheduledMeeting>();
        for (var r = 0; r < model.RequestCount; r++)
        {
            if (state.IsScheduled(r))
            {
                var at = model.SlotRefs[state.Slot[r]];
                result.Add(new ScheduledMeeting(
                    model.Instance.Requests[r].Id, at.Day, at.Slot, model.Instance.Tables[table[r]].Id, interpreter[r]));
            }
        }
        return result;
    }

    private static int FirstFree(ForumModel model, bool[] taken, int slot)
    {
        for (var t = 0; t < taken.Length; t++)
        {
            if (!taken[t] && SlotMask.Contains(model.TableAvailable[t], slot))
            {
                return t;
            }
        }
        throw new InvalidOperationException($"slot {slot} holds more meetings than available tables");
    }
}

/// <summary>Matches the interpreted meetings of one slot to distinct interpreters able to serve them (augmenting paths).</summary>
internal sealed class InterpreterMatching
{
    private readonly string[] ids;
    private readonly int[] kindOf;
    private readonly ulong[] classKinds;

    public InterpreterMatching(InterpreterModel model)
    {
        ids = model.KindMembers.SelectMany(m => m).ToArray();
        kindOf = model.KindMembers.SelectMany((m, k) => m.Select(_ => k)).ToArray();
        classKinds = model.ClassKinds;
    }

    /// <summary>
    /// The interpreter of each meeting (given by its class), or null when no matching serves them all. Meetings first
    /// keep their <paramref name="preferred"/> interpreter when it can serve them and is not taken; augmenting paths
    /// then serve the rest (Berge: from any partial matching they reach a complete one whenever one exists).
    /// </summary>
    public string[]? Match(IReadOnlyList<int> classes, IReadOnlyList<string?>? preferred = null)
    {
        var holder = new int[ids.Length];
        Array.Fill(holder, -1);
        var served = new bool[classes.Count];
        for (var m = 0; m < classes.Count && preferred is not null; m++)
        {
            var i = preferred[m] is { } id ? Array.IndexOf(ids, id) : -1;
            if (i >= 0 && holder[i] < 0 && classes[m] >= 0 && (classKinds[classes[m]] & (1UL << kindOf[i])) != 0)
            {
                holder[i] = m;
                served[m] = true;
            }
        }
        for (var m = 0; m < classes.Count; m++)
        {
            if (!served[m] && (classes[m] < 0 || !Augment(m, classes, holder, new bool[ids.Length])))
            {
                return null;
            }
        }
        var result = new string[classes.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (holder[i] >= 0)
            {
                result[holder[i]] = ids[i];
            }
        }
        return result;
    }

    private bool Augment(int m, IReadOnlyList<int> classes, int[] holder, bool[] seen)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (holder[i] < 0 && (classKinds[classes[m]] & (1UL << kindOf[i])) != 0)
            {
                holder[i] = m;
                return true;
            }
        }
        for (var i = 0; i < ids.Length; i++)
        {
            if (seen[i] || (classKinds[classes[m]] & (1UL << kindOf[i])) == 0)
            {
                continue;
            }
            seen[i] = true;
            if (holder[i] < 0 || Augment(holder[i], classes, holder, seen))
            {
                holder[i] = m;
                return true;
            }
        }
        return false;
    }
}
