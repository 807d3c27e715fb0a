using CanadaKoreaMatch.Matching.Text;

namespace CanadaKoreaMatch.Matching;

/// <summary>
/// Ranks, for every firm, counterparts from the other country, with a symmetric 0–100 score and
/// the profile facts behind it. Pure: profiles in, suggestions out; no I/O, no clock.
/// </summary>
/// <remarks>
/// Candidates come from inverted indexes (offered and sought codes, their domains, programmes);
/// each candidate's best possible score is bounded from the index sums, and only candidates whose
/// bound can still enter the top list are scored exactly, so the result equals an exhaustive
/// ranking. Rarity statistics (code specificity, text IDF) are a snapshot of the pool taken at
/// construction or by <see cref="RefreshStatistics"/>; edits do not move them, so an edit changes
/// only the pairs that contain the edited firm. All public members are serialised by a lock;
/// <see cref="ComputeAll"/> runs in parallel inside it.
/// </remarks>
public sealed partial class MatchingEngine
{
    private readonly Lock sync = new();
    private readonly Codebook codes = new();
    private readonly Codebook domains = new();
    private readonly Codebook programmes = new();
    private readonly Codebook modes = new();
    private readonly Codebook compliance = new();
    private readonly Codebook languages = new();
    private readonly List<int> codeDomain = [];
    private readonly List<double> codeSpec = [];
    private readonly List<bool> codeControlled = [];

    /// <summary>Per code, its bit among the controlled codes (in the order they were named), or -1.</summary>
    private readonly List<int> controlledBit = [];
    private int controlledCodes;
    private readonly List<double> programmeSpec = [];
    private readonly List<(int Other, double Credit)[]> relatedProgrammes = [];
    private readonly TextModel text = new();
    private readonly List<Firm?> slots = [];
    private readonly Stack<int> freeSlots = new();

