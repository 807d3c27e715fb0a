using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// Gives every scheduled meeting a table available in its slot: locked tables first, then the previous schedule's
/// table, then the table one of the participants sat at in the slot before, then the first free one.
/// </summary>
internal static class TableAssignment
{
    public static List<ScheduledMeeting> Assign(ForumModel model, ForumState state, Dictionary<int, (int Slot, int Table)> previous)
    {
        var table = new int[model.RequestCount];
        Array.Fill(table, -1);
        var interpreter = new int[model.RequestCount];
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
            var next = 1;
            foreach (var r in meetings)
            {
                lastTable[model.First[r]] = table[r];
                lastTable[model.Second[r]] = table[r];
                interpreter[r] = model.NeedsInterpreter[r] ? next++ : 0;
            }
        }
        var result = new List<ScheduledMeeting>();
        for (var r = 0; r < model.RequestCount; r++)
        {
            if (state.IsScheduled(r))
            {
                var at = model.SlotRefs[state.Slot[r]];
                result.Add(new ScheduledMeeting(
                    model.Instance.Requests[r].Id, at.Day, at.Slot, model.Instance.Tables[table[r]].Id,
                    interpreter[r] > 0 ? interpreter[r] : null));
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
