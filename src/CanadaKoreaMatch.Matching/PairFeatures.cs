namespace CanadaKoreaMatch.Matching;

/// <summary>The measured facts of one pair, computed in canonical order (A has the smaller id).</summary>
internal struct PairFeatures
{
    /// <summary>Specificity-weighted sum of B's needs that A's offers meet (credit × specificity per need).</summary>
    public double ServeAToB;

    public double ServeBToA;

    /// <summary>The best credit among B's needs that A meets: 1 exact, 0.75 exact below the readiness asked, 0.25 same domain, 0 none.</summary>
    public double BestAToB;

    public double BestBToA;

    public double Peer;

    /// <summary>The share of A's offers that B seeks with the exact code.</summary>
    public double FocusAToB;

    public double FocusBToA;

    /// <summary>The share of B's needs that A meets with the exact code.</summary>
    public double CoverAToB;

    public double CoverBToA;

    public double Programme;

    public double Cosine;

    public double Modes;

    public bool SizeFit;

    public bool SharedLanguage;

    /// <summary>B seeks controlled work from A and A lacks the registration for it.</summary>
    public bool AGap;

    public bool BGap;

    public readonly bool Linked => ServeAToB > 0 || ServeBToA > 0 || Peer > 0 || Programme > 0;

    public readonly int Gaps => (AGap ? 1 : 0) + (BGap ? 1 : 0);
}

/// <summary>
/// The score of a pair as one of its firms (the reader) reads it: half of it when the other firm meets one of the
/// reader's needs with the exact code, so such firms always rank first; then the evidence: how well the other firm
/// meets the reader's needs, how well the reader meets the other firm's, and the affinity factors. Each side's needs met
/// count by the best credit among them plus a saturated sum: listing many needs dilutes none of them.
/// </summary>
internal readonly record struct ScoreParts(
    double Exact,
    double Own,
    double Demand,
    double Peer,
    double Programme,
    double Text,
    double Modes,
    double Size,
    double Language,
    int Gaps)
{
    /// <summary>The evidence before the compliance penalty.</summary>
    public double BeforePenalty => Own + Demand + Peer + Programme + Text + Modes + Size + Language;

    /// <summary>From 0 to 1: <see cref="Exact"/> and the evidence less the compliance penalty.</summary>
    public double Raw => Exact + (BeforePenalty * (1 - (Model.CompliancePenalty * Gaps)));

    /// <summary>The parts as the firm on side A (<paramref name="readerIsA"/>) or B reads them.</summary>
    public static ScoreParts For(in PairFeatures f, bool readerIsA)
    {
        var (serveToReader, bestToReader) = readerIsA ? (f.ServeBToA, f.BestBToA) : (f.ServeAToB, f.BestAToB);
        var focus = readerIsA ? f.FocusBToA : f.FocusAToB;
        var cover = readerIsA ? f.CoverAToB : f.CoverBToA;
        var (serveFromReader, bestFromReader) = readerIsA ? (f.ServeAToB, f.BestAToB) : (f.ServeBToA, f.BestBToA);
        var gate = Model.AffinityGate(Math.Max(bestToReader, bestFromReader));
        var rest = 1 - Model.ExactNeedShare;
        return new ScoreParts(
            bestToReader >= Model.ImmatureCredit ? Model.ExactNeedShare : 0,
            rest * ((Model.WeightOwn * Model.NeedsMet(bestToReader, serveToReader)) + (Model.WeightFocus * focus)),
            rest * ((Model.WeightDemand * Model.NeedsMet(bestFromReader, serveFromReader)) + (Model.WeightCover * cover)),
            rest * Model.WeightPeer * Model.Saturate(f.Peer),
            rest * gate * Model.WeightProgramme * Model.Saturate(f.Programme),
            rest * gate * Model.WeightText * Model.TextFactor(f.Cosine),
            rest * gate * Model.WeightModes * f.Modes,
            f.SizeFit ? rest * gate * Model.WeightSize : 0,
            f.SharedLanguage ? rest * gate * Model.WeightLanguage : 0,
            f.Gaps);
    }
}
