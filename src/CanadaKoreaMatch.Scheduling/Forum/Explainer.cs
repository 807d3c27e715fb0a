using CanadaKoreaMatch.Scheduling.Core;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>
/// Explains unscheduled requests against the final schedule: every slot of the request's session (or its locked slot)
/// is covered by at least one blocker, and every blocker is a fact of the schedule or of the input.
/// </summary>
internal static class Explainer
{
    public static List<UnscheduledRequest> Explain(ForumModel model, ForumState state)
    {
        var result = new List<UnscheduledRequest>();
        for (var r = 0; r < model.RequestCount; r++)
        {
            if (!state.IsScheduled(r))
            {
                result.Add(ExplainOne(model, state, r));
            }
        }
        return result;
    }

    private static UnscheduledRequest ExplainOne(ForumModel model, ForumState state, int r)
    {
        var request = model.Instance.Requests[r];
        var a = model.First[r];
        var b = model.Second[r];
        var candidates = model.SessionDomain[r];
        var blockers = new List<Blocker>();
        if (candidates == 0)
        {
            blockers.Add(new Blocker(BlockerKind.Unavailable, null, [], [],
                request.Locked is null ? $"session {request.Session} has no slot" : "the locked slot is outside every session"));
        }
        foreach (var p in new[] { a, b })
        {
            var off = candidates & ~model.ParticipantAvailable[p];
            if (off != 0)
            {
                var id = model.Instance.Participants[p].Id;
                blockers.Add(new Blocker(BlockerKind.Unavailable, id, Refs(model, off), [],
                    $"{id} is unavailable (or keeps a buffer) in {Describe(model, off)}"));
            }
        }
        if (model.LockedTable[r] >= 0 && (candidates & ~model.TableAvailable[model.LockedTable[r]]) is var closed && closed != 0)
        {
            blockers.Add(new Blocker(BlockerKind.NoTable, null, Refs(model, closed), [],
                $"locked table {model.Instance.Tables[model.LockedTable[r]].Id} is unavailable in {Describe(model, closed)}"));
        }

        if (model.Interpreting.ClassOf[r] == InterpreterModel.Unservable && candidates != 0)
        {
            blockers.Add(new Blocker(BlockerKind.NoInterpreter, null, Refs(model, candidates), [], MissingInterpreter(model, a, b)));
        }

        var open = model.Domain[r];
        var lowerPriority = open != 0;
        var booked = new Dictionary<int, (ulong Slots, List<string> By)>();
        ulong noTable = 0, noInterpreter = 0;
        var tableHolders = new List<string>();
        foreach (var s in SlotMask.Slots(open))
        {
            var cheapestEviction = 0;
            for (var side = 0; side < 2; side++)
            {
                var p = side == 0 ? a : b;
                var x = state.MeetingAt(p, s);
                if (x >= 0)
                {
                    var (slots, by) = booked.TryGetValue(p, out var e) ? e : (0UL, new List<string>());
                    by.Add(model.Instance.Requests[x].Id);
                    booked[p] = (slots | SlotMask.Bit(s), by);
                    cheapestEviction = Math.Max(cheapestEviction, model.Weight[x]);
                }
            }
            if (state.Load[s] >= model.TablesPerSlot[s])
            {
                noTable |= SlotMask.Bit(s);
                cheapestEviction = Math.Max(cheapestEviction, Lightest(model, state, s, x => true));
            }
            else if (model.LockedTable[r] >= 0 && state.MeetingsIn(s).FirstOrDefault(x => model.LockedTable[x] == model.LockedTable[r], -1) is var holder && holder >= 0)
            {
                noTable |= SlotMask.Bit(s);
                tableHolders.Add(model.Instance.Requests[holder].Id);
                cheapestEviction = Math.Max(cheapestEviction, model.Weight[holder]);
            }
            if (model.NeedsInterpreter[r] && !state.InterpreterFits(r, s))
            {
                noInterpreter |= SlotMask.Bit(s);
                cheapestEviction = Math.Max(cheapestEviction, Lightest(model, state, s, x => model.NeedsInterpreter[x] && state.InterpreterFitsWithout(r, s, x)));
            }
            if (cheapestEviction == 0)
            {
                throw new InvalidOperationException($"request {model.Instance.Requests[r].Id} fits slot {s} but was left out");
            }
            lowerPriority &= cheapestEviction >= model.Weight[r];
        }
        foreach (var (p, (slots, by)) in booked.OrderBy(x => x.Key))
        {
            var id = model.Instance.Participants[p].Id;
            blockers.Add(new Blocker(BlockerKind.ParticipantBooked, id, Refs(model, slots), by,
                $"{id} already meets in {Describe(model, slots)}"));
        }
        if (noTable != 0)
        {
            blockers.Add(new Blocker(BlockerKind.NoTable, null, Refs(model, noTable), tableHolders,
                $"no table is free in {Describe(model, noTable)}"));
        }
        if (noInterpreter != 0)
        {
            var able = model.Interpreting.Serving(model.Interpreting.ClassOf[r]);
            blockers.Add(new Blocker(BlockerKind.NoInterpreter, null, Refs(model, noInterpreter), [],
                $"the participants share no language and all {able} interpreter{(able == 1 ? "" : "s")} able to serve them {(able == 1 ? "is" : "are")} taken in {Describe(model, noInterpreter)}"));
        }
        var summary = $"{request.Id} (weight {request.Weight}) was not scheduled: " + string.Join("; ", blockers.Select(x => x.Message))
            + (lowerPriority ? $"; every meeting in its way has weight {request.Weight} or more" : "");
        return new UnscheduledRequest(request.Id, request.Weight, blockers, lowerPriority, summary);
    }

