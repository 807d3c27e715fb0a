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
/// The score of a pair as one of its firms (the reader) reads it: first the tier of the reader's best need the other
/// firm meets (exact at the readiness asked, exact below it, same domain, none), then, within the tier, the evidence:
/// how much of the reader's needs it meets, what the reader can do for it, and the affinity factors.
/// </summary>
internal readonly record struct ScoreParts(
    int Tier,
    double Need,
    double Back,
    double Peer,
    double Programme,
    double Text,
    double Modes,
    double Size,
    double Language,
    int Gaps)
{
    /// <summary>The evidence within the tier, before the compliance penalty: below 1.</summary>
    public double Evidence => Need + Back + Peer + Programme + Text + Modes + Size + Language;

    public double Penalty => Evidence * Model.CompliancePenalty * Gaps;

    /// <summary>From 0 to 1: each tier holds a quarter, so a better tier always ranks first.</summary>
    public double Raw => (Tier + Evidence - Penalty) / Model.Tiers;

    /// <summary>The parts as the firm on side A (<paramref name="readerIsA"/>) or B reads them.</summary>
    public static ScoreParts For(in PairFeatures f, bool readerIsA)
    {
        var (serveToReader, bestToReader) = readerIsA ? (f.ServeBToA, f.BestBToA) : (f.ServeAToB, f.BestAToB);
        var (serveFromReader, bestFromReader) = readerIsA ? (f.ServeAToB, f.BestAToB) : (f.ServeBToA, f.BestBToA);
        var gate = Model.AffinityGate(Math.Max(bestToReader, bestFromReader));
        return new ScoreParts(
            Model.Tier(bestToReader),
            Model.WeightNeed * Model.Saturate(serveToReader),
            Model.WeightBack * Model.Back(bestFromReader, serveFromReader),
            Model.WeightPeer * Model.Saturate(f.Peer),
            gate * Model.WeightProgramme * Model.Saturate(f.Programme),
            gate * Model.WeightText * Model.TextFactor(f.Cosine),
            gate * Model.WeightModes * f.Modes,
            f.SizeFit ? gate * Model.WeightSize : 0,
            f.SharedLanguage ? gate * Model.WeightLanguage : 0,
            f.Gaps);
    }
}