    /// <summary>
    /// Per side, a slot range holding every firm of that side (it may hold others too). The pool
    /// is numbered side by side, so that a search bounds only the other side's range.
    /// </summary>
    private readonly (int First, int End)[] sideSlots = [(int.MaxValue, 0), (int.MaxValue, 0)];
    private readonly Dictionary<Guid, int> slotOf = [];
    private readonly HashSet<(Guid, Guid)> blocked = [];
    private readonly Postings offerers = new();
    private readonly Postings seekers = new();
    private readonly Postings domainOfferers = new();
    private readonly Postings domainSeekers = new();
    private readonly Postings programmeMembers = new();
    private readonly Postings termHolders = new();
    private readonly Scratch scratch = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int A, int B, int C, int D), string[]> subjectCache = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> joinedPhrases = new(StringComparer.Ordinal);
    private Summary[] summaries = [];

    /// <summary>Per slot, 1 / the number of codes the firm offers (0 for none): the focus of a candidate from the exact matches counted in a walk.</summary>
    private float[] inverseOffers = [];

    /// <summary>Per slot, 1 / the number of codes the firm seeks (0 for none).</summary>
    private float[] inverseSeeks = [];

    /// <summary>Per slot, 1 when the firm lacks the registration controlled work needs, else 0.</summary>
    private float[] lacksCredential = [];
    private int snapshotPool;
    private int cgp;
    private int dapa;
    private int dtsa;
    private int supplyChain;
    private bool[] primeModes = [];
    private bool[] smeModes = [];
    private ulong primeModeMask;
    private ulong smeModeMask;
    private ulong supplyModeMask;

    /// <summary>Builds the engine over a pool of profiles and the pairs already marked "not interested".</summary>
    /// <exception cref="ArgumentException">Two profiles share an id, or a country is neither CA nor KR.</exception>
    public MatchingEngine(IEnumerable<MatchProfile> profiles, IEnumerable<(Guid A, Guid B)>? blockedPairs = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        foreach (var (a, b) in blockedPairs ?? [])
        {
            blocked.Add(PairKey(a, b));
        }

        Initialize([.. profiles]);
    }

    /// <summary>Number of firms in the pool.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return slotOf.Count;
            }
        }
    }

    /// <summary>Whether the pool holds a firm with this id.</summary>
    public bool Contains(Guid id)
    {
        lock (sync)
        {
            return slotOf.ContainsKey(id);
        }
    }

    /// <summary>
    /// Recomputes code specificity and text IDF from the current pool and drops the cached lists.
    /// Worth calling after the pool has grown or changed by a tenth or so; returns every firm id.
    /// </summary>
    public IReadOnlySet<Guid> RefreshStatistics()
    {
        lock (sync)
        {
            var profiles = slots.Where(f => f is not null).Select(f => f!.Profile).ToList();
            Initialize(profiles);
            return profiles.Select(p => p.Id).ToHashSet();
        }
    }

    private void Initialize(List<MatchProfile> profiles)
    {
        ClearState();
        var seen = new HashSet<Guid>();
        foreach (var profile in profiles)
        {
            Validate(profile);
            if (!seen.Add(profile.Id))
            {
                throw new ArgumentException($"Duplicate firm id {profile.Id}.", nameof(profiles));
            }
        }

        snapshotPool = profiles.Count;
        var codeFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var programmeFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = new List<int[]>(profiles.Count);
        foreach (var profile in profiles)
        {
            foreach (var code in profile.Offers.Concat(profile.Seeks).Select(c => Taxonomy.Normalize(c.Code)).Distinct())
            {
                codeFrequency[code] = codeFrequency.GetValueOrDefault(code) + 1;
            }

            foreach (var programme in profile.Programmes.Select(Taxonomy.Normalize).Distinct())
            {
                programmeFrequency[programme] = programmeFrequency.GetValueOrDefault(programme) + 1;
            }

            documents.Add(text.Intern(Tokenizer.Tokenize(TextOf(profile))));
        }

        foreach (var (code, frequency) in codeFrequency.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            InternCode(code, frequency);
        }

        foreach (var (programme, frequency) in programmeFrequency.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            InternProgramme(programme, frequency);
        }

        text.Snapshot(documents);
        foreach (var i in Enumerable.Range(0, profiles.Count).OrderBy(i => SideOf(profiles[i])))
        {
            AddFirm(Compile(profiles[i], NextSlot(), documents[i]));
        }
    }

    private void ClearState()
    {
        foreach (var book in new[] { codes, domains, programmes, modes, compliance, languages })
        {
            book.Clear();
        }

        foreach (var index in new[] { offerers, seekers, domainOfferers, domainSeekers, programmeMembers, termHolders })
        {
            index.Clear();
        }

        subjectCache.Clear();
        joinedPhrases.Clear();
        codeDomain.Clear();
        codeSpec.Clear();
        codeControlled.Clear();
        controlledBit.Clear();
        controlledCodes = 0;
        programmeSpec.Clear();
        relatedProgrammes.Clear();
        text.Clear();
        slots.Clear();
        freeSlots.Clear();
        sideSlots[0] = sideSlots[1] = (int.MaxValue, 0);
        slotOf.Clear();
        ClearCache();
        cgp = compliance.Intern("CGP");
        dapa = compliance.Intern("DAPA");
        dtsa = compliance.Intern("DTSA");
        supplyChain = modes.Intern(Taxonomy.SupplyChainMode);
        foreach (var mode in Taxonomy.PrimeToPrimeModes.Concat(Taxonomy.SmeToSmeModes).Order(StringComparer.Ordinal))
        {
            modes.Intern(mode);
        }
    }

    private static void Validate(MatchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Country is not (Taxonomy.Canada or Taxonomy.Korea))
        {
            throw new ArgumentException($"Firm {profile.Id}: country must be CA or KR, not '{profile.Country}'.", nameof(profile));
        }
    }

    private static string TextOf(MatchProfile profile)
    {
        var notes = profile.Offers.Concat(profile.Seeks).Select(c => c.Note).Where(n => !string.IsNullOrWhiteSpace(n));
        return string.Join("\n", notes.Prepend(profile.Description));
    }

    private int InternCode(string code, int frequency)
    {
        var existing = codes.Find(code);
        if (existing >= 0)
        {
            return existing;
        }

        var id = codes.Intern(code);
        var domain = Taxonomy.DomainOf(code);
        codeDomain.Add(domains.Intern(domain));
        codeSpec.Add(Model.Specificity(frequency, snapshotPool));
        var controlled = Taxonomy.ControlledDomains.Contains(domain);
        codeControlled.Add(controlled);
        controlledBit.Add(controlled ? controlledCodes++ : -1);
        return id;
    }

    private int InternProgramme(string programme, int frequency)
    {
        var existing = programmes.Find(programme);
        if (existing >= 0)
        {
            return existing;
        }

        var id = programmes.Intern(programme);
        programmeSpec.Add(Model.Specificity(frequency, snapshotPool));
        relatedProgrammes.Add([]);
        foreach (var (a, b) in Taxonomy.RelatedProgrammes)
        {
            var other = a == programme ? b : b == programme ? a : null;
            var otherId = other is null ? -1 : programmes.Find(other);
            if (otherId >= 0)
            {
                var credit = Model.RelatedProgrammeCredit * 0.5 * (programmeSpec[id] + programmeSpec[otherId]);
                relatedProgrammes[id] = [.. relatedProgrammes[id], (otherId, credit)];
                relatedProgrammes[otherId] = [.. relatedProgrammes[otherId], (id, credit)];
            }
        }

        return id;
    }

    private int NextSlot()
    {
        if (freeSlots.Count > 0)
        {
            return freeSlots.Pop();
        }

        slots.Add(null);
        return slots.Count - 1;
    }

    private Firm Compile(MatchProfile profile, int slot, int[] document)
    {
        var (offers, offerTrl) = CompileClaims(profile.Offers);
        var (seeks, seekTrl) = CompileClaims(profile.Seeks);
        var seekDomains = new SortedDictionary<int, double>();
        foreach (var code in seeks)
        {
            var domain = codeDomain[code];
            seekDomains[domain] = seekDomains.GetValueOrDefault(domain) + codeSpec[code];
        }

        var programmeIds = new SortedSet<int>();
        foreach (var programme in profile.Programmes.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            programmeIds.Add(InternProgramme(Taxonomy.Normalize(programme), 1));
        }

        var modeIds = modes.InternSet(profile.Modes);
        var complianceIds = compliance.InternSet(profile.Compliance);
        if (primeModes.Length < modes.Count)
        {
            primeModes = [.. Enumerable.Range(0, modes.Count).Select(m => Taxonomy.PrimeToPrimeModes.Contains(modes.Name(m)))];
            smeModes = [.. Enumerable.Range(0, modes.Count).Select(m => Taxonomy.SmeToSmeModes.Contains(modes.Name(m)))];
            primeModeMask = MaskOf(primeModes);
            smeModeMask = MaskOf(smeModes);
            supplyModeMask = 1UL << supplyChain;
        }

        var credentialed = profile.Country == Taxonomy.Canada
            ? SortedIds.Contains(complianceIds, cgp)
            : SortedIds.Contains(complianceIds, dapa) || SortedIds.Contains(complianceIds, dtsa);
        return new Firm
        {
            Profile = profile,
            Slot = slot,
            Side = SideOf(profile),
            Offers = offers,
            OfferTrl = offerTrl,
            Seeks = seeks,
            SeekTrl = seekTrl,
            OfferDomains = [.. offers.Select(c => codeDomain[c]).Distinct().Order()],
            SeekDomains = [.. seekDomains.Keys],
            SeekDomainSpec = [.. seekDomains.Values],
            Programmes = [.. programmeIds],
            Modes = modeIds,
            Compliance = complianceIds,
            Languages = languages.InternSet(profile.Languages),
            HoldsControlledCredential = credentialed,
            Text = text.Vectorize(document),
            Excluded = [.. profile.Excluded],
        };
    }

    private (int[] Codes, int[] Trl) CompileClaims(IReadOnlyList<CapabilityClaim> claims)
    {
        var byCode = new SortedDictionary<int, int>();
        foreach (var claim in claims)
        {
            if (string.IsNullOrWhiteSpace(claim.Code))
            {
                continue;
            }

            var id = InternCode(Taxonomy.Normalize(claim.Code), 1);
            var trl = claim.Trl is >= 1 and <= 9 ? claim.Trl.Value : 0;
            byCode[id] = Math.Max(byCode.GetValueOrDefault(id), trl);
        }

        return ([.. byCode.Keys], [.. byCode.Values]);
    }

    private static int SideOf(MatchProfile profile) => profile.Country == Taxonomy.Canada ? 0 : 1;

    private void AddFirm(Firm firm)
    {
        slots[firm.Slot] = firm;
        var (first, end) = sideSlots[firm.Side];
        sideSlots[firm.Side] = (Math.Min(first, firm.Slot), Math.Max(end, firm.Slot + 1));
        slotOf[firm.Id] = firm.Slot;
        if (summaries.Length < slots.Count)
        {
            Array.Resize(ref summaries, Math.Max(slots.Count, summaries.Length * 2));
            Array.Resize(ref inverseOffers, VectorLength(summaries.Length));
            Array.Resize(ref inverseSeeks, VectorLength(summaries.Length));
            Array.Resize(ref lacksCredential, summaries.Length);
        }

        inverseOffers[firm.Slot] = firm.Offers.Length > 0 ? 1f / firm.Offers.Length : 0f;
        inverseSeeks[firm.Slot] = firm.Seeks.Length > 0 ? 1f / firm.Seeks.Length : 0f;
        lacksCredential[firm.Slot] = firm.HoldsControlledCredential ? 0f : 1f;

        summaries[firm.Slot] = Summary.Of(firm, controlledBit);
        foreach (var code in firm.Offers)
        {
            offerers.Add(firm.Side, code, firm.Slot);
        }

        foreach (var code in firm.Seeks)
        {
            seekers.Add(firm.Side, code, firm.Slot);
        }

        foreach (var domain in firm.OfferDomains)
        {
            domainOfferers.Add(firm.Side, domain, firm.Slot);
        }

        for (var k = 0; k < firm.SeekDomains.Length; k++)
        {
            domainSeekers.Add(firm.Side, firm.SeekDomains[k], firm.Slot, (float)(Model.DomainCredit * firm.SeekDomainSpec[k]));
        }

        foreach (var programme in firm.Programmes)
        {
            programmeMembers.Add(firm.Side, programme, firm.Slot);
        }

        for (var k = 0; k < firm.Text.Terms.Length; k++)
        {
            termHolders.Add(firm.Side, firm.Text.Terms[k], firm.Slot, firm.Text.Weights[k]);
        }
    }

    private void RemoveFirm(Firm firm)
    {
        foreach (var code in firm.Offers)
        {
            offerers.Remove(firm.Side, code, firm.Slot);
        }

        foreach (var code in firm.Seeks)
        {
            seekers.Remove(firm.Side, code, firm.Slot);
        }

        foreach (var domain in firm.OfferDomains)
        {
            domainOfferers.Remove(firm.Side, domain, firm.Slot);
        }

        foreach (var domain in firm.SeekDomains)
        {
            domainSeekers.Remove(firm.Side, domain, firm.Slot);
        }

        foreach (var programme in firm.Programmes)
        {
            programmeMembers.Remove(firm.Side, programme, firm.Slot);
        }

        foreach (var term in firm.Text.Terms)
        {
            termHolders.Remove(firm.Side, term, firm.Slot);
        }

        slots[firm.Slot] = null;
        slotOf.Remove(firm.Id);
    }

    private static ulong MaskOf(bool[] flags)
    {
        var mask = 0UL;
        for (var i = 0; i < Math.Min(flags.Length, 64); i++)
        {
            mask |= flags[i] ? 1UL << i : 0;
        }

        return mask;
    }

    private static (Guid, Guid) PairKey(Guid a, Guid b) => a.CompareTo(b) <= 0 ? (a, b) : (b, a);

    private Firm FirmOf(Guid id) =>
        slotOf.TryGetValue(id, out var slot) ? slots[slot]! : throw new KeyNotFoundException($"No firm {id} in the pool.");
}
