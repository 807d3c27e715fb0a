namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>Cached top lists per slot, kept exact by every edit once <see cref="ComputeAll"/> has run.</summary>
    private Ranked[]?[] cache = [];

    /// <summary>Length of the lists callers asked for; 0 while there is no cache.</summary>
    private int cacheTop;

    /// <summary>
    /// Length the lists are computed to. The spare places absorb edits: a list stays exact for its
    /// first <see cref="cacheTop"/> places as long as it keeps that many entries.
    /// </summary>
    private int cacheDepth;

    /// <summary>Whether a cached list holds every eligible counterpart (it was shorter than its depth).</summary>
    private bool[] complete = [];

    /// <summary>For each slot, the slots whose cached list may contain it (stale entries are filtered on use).</summary>
    private List<int>[] listedBy = [];

    /// <summary>
    /// The suggestions already written for the entries of each cached list, by position (null where not yet written).
    /// An edit changes only the pairs of the edited firm, so when a list is replaced the entries it keeps unchanged keep
    /// their reasons, and reading the list again writes the reasons of the changed entry alone.
    /// </summary>
    private Suggestion?[]?[] explained = [];

    /// <summary>The slot of the firm an edit in progress has changed: its entries never keep earlier reasons.</summary>
    private int editedSlot = -1;

    /// <summary>The best <paramref name="top"/> counterparts of a firm, best first; ties go to the smaller id.</summary>
    /// <exception cref="KeyNotFoundException">The firm is not in the pool.</exception>
    public IReadOnlyList<Suggestion> TopFor(Guid id, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        lock (sync)
        {
            return Read(FirmOf(id), top, scratch);
        }
    }

    /// <summary>A firm's list with its reasons: from the kept lists when they are deep enough, otherwise searched.</summary>
    private Suggestion[] Read(Firm me, int top, Scratch local) =>
        cacheTop >= top && cache[me.Slot] is { } cached
            ? ToSuggestions(me, cached, top, explained[me.Slot] ??= new Suggestion?[cached.Length])
            : ToSuggestions(me, Search(me, top, local), top);

    /// <summary>
    /// The lists of several firms at once, read in parallel: what to call with the ids an edit names. Ids not in the
    /// pool are left out.
    /// </summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<Suggestion>> TopFor(IEnumerable<Guid> ids, int top)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        lock (sync)
        {
            return TopForSlots([.. ids.Distinct().Where(slotOf.ContainsKey).Select(id => slotOf[id])], top);
        }
    }

    private Dictionary<Guid, IReadOnlyList<Suggestion>> TopForSlots(int[] wanted, int top)
    {
        var lists = new IReadOnlyList<Suggestion>[wanted.Length];
        Parallel.For(
            0,
            wanted.Length,
            () => new Scratch(),
            (k, _, local) =>
            {
                lists[k] = Read(slots[wanted[k]]!, top, local);
                return local;
            },
            _ => { });
        var result = new Dictionary<Guid, IReadOnlyList<Suggestion>>(wanted.Length);
        for (var k = 0; k < wanted.Length; k++)
        {
            result[slots[wanted[k]]!.Id] = lists[k];
        }

        return result;
    }

    /// <summary>
    /// Every firm's best <paramref name="top"/> counterparts, computed in parallel. The lists are
    /// kept afterwards so that <see cref="Upsert"/>, <see cref="Remove"/> and <see cref="Block"/>
    /// can name exactly the firms whose lists change.
    /// </summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<Suggestion>> ComputeAll(int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        lock (sync)
        {
            // The reasons of the previous lists go first, so that two sets of them are never held at once.
            explained = [];
            var lists = new Ranked[]?[slots.Count];
            Parallel.For(
                0,
                slots.Count,
                () => new Scratch(),
                (slot, _, local) =>
                {
                    if (slots[slot] is { } firm)
                    {
                        lists[slot] = Search(firm, DepthFor(top), local);
                    }

                    return local;
                },
                _ => { });
            SetCache(lists, top);
            var result = new Dictionary<Guid, IReadOnlyList<Suggestion>>(slotOf.Count);
            foreach (var (id, list) in TopForSlots([.. Enumerable.Range(0, lists.Length).Where(slot => lists[slot] is not null)], top))
            {
                result[id] = list;
            }

            return result;
        }
    }

    /// <summary>
    /// Adds or replaces a profile. Returns the ids of the firms whose top lists may have changed,
    /// including the edited firm: exact once <see cref="ComputeAll"/> has run (the cached lists are
    /// updated here), otherwise every firm linked to the old or new profile.
    /// </summary>
    public IReadOnlySet<Guid> Upsert(MatchProfile profile)
    {
        Validate(profile);
        lock (sync)
        {
            var affected = new HashSet<Guid> { profile.Id };
            var listers = new List<int>();
            int slot;
            if (slotOf.TryGetValue(profile.Id, out slot))
            {
                var old = slots[slot]!;
                if (cacheTop == 0)
                {
                    AddLinked(old, affected);
                }
                else
                {
                    listers = Listers(old.Slot);
                }

                RemoveFirm(old);
            }
            else
            {
                slot = NextSlot();
            }

            var firm = Compile(profile, slot, text.Intern(Text.Tokenizer.Tokenize(TextOf(profile))));
            AddFirm(firm);
            if (cacheTop == 0)
            {
                AddLinked(firm, affected);
                return affected;
            }

            EnsureCacheCapacity();
            listedBy[slot] = [];
            explained[slot] = null;
            editedSlot = slot;
            try
            {
                Store(slot, Search(firm, cacheDepth, scratch));
                var recompute = UpdateListers(firm, listers, affected);
                OfferToLists(firm, [.. listers], affected);
                Recompute(recompute, affected);
            }
            finally
            {
                editedSlot = -1;
            }

            return affected;
        }
    }

    /// <summary>Removes a firm. Returns the ids of the remaining firms whose top lists may have changed.</summary>
    public IReadOnlySet<Guid> Remove(Guid id)
    {
        lock (sync)
        {
            var affected = new HashSet<Guid>();
            if (!slotOf.TryGetValue(id, out var slot))
            {
                return affected;
            }

            var firm = slots[slot]!;
            var recompute = new HashSet<int>();
            if (cacheTop == 0)
            {
                AddLinked(firm, affected);
            }
            else
            {
                foreach (var owner in Listers(slot))
                {
                    Drop(owner, slot, recompute, affected);
                }

                cache[slot] = null;
                explained[slot] = null;
                listedBy[slot] = [];
            }

            RemoveFirm(firm);
            freeSlots.Push(slot);
            Recompute(recompute, affected);
            affected.Remove(id);
            return affected;
        }
    }

    /// <summary>
    /// Takes back <see cref="Block"/>: the pair may be suggested again, and both firms' lists are
    /// searched again. Returns the ids whose top lists may have changed.
    /// </summary>
    public IReadOnlySet<Guid> Unblock(Guid a, Guid b)
    {
        lock (sync)
        {
            var affected = new HashSet<Guid>();
            if (!blocked.Remove(PairKey(a, b)) || !slotOf.TryGetValue(a, out var slotA) || !slotOf.TryGetValue(b, out var slotB))
            {
                return affected;
            }

            if (cacheTop == 0)
            {
                affected.Add(a);
                affected.Add(b);
                return affected;
            }

            Recompute([slotA, slotB], affected);
            return affected;
        }
    }

    /// <summary>
    /// Marks a pair "not interested": it is not suggested, in either direction, until <see cref="Unblock"/>. Returns
    /// the ids whose top lists may have changed.
    /// </summary>
    public IReadOnlySet<Guid> Block(Guid a, Guid b)
    {
        lock (sync)
        {
            var affected = new HashSet<Guid>();
            if (!blocked.Add(PairKey(a, b)))
            {
                return affected;
            }

            if (!slotOf.TryGetValue(a, out var slotA) || !slotOf.TryGetValue(b, out var slotB))
            {
                return affected;
            }

            if (cacheTop == 0)
            {
                affected.Add(a);
                affected.Add(b);
                return affected;
            }

            var recompute = new HashSet<int>();
            if (Lists(slotA, slotB))
            {
                Drop(slotA, slotB, recompute, affected);
            }

            if (Lists(slotB, slotA))
            {
                Drop(slotB, slotA, recompute, affected);
            }

            Recompute(recompute, affected);
            return affected;
        }
    }

    /// <summary>
    /// The score of one pair as seen by <paramref name="forFirm"/>, with its reasons; null when the
    /// pair may not be suggested (same country, excluded, blocked, or nothing links them).
    /// </summary>
    /// <exception cref="KeyNotFoundException">Either firm is not in the pool.</exception>
    public Suggestion? Score(Guid forFirm, Guid counterpart)
    {
        lock (sync)
        {
            var me = FirmOf(forFirm);
            var other = FirmOf(counterpart);
            return ExactRaw(me, other) < 0 ? null : ToSuggestions(me, [new Ranked(other.Slot, 0, other.Id)], 1)[0];
        }
    }

    /// <summary>The reference ranking: every firm of the other country scored, no index. For tests and the benchmark.</summary>
    internal IReadOnlyList<Suggestion> TopForExhaustive(Guid id, int top)
    {
        lock (sync)
        {
            var me = FirmOf(id);
            return ToSuggestions(me, SearchExhaustive(me, top), top);
        }
    }

    /// <summary>The reference full recompute for the given firms (all when null), in parallel like <see cref="ComputeAll"/>.</summary>
    internal IReadOnlyDictionary<Guid, IReadOnlyList<Suggestion>> ComputeAllExhaustive(int top, IReadOnlyCollection<Guid>? ids = null)
    {
        lock (sync)
        {
            var lists = new Ranked[]?[slots.Count];
            var wanted = ids is null ? null : ids.Select(id => slotOf[id]).ToHashSet();
            Parallel.For(0, slots.Count, slot =>
            {
                if (slots[slot] is { } firm && (wanted is null || wanted.Contains(slot)))
                {
                    lists[slot] = SearchExhaustive(firm, top);
                }
            });
            return Materialize(lists, top);
        }
    }

    private Dictionary<Guid, IReadOnlyList<Suggestion>> Materialize(Ranked[]?[] lists, int top)
    {
        var suggestions = new IReadOnlyList<Suggestion>?[lists.Length];
        Parallel.For(0, lists.Length, slot =>
        {
            if (lists[slot] is { } ranked)
            {
                suggestions[slot] = ToSuggestions(slots[slot]!, ranked, top);
            }
        });
        var result = new Dictionary<Guid, IReadOnlyList<Suggestion>>(slotOf.Count);
        for (var slot = 0; slot < lists.Length; slot++)
        {
            if (suggestions[slot] is { } list)
            {
                result[slots[slot]!.Id] = list;
            }
        }

        return result;
    }

    /// <summary>The first <paramref name="top"/> entries with their reasons, taking those already written from <paramref name="written"/> and keeping there the ones written now.</summary>
    private Suggestion[] ToSuggestions(Firm me, Ranked[] ranked, int top, Suggestion?[]? written = null)
    {
        var suggestions = new Suggestion[Math.Min(top, ranked.Length)];
        float[]? myTerms = null;
        try
        {
            for (var k = 0; k < suggestions.Length; k++)
            {
                if (written?[k] is { } known)
                {
                    suggestions[k] = known;
                    continue;
                }

                myTerms ??= SpreadTerms(me);
                suggestions[k] = Explain(me, myTerms, slots[ranked[k].Slot]!);
                if (written is not null)
                {
                    written[k] = suggestions[k];
                }
            }
        }
        finally
        {
            if (myTerms is not null)
            {
                ClearTerms(me, myTerms);
            }
        }

        return suggestions;
    }

    private void AddLinked(Firm firm, HashSet<Guid> affected)
    {
        Accumulate(firm, scratch);
        CollectLinked(scratch);
        for (var k = 0; k < scratch.TouchedCount; k++)
        {
            affected.Add(slots[scratch.Touched[k]]!.Id);
        }
    }

    private void ClearCache()
    {
        cache = [];
        explained = [];
        listedBy = [];
        cacheTop = 0;
    }

    private void EnsureCacheCapacity()
    {
        if (cache.Length < slots.Count)
        {
            var size = Math.Max(slots.Count, cache.Length * 2);
            Array.Resize(ref cache, size);
            Array.Resize(ref explained, size);
            Array.Resize(ref complete, size);
            var old = listedBy.Length;
            Array.Resize(ref listedBy, size);
            for (var i = old; i < size; i++)
            {
                listedBy[i] = [];
            }
        }
    }

    private static int DepthFor(int top) => top == 0 ? 0 : top + Math.Max(5, top / 2);

    private void SetCache(Ranked[]?[] lists, int top)
    {
        cacheTop = top;
        cacheDepth = DepthFor(top);
        cache = [];
        explained = [];
        complete = [];
        listedBy = [];
        EnsureCacheCapacity();
        if (top == 0)
        {
            cacheTop = 0;
            return;
        }

        for (var slot = 0; slot < lists.Length; slot++)
        {
            if (lists[slot] is { } list)
            {
                Store(slot, list);
            }
        }
    }

    /// <summary>Caches a freshly searched list: complete when the search found fewer than the depth.</summary>
    private void Store(int slot, Ranked[] list) => Store(slot, list, list.Length < cacheDepth);

    private void Store(int slot, Ranked[] list, bool isComplete)
    {
        explained[slot] = KeptReasons(cache[slot], explained[slot], list);
        cache[slot] = list;
        complete[slot] = isComplete;
        foreach (var entry in list)
        {
            listedBy[entry.Slot].Add(slot);
        }
    }

    /// <summary>
    /// The reasons already written that still hold in <paramref name="list"/>, the list replacing <paramref name="before"/>:
    /// those of the entries it keeps with the same score, but never those of the edited firm. One edit moves every other
    /// entry by at most one place, so each is looked for there first.
    /// </summary>
    private Suggestion?[]? KeptReasons(Ranked[]? before, Suggestion?[]? written, Ranked[] list)
    {
        if (before is null || written is null)
        {
            return null;
        }

        var kept = new Suggestion?[list.Length];
        for (var k = 0; k < kept.Length; k++)
        {
            var entry = list[k];
            if (entry.Slot == editedSlot)
            {
                continue;
            }

            var at = k < before.Length && before[k] == entry ? k
                : k > 0 && k - 1 < before.Length && before[k - 1] == entry ? k - 1
                : k + 1 < before.Length && before[k + 1] == entry ? k + 1
                : Array.IndexOf(before, entry);
            if (at >= 0 && at < written.Length)
            {
                kept[k] = written[at];
            }
        }

        return kept;
    }

    /// <summary>Replaces a cached list after an edit, naming its owner when its visible places changed.</summary>
    private void Replace(int owner, Ranked[] list, bool isComplete, HashSet<Guid> affected)
    {
        var before = cache[owner]!;
        Store(owner, list, isComplete);
        var visible = Math.Min(cacheTop, Math.Max(before.Length, list.Length));
        if (before.Length < visible || list.Length < visible || !before.AsSpan(0, visible).SequenceEqual(list.AsSpan(0, visible)))
        {
            affected.Add(slots[owner]!.Id);
        }
    }

    /// <summary>
    /// Takes a counterpart out of a cached list. Everything outside the list ranks below its last
    /// entry, so the rest stays exact; only a list left shorter than asked is recomputed.
    /// </summary>
    private void Drop(int owner, int leaving, HashSet<int> recompute, HashSet<Guid> affected)
    {
        var list = cache[owner]!;
        var kept = Array.FindAll(list, r => r.Slot != leaving);
        if (!complete[owner] && kept.Length < cacheTop)
        {
            recompute.Add(owner);
        }
        else
        {
            Replace(owner, kept, complete[owner], affected);
        }
    }

    private bool Lists(int owner, int listed) => cache[owner] is { } list && Array.Exists(list, r => r.Slot == listed);

    /// <summary>The slots whose cached list contains <paramref name="slot"/>; compacts the reverse index on the way.</summary>
    private List<int> Listers(int slot)
    {
        var listers = listedBy[slot].Distinct().Where(owner => Lists(owner, slot)).ToList();
        listedBy[slot] = [.. listers];
        return listers;
    }

    /// <summary>
    /// Updates the edited firm's entry in the lists that held it. Every firm outside such a list
    /// ranks below its last entry, so the list stays exact while the new entry still reaches that
    /// last place (or the list is complete); otherwise the entry leaves, as in <see cref="Drop"/>.
    /// </summary>
    private HashSet<int> UpdateListers(Firm firm, List<int> listers, HashSet<Guid> affected)
    {
        var recompute = new HashSet<int>();
        foreach (var owner in listers)
        {
            var list = cache[owner]!;
            var raw = ExactRaw(slots[owner]!, firm);
            var entry = new Ranked(firm.Slot, raw, firm.Id);
            var last = list[^1];
            var stays = raw >= 0 && (complete[owner] || (last.Slot == firm.Slot ? raw >= last.Raw : entry.IsBetterThan(last)));
            if (!stays)
            {
                Drop(owner, firm.Slot, recompute, affected);
                continue;
            }

            var updated = new TopList(list.Length);
            foreach (var existing in list)
            {
                if (existing.Slot != firm.Slot)
                {
                    updated.Offer(existing);
                }
            }

            updated.Offer(entry);
            Replace(owner, updated.ToArray(), complete[owner], affected);
        }

        return recompute;
    }

    /// <summary>Inserts <paramref name="firm"/> into the cached lists it now enters; no other pair has changed.</summary>
    private void OfferToLists(Firm firm, HashSet<int> recompute, HashSet<Guid> affected)
    {
        Accumulate(firm, scratch);
        CollectLinked(scratch);
        for (var k = 0; k < scratch.TouchedCount; k++)
        {
            var slot = scratch.Touched[k];
            if (recompute.Contains(slot) || cache[slot] is not { } list)
            {
                continue;
            }

            // A complete list takes any eligible firm; a truncated one only a firm that beats its last place.
            var open = complete[slot] || list.Length == 0;
            if (!open && Bound(firm, slot, scratch, meReads: false) < list[^1].Raw)
            {
                continue;
            }

            var owner = slots[slot]!;
            var raw = ExactRaw(owner, firm, open ? double.NegativeInfinity : list[^1].Raw);
            var entry = new Ranked(firm.Slot, raw, firm.Id);
            if (raw < 0 || (!open && !entry.IsBetterThan(list[^1])))
            {
                continue;
            }

            var updated = new TopList(cacheDepth);
            foreach (var existing in list)
            {
                updated.Offer(existing);
            }

            updated.Offer(entry);
            var overflowed = list.Length + 1 > cacheDepth;
            Replace(slot, updated.ToArray(), complete[slot] && !overflowed, affected);
        }
    }

    private void Recompute(HashSet<int> recompute, HashSet<Guid> affected)
    {
        foreach (var slot in recompute.Order())
        {
            if (slots[slot] is { } firm)
            {
                Store(slot, Search(firm, cacheDepth, scratch));
                affected.Add(firm.Id);
            }
        }
    }
}
