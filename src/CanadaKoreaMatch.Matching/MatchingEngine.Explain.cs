namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    private const int MaxSharedTerms = 3;

    [ThreadStatic]
    private static List<Reason>? reasonBuffer;

    [ThreadStatic]
    private static List<(string[] Words, string Display)>? phraseBuffer;

    [ThreadStatic]
    private static HashSet<string>? coveredBuffer;

    /// <summary>The suggestion of <paramref name="other"/> to <paramref name="me"/>, with reasons written for <paramref name="me"/>.</summary>
    private Suggestion Explain(Firm me, Firm other)
    {
        var meIsA = me.Id.CompareTo(other.Id) < 0;
        var (a, b) = meIsA ? (me, other) : (other, me);
        var f = Measure(a, b);
        var parts = ScoreParts.From(f, a.Need, b.Need);
        var score = Model.Calibrate(parts.Raw);
        var scale = parts.Raw > 0 ? score / parts.Raw : 0;
        // Per-thread buffers: a full recompute explains a million pairs, and the garbage would
        // otherwise dominate its peak memory.
        var reasons = reasonBuffer ??= new List<Reason>(16);
        reasons.Clear();

        var toMe = (meIsA ? parts.ComplementToA : parts.ComplementToB) * scale;
        var toOther = (meIsA ? parts.ComplementToB : parts.ComplementToA) * scale;
        AddServeReasons(giver: other, taker: me, meIsA ? f.ServeBToA : f.ServeAToB, toMe, viewerIsTaker: true, reasons);
        AddServeReasons(giver: me, taker: other, meIsA ? f.ServeAToB : f.ServeBToA, toOther, viewerIsTaker: false, reasons);
        AddPeerReasons(me, other, f.Peer, parts.Peer * scale, reasons);
        AddProgrammeReasons(me, other, f.Programme, parts.Programme * scale, reasons);
        if (parts.Text > 0)
        {
            reasons.Add(new Reason(ReasonKind.SharedTerms, SharedTerms(me, other), parts.Text * scale));
        }

        if (parts.Modes > 0)
        {
            reasons.Add(new Reason(ReasonKind.ModesAgree, SharedNames(4, me.Modes, other.Modes, modes), parts.Modes * scale));
        }
        else if (me.Modes.Length > 0 && other.Modes.Length > 0)
        {
            reasons.Add(new Reason(ReasonKind.ModesDiffer, [], 0));
        }

        if (parts.Size > 0)
        {
            reasons.Add(new Reason(ReasonKind.SizeFit, Cached((6, other.IsLarge ? 1 : 0, me.IsLarge ? 1 : 0, 0), static (_, k) => [k.B == 1 ? Sizes.Large : Sizes.Sme, k.C == 1 ? Sizes.Large : Sizes.Sme]), parts.Size * scale));
        }

        if (parts.Language > 0)
        {
            reasons.Add(new Reason(ReasonKind.SharedLanguage, SharedNames(5, me.Languages, other.Languages, languages), parts.Language * scale));
        }

        var gapPoints = parts.BeforePenalty * Model.CompliancePenalty * scale;
        var iSeekControlled = SeeksControlledFrom(me, other);
        if (iSeekControlled)
        {
            reasons.Add(other.HoldsControlledCredential
                ? new Reason(ReasonKind.ComplianceFit, HeldCredential(other), 0)
                : new Reason(ReasonKind.ComplianceGap, Taxonomy.ControlledWorkCredentials(other.Profile.Country), -gapPoints));
        }

        if (meIsA ? f.AGap : f.BGap)
        {
            reasons.Add(new Reason(ReasonKind.YourComplianceGap, Taxonomy.ControlledWorkCredentials(me.Profile.Country), -gapPoints));
        }

        reasons.Sort(static (x, y) => y.Contribution.CompareTo(x.Contribution) is var c && c != 0 ? c : x.Kind.CompareTo(y.Kind));
        return new Suggestion(other.Id, score, reasons.ToArray());
    }

    private bool SeeksControlledFrom(Firm seeker, Firm giver)
    {
        foreach (var code in seeker.Seeks)
        {
            if (codeControlled[code] && Array.BinarySearch(giver.Offers, code) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private void AddServeReasons(Firm giver, Firm taker, double total, double points, bool viewerIsTaker, List<Reason> reasons)
    {
        if (total <= 0)
        {
            return;
        }

        for (var j = 0; j < taker.Seeks.Length; j++)
        {
            var code = taker.Seeks[j];
            var i = Array.BinarySearch(giver.Offers, code);
            double credit;
            Reason reason;
            if (i >= 0)
            {
                var immature = Immature(giver.OfferTrl[i], taker.SeekTrl[j]);
                credit = immature ? Model.ImmatureCredit : 1.0;
                reason = (viewerIsTaker, immature) switch
                {
                    (true, true) => new Reason(
                        ReasonKind.MaturityBelowNeed,
                        Cached((2, code, giver.OfferTrl[i], taker.SeekTrl[j]), static (e, k) => [e.codes.Name(k.B), Invariant(k.C), Invariant(k.D)]),
                        0),
                    (true, false) => new Reason(ReasonKind.OffersWhatYouSeek, codes.Single(code), 0),
                    _ => new Reason(ReasonKind.SeeksWhatYouOffer, codes.Single(code), 0),
                };
            }
            else if (giver.OffersDomain(codeDomain[code]))
            {
                credit = Model.DomainCredit;
                var near = Array.Find(giver.Offers, c => codeDomain[c] == codeDomain[code]);
                reason = viewerIsTaker
                    ? new Reason(ReasonKind.OffersCloseToWhatYouSeek, Cached((1, near, code, 0), static (e, k) => [e.codes.Name(k.B), e.codes.Name(k.C), e.domains.Name(e.codeDomain[k.C])]), 0)
                    : new Reason(ReasonKind.SeeksCloseToWhatYouOffer, Cached((1, code, near, 0), static (e, k) => [e.codes.Name(k.B), e.codes.Name(k.C), e.domains.Name(e.codeDomain[k.C])]), 0);
            }
            else
            {
                continue;
            }

            reasons.Add(reason with { Contribution = points * credit * codeSpec[code] / total });
        }
    }

    private void AddPeerReasons(Firm me, Firm other, double total, double points, List<Reason> reasons)
    {
        if (total <= 0)
        {
            return;
        }

        foreach (var code in me.Offers)
        {
            if (Array.BinarySearch(other.Offers, code) >= 0)
            {
                reasons.Add(new Reason(ReasonKind.SharedCapability, codes.Single(code), points * codeSpec[code] / total));
            }
        }
    }

    private void AddProgrammeReasons(Firm me, Firm other, double total, double points, List<Reason> reasons)
    {
        if (total <= 0)
        {
            return;
        }

        foreach (var programme in me.Programmes)
        {
            if (Array.BinarySearch(other.Programmes, programme) >= 0)
            {
                reasons.Add(new Reason(ReasonKind.SharedProgramme, programmes.Single(programme), points * programmeSpec[programme] / total));
            }

            foreach (var (related, credit) in relatedProgrammes[programme])
            {
                if (Array.BinarySearch(other.Programmes, related) >= 0)
                {
                    var subjects = Cached((3, related, programme, 0), static (e, k) => [e.programmes.Name(k.B), e.programmes.Name(k.C)]);
                    reasons.Add(new Reason(ReasonKind.RelatedProgramme, subjects, points * credit / total));
                }
            }
        }
    }

    /// <summary>The terms that contribute most to the cosine, phrases before the words they contain.</summary>
    private string[] SharedTerms(Firm me, Firm other)
    {
        // The heaviest shared terms, kept in order as they are found.
        const int considered = 4 * MaxSharedTerms;
        Span<int> bestTerms = stackalloc int[considered];
        Span<double> bestWeights = stackalloc double[considered];
        var count = 0;
        var x = me.Text;
        var y = other.Text;
        int i = 0, j = 0;
        while (i < x.Terms.Length && j < y.Terms.Length)
        {
            if (x.Terms[i] == y.Terms[j])
            {
                var weight = (double)x.Weights[i] * y.Weights[j];
                var at = count < considered ? count++ : considered;
                while (at > 0 && (weight > bestWeights[at - 1] || (weight == bestWeights[at - 1] && x.Terms[i] < bestTerms[at - 1])))
                {
                    if (at < considered)
                    {
                        bestWeights[at] = bestWeights[at - 1];
                        bestTerms[at] = bestTerms[at - 1];
                    }

                    at--;
                }

                if (at < considered)
                {
                    bestWeights[at] = weight;
                    bestTerms[at] = x.Terms[i];
                }

                i++;
                j++;
            }
            else if (x.Terms[i] < y.Terms[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var phrases = phraseBuffer ??= new List<(string[] Words, string Display)>(MaxSharedTerms);
        phrases.Clear();
        for (var n = 0; n < count; n++)
        {
            var term = bestTerms[n];
            if (text.Words(term) is not { } words)
            {
                continue;
            }

            var display = text.Display(term);
            var joined = false;
            for (var k = 0; k < phrases.Count && !joined; k++)
            {
                var (w, d) = phrases[k];
                if (w[^1] == words[0])
                {
                    phrases[k] = ([.. w, words[1]], d + display[FirstWordLength(display)..]);
                    joined = true;
                }
                else if (words[1] == w[0])
                {
                    phrases[k] = ([words[0], .. w], display[..(FirstWordLength(display) + 1)] + d);
                    joined = true;
                }
            }

            if (!joined && phrases.Count < MaxSharedTerms)
            {
                phrases.Add((words, display));
            }
        }

        var chosen = new List<string>(MaxSharedTerms);
        var covered = coveredBuffer ??= new HashSet<string>(StringComparer.Ordinal);
        covered.Clear();
        foreach (var (words, display) in phrases)
        {
            chosen.Add(words.Length > 2 ? joinedPhrases.GetOrAdd(display, display) : display);
            covered.UnionWith(words);
        }

        for (var n = 0; n < count && chosen.Count < MaxSharedTerms; n++)
        {
            var term = bestTerms[n];
            if (text.Words(term) is null && covered.Add(text.Term(term)))
            {
                chosen.Add(text.Display(term));
            }
        }

        return [.. chosen];
    }

    private static int FirstWordLength(string display)
    {
        var cut = display.IndexOfAny([' ', '-']);
        return cut < 0 ? display.Length : cut;
    }

    private string[] SharedNames(int kind, int[] mine, int[] theirs, Codebook book)
    {
        var mask = 0UL;
        var names = new List<string>(2);
        foreach (var id in mine)
        {
            if (Array.BinarySearch(theirs, id) >= 0)
            {
                names.Add(book.Name(id));
                mask |= id < 64 ? 1UL << id : 0;
            }
        }

        if (names.Count == 1)
        {
            return book.Single(book.Find(names[0]));
        }

        return mask == 0 || names.Count != System.Numerics.BitOperations.PopCount(mask)
            ? [.. names]
            : subjectCache.GetOrAdd((kind, (int)mask, (int)(mask >> 32), 0), [.. names]);
    }

    /// <summary>Subject lists shared between suggestions, so that a full recompute does not hold millions of copies.</summary>
    private string[] Cached((int A, int B, int C, int D) key, Func<MatchingEngine, (int A, int B, int C, int D), string[]> make) =>
        subjectCache.TryGetValue(key, out var found) ? found : subjectCache.GetOrAdd(key, make(this, key));

    private string[] HeldCredential(Firm firm) =>
        firm.Profile.Country == Taxonomy.Canada ? compliance.Single(cgp)
        : Array.BinarySearch(firm.Compliance, dapa) >= 0 ? compliance.Single(dapa) : compliance.Single(dtsa);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
