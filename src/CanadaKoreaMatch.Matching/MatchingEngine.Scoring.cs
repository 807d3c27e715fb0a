namespace CanadaKoreaMatch.Matching;

public sealed partial class MatchingEngine
{
    private bool Eligible(Firm a, Firm b) =>
        a.Side != b.Side
        && (a.Excluded.Count == 0 || !a.Excluded.Contains(b.Id))
        && (b.Excluded.Count == 0 || !b.Excluded.Contains(a.Id))
        && (blocked.Count == 0 || !blocked.Contains(PairKey(a.Id, b.Id)));

    /// <summary>
    /// Exact raw score of <paramref name="candidate"/> as <paramref name="reader"/> reads it, or -1 when the pair may not
    /// be suggested (including a score of zero: a shared programme without anything to exchange) or cannot reach
    /// <paramref name="floor"/>: the text, the costliest factor, is measured only when it can matter.
    /// </summary>
    private double ExactRaw(Firm reader, Firm candidate, double floor = double.NegativeInfinity)
    {
        if (!Eligible(reader, candidate))
        {
            return -1;
        }

        var readerIsA = reader.Id.CompareTo(candidate.Id) < 0;
        var (a, b) = readerIsA ? (reader, candidate) : (candidate, reader);
        var features = MeasureStructure(a, b);
        if (!features.Linked)
        {
            return -1;
        }

        if (!double.IsNegativeInfinity(floor))
        {
            var best = features;
            best.Cosine = Model.TextFull;
            if (ScoreParts.For(best, readerIsA).Raw + BoundSlack < floor)
            {
                return -1;
            }
        }

        features.Cosine = a.Text.Dot(b.Text);
        var raw = ScoreParts.For(features, readerIsA).Raw;
        return raw > 0 ? raw : -1;
    }

    /// <summary>Measures a pair but its text; call with <paramref name="a"/> the firm with the smaller id so sums run in one order.</summary>
    private PairFeatures MeasureStructure(Firm a, Firm b)
    {
        var f = new PairFeatures
        {
            ServeAToB = Serve(a, b, out var bestAToB, out var exactAToB, out var bSeeksControlled),
            ServeBToA = Serve(b, a, out var bestBToA, out var exactBToA, out var aSeeksControlled),
            BestAToB = bestAToB,
            BestBToA = bestBToA,
            Peer = SharedSum(a.Offers, b.Offers, codeSpec),
            FocusAToB = Share(exactAToB, a.Offers.Length),
            FocusBToA = Share(exactBToA, b.Offers.Length),
            CoverAToB = Share(exactAToB, b.Seeks.Length),
            CoverBToA = Share(exactBToA, a.Seeks.Length),
            Programme = ProgrammeSum(a, b),
        };
        f.AGap = bSeeksControlled && !a.HoldsControlledCredential;
        f.BGap = aSeeksControlled && !b.HoldsControlledCredential;
        MeasureModes(a, b, ref f);
        f.SharedLanguage = Intersects(a.Languages, b.Languages);
        return f;
    }

    /// <summary>
    /// Specificity-weighted needs of <paramref name="taker"/> met by <paramref name="giver"/> (exact code, lower TRL, or same
    /// domain), the best credit among them, and how many codes <paramref name="giver"/> offers that <paramref name="taker"/> seeks.
    /// </summary>
    private double Serve(Firm giver, Firm taker, out double best, out int exact, out bool controlled)
    {
        controlled = false;
        best = 0;
        exact = 0;
        var sum = 0.0;
        var offers = giver.Offers;
        var seeks = taker.Seeks;
        var i = 0;
        for (var j = 0; j < seeks.Length; j++)
        {
            var code = seeks[j];
            while (i < offers.Length && offers[i] < code)
            {
                i++;
            }

            double credit;
            if (i < offers.Length && offers[i] == code)
            {
                credit = Immature(giver.OfferTrl[i], taker.SeekTrl[j]) ? Model.ImmatureCredit : 1.0;
                controlled |= codeControlled[code];
                exact++;
            }
            else if (giver.OffersDomain(codeDomain[code]))
            {
                credit = Model.DomainCredit;
            }
            else
            {
                continue;
            }

            sum += credit * codeSpec[code];
            best = Math.Max(best, credit);
        }

        return sum;
    }

    private static bool Immature(int offered, int sought) => offered > 0 && sought > 0 && offered < sought;

    private static double Share(int count, int of) => of == 0 ? 0 : (double)count / of;

    private static double SharedSum(int[] a, int[] b, List<double> weight)
    {
        int i = 0, j = 0;
        var sum = 0.0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                sum += weight[a[i]];
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    private double ProgrammeSum(Firm a, Firm b)
    {
        var sum = SharedSum(a.Programmes, b.Programmes, programmeSpec);
        foreach (var programme in a.Programmes)
        {
            foreach (var (other, credit) in relatedProgrammes[programme])
            {
                if (SortedIds.Contains(b.Programmes, other))
                {
                    sum += credit;
                }
            }
        }

        return sum;
    }

    private void MeasureModes(Firm a, Firm b, ref PairFeatures f)
    {
        int i = 0, j = 0, shared = 0;
        bool prime = false, sme = false, supply = false;
        while (i < a.Modes.Length && j < b.Modes.Length)
        {
            var mode = a.Modes[i];
            if (mode == b.Modes[j])
            {
                shared++;
                prime |= primeModes[mode];
                sme |= smeModes[mode];
                supply |= mode == supplyChain;
                i++;
                j++;
            }
            else if (mode < b.Modes[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        f.Modes = shared == 0 ? 0 : 0.6 + (0.4 * shared / Math.Min(a.Modes.Length, b.Modes.Length));
        f.SizeFit = (a.IsLarge, b.IsLarge) switch
        {
            (true, true) => prime,
            (false, false) => sme,
            (true, false) => supply || f.ServeBToA > 0,
            (false, true) => supply || f.ServeAToB > 0,
        };
    }

    private static bool Intersects(int[] a, int[] b)
    {
        foreach (var x in a)
        {
            if (SortedIds.Contains(b, x))
            {
                return true;
            }
        }

        return false;
    }
}
