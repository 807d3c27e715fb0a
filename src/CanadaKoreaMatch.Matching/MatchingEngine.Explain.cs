namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    private const int MaxSharedTerms = 3;

    /// <summary>Shared terms considered for display: phrases may absorb several words.</summary>
    private const int ConsideredTerms = 4 * MaxSharedTerms;

    /// <summary>Kinds of cached subject lists named by a set of mode or language ids.</summary>
    private const int ModeSubjects = 4;
    private const int LanguageSubjects = 5;

    [ThreadStatic]
    private static List<Reason>? reasonBuffer;

    [ThreadStatic]
    private static List<(string[] Words, string Display)>? phraseBuffer;

    [ThreadStatic]
    private static HashSet<string>? coveredBuffer;

    [ThreadStatic]
    private static List<string>? chosenBuffer;

    [ThreadStatic]
    private static float[]? denseTerms;

    /// <summary>
    /// The weights of <paramref name="me"/>'s terms in a per-thread array indexed by term, zero
    /// elsewhere, so that explaining several counterparts to one firm looks its terms up instead
    /// of merging two term lists each time. Hand it back to <see cref="ClearTerms"/>.
    /// </summary>
    private float[] SpreadTerms(Firm me)
    {
        var dense = denseTerms is { } existing && existing.Length >= text.Count
            ? existing
            : denseTerms = new float[Math.Max(text.Count, 2 * (denseTerms?.Length ?? 0))];
        var terms = me.Text.Terms;
        for (var k = 0; k < terms.Length; k++)
        {
            dense[terms[k]] = me.Text.Weights[k];
        }

        return dense;
    }

    private static void ClearTerms(Firm me, float[] dense)
    {
        foreach (var term in me.Text.Terms)
        {
            dense[term] = 0;
        }
    }

    /// <summary>
    /// The suggestion of <paramref name="other"/> to <paramref name="me"/>, with reasons written for
    /// <paramref name="me"/>; <paramref name="myTerms"/> comes from <see cref="SpreadTerms"/>.
    /// </summary>
    private Suggestion Explain(Firm me, float[] myTerms, Firm other)
    {
        var meIsA = me.Id.CompareTo(other.Id) < 0;
        var (a, b) = meIsA ? (me, other) : (other, me);
        var f = MeasureStructure(a, b);
        Span<int> sharedTerms = stackalloc int[ConsideredTerms];
        var sharedCount = WalkText(myTerms, other.Text, sharedTerms, out f.Cosine);
        var parts = ScoreParts.For(f, readerIsA: meIsA);
        var score = Model.Score(parts.Raw);
        var scale = parts.Raw > 0 ? score / parts.Raw : 0;
        // Per-thread buffers: a full recompute explains a million pairs, and the garbage would
        // otherwise dominate its peak memory.
        var reasons = reasonBuffer ??= new List<Reason>(16);
        reasons.Clear();

        var toMe = (parts.Exact + parts.Own) * scale;
        var toOther = parts.Demand * scale;
        AddServeReasons(giver: other, taker: me, meIsA ? f.ServeBToA : f.ServeAToB, toMe, viewerIsTaker: true, reasons);
        AddServeReasons(giver: me, taker: other, meIsA ? f.ServeAToB : f.ServeBToA, toOther, viewerIsTaker: false, reasons);
        AddPeerReasons(me, other, f.Peer, parts.Peer * scale, reasons);
        AddProgrammeReasons(me, other, f.Programme, parts.Programme * scale, reasons);
        if (parts.Text > 0)
        {
            reasons.Add(new Reason(ReasonKind.SharedTerms, SharedTerms(sharedTerms[..sharedCount]), parts.Text * scale));
        }

        if (parts.Modes > 0)
        {
            reasons.Add(new Reason(ReasonKind.ModesAgree, SharedNames(ModeSubjects, me.Modes, other.Modes, modes), parts.Modes * scale));
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
            reasons.Add(new Reason(ReasonKind.SharedLanguage, SharedNames(LanguageSubjects, me.Languages, other.Languages, languages), parts.Language * scale));
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

        var sorted = reasons.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var reason = sorted[i];
            var at = i;
            for (; at > 0 && ComesBefore(reason, sorted[at - 1]); at--)
            {
                sorted[at] = sorted[at - 1];
            }

            sorted[at] = reason;
        }

        return new Suggestion(other.Id, score, sorted);
    }

    /// <summary>Reasons read largest contribution first; equal ones in the order of their kinds.</summary>
    private static bool ComesBefore(Reason x, Reason y) =>
        x.Contribution > y.Contribution || (x.Contribution == y.Contribution && x.Kind < y.Kind);

    private bool SeeksControlledFrom(Firm seeker, Firm giver)
    {
        foreach (var code in seeker.Seeks)
        {
            if (codeControlled[code] && SortedIds.Contains(giver.Offers, code))
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
            var i = SortedIds.IndexOf(giver.Offers, code);
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
            if (SortedIds.Contains(other.Offers, code))
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
            if (SortedIds.Contains(other.Programmes, programme))
            {
                reasons.Add(new Reason(ReasonKind.SharedProgramme, programmes.Single(programme), points * programmeSpec[programme] / total));
            }

            foreach (var (related, credit) in relatedProgrammes[programme])
            {
                if (SortedIds.Contains(other.Programmes, related))
                {
                    var subjects = Cached((3, related, programme, 0), static (e, k) => [e.programmes.Name(k.B), e.programmes.Name(k.C)]);
                    reasons.Add(new Reason(ReasonKind.RelatedProgramme, subjects, points * credit / total));
                }
            }
        }
    }

    /// <summary>
    /// The cosine of two descriptions, summed in term order like <see cref="Text.TermVector.Dot"/>
    /// (term weights are positive, so a zero marks a term <paramref name="mine"/> lacks), and the
    /// heaviest shared terms into <paramref name="best"/>, heaviest first; returns how many.
    /// </summary>
    private static int WalkText(float[] mine, Text.TermVector theirs, Span<int> best, out double cosine)
    {
        Span<double> bestWeights = stackalloc double[best.Length];
        var count = 0;
        var sum = 0.0;
        var terms = theirs.Terms;
        var weights = theirs.Weights;
        for (var j = 0; j < terms.Length; j++)
        {
            var term = terms[j];
            var my = mine[term];
            if (my == 0)
            {
                continue;
            }

            var weight = (double)my * weights[j];
            sum += weight;
            var at = count < best.Length ? count++ : best.Length;
            while (at > 0 && (weight > bestWeights[at - 1] || (weight == bestWeights[at - 1] && term < best[at - 1])))
            {
                if (at < best.Length)
                {
                    bestWeights[at] = bestWeights[at - 1];
                    best[at] = best[at - 1];
                }

                at--;
            }

            if (at < best.Length)
            {
                bestWeights[at] = weight;
                best[at] = term;
            }
        }

        cosine = sum;
        return count;
    }

    /// <summary>The shared terms to show, phrases before the words they contain.</summary>
    private string[] SharedTerms(ReadOnlySpan<int> bestTerms)
    {
        var count = bestTerms.Length;
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

        var chosen = chosenBuffer ??= new List<string>(MaxSharedTerms);
        chosen.Clear();
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

    /// <summary>The names of the ids both lists hold; cached by set when the ids are below 64.</summary>
    private string[] SharedNames(int kind, int[] mine, int[] theirs, Codebook book)
    {
        var mask = 0UL;
        var count = 0;
        var single = -1;
        var small = true;
        foreach (var id in mine)
        {
            if (SortedIds.Contains(theirs, id))
            {
                count++;
                single = id;
                small &= id < 64;
                mask |= id < 64 ? 1UL << id : 0;
            }
        }

        if (count == 1)
        {
            return book.Single(single);
        }

        return small
            ? Cached((kind, (int)mask, (int)(mask >> 32), 0), static (e, k) => e.NamesOf(((ulong)(uint)k.C << 32) | (uint)k.B, k.A))
            : [.. mine.Where(id => SortedIds.Contains(theirs, id)).Select(book.Name)];
    }

    private string[] NamesOf(ulong mask, int kind)
    {
        var book = kind == ModeSubjects ? modes : languages;
        var names = new List<string>();
        for (var id = 0; id < 64; id++)
        {
            if ((mask & (1UL << id)) != 0)
            {
                names.Add(book.Name(id));
            }
        }

        return [.. names];
    }

    /// <summary>Subject lists shared between suggestions, so that a full recompute does not hold millions of copies.</summary>
    private string[] Cached((int A, int B, int C, int D) key, Func<MatchingEngine, (int A, int B, int C, int D), string[]> make) =>
        subjectCache.TryGetValue(key, out var found) ? found : subjectCache.GetOrAdd(key, make(this, key));

    private string[] HeldCredential(Firm firm) =>
        firm.Profile.Country == Taxonomy.Canada ? compliance.Single(cgp)
        : SortedIds.Contains(firm.Compliance, dapa) ? compliance.Single(dapa) : compliance.Single(dtsa);

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