    /// <summary>The lightest meeting of slot <paramref name="s"/> that <paramref name="frees"/> the needed room, or int.MaxValue.</summary>
    private static int Lightest(ForumModel model, ForumState state, int s, Func<int, bool> frees)
    {
        var lightest = int.MaxValue;
        var meetings = state.MeetingsIn(s);
        for (var i = 0; i < meetings.Count; i++)
        {
            var x = meetings[i];
            if (model.Weight[x] < lightest && frees(x))
            {
                lightest = model.Weight[x];
            }
        }
        return lightest;
    }

    private static string MissingInterpreter(ForumModel model, int a, int b)
    {
        var first = model.Instance.Participants[a];
        var second = model.Instance.Participants[b];
        string Spoken(ForumParticipant p) => p.Languages is { Count: > 0 } l ? string.Join("/", l) : "no language";
        var needed = (first.Languages ?? []).SelectMany(x => (second.Languages ?? []).Select(y => $"{x}–{y}")).ToList();
        var covered = model.Interpreting.KindPairs.Where(p => p is not null).SelectMany(p => p!).Distinct().Select(p => p.Replace('-', '–')).ToList();
        return $"{first.Id} speaks {Spoken(first)} and {second.Id} speaks {Spoken(second)}: no interpreter translates "
            + (needed.Count == 0 ? "for them" : string.Join(" or ", needed))
            + (covered.Count == 0 ? " (the forum has no interpreter)" : $" (the pool covers {string.Join(", ", covered)})");
    }

    private static List<SlotRef> Refs(ForumModel model, ulong mask) => SlotMask.Slots(mask).Select(s => model.SlotRefs[s]).ToList();

    private static string Describe(ForumModel model, ulong mask)
    {
        var refs = Refs(model, mask);
        return refs.Count == SlotMask.Count(model.SessionSlots)
            ? "every slot"
            : $"{refs.Count} slot{(refs.Count == 1 ? "" : "s")} ({string.Join(", ", refs.Take(6).Select(x => $"d{x.Day}s{x.Slot}"))}{(refs.Count > 6 ? ", …" : "")})";
    }
}
