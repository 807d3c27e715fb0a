namespace CanadaKoreaMatch.Matching;

/// <summary>The measured facts of one pair, computed in canonical order (A has the smaller id).</summary>
internal struct PairFeatures
{
    /// <summary>Specificity-weighted share of B's needs that A's offers meet.</summary>
    public double ServeAToB;

    public double ServeBToA;

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

/// <summary>The weighted parts of a score before calibration.</summary>
internal readonly record struct ScoreParts(
    double ComplementToA,
    double ComplementToB,
    double Peer,
    double Programme,
    double Text,
    double Modes,
    double Size,
    double Language,
    int Gaps)
{
    public double BeforePenalty => ComplementToA + ComplementToB + Peer + Programme + Text + Modes + Size + Language;

    public double Raw => BeforePenalty * (1 - (Model.CompliancePenalty * Gaps));

    public static ScoreParts From(in PairFeatures f, double needA, double needB)
    {
        var toA = Model.Direction(f.ServeBToA, needA);
        var toB = Model.Direction(f.ServeAToB, needB);
        var strongIsA = toA >= toB;
        var weightA = Model.WeightComplement * (strongIsA ? Model.StrongSide : 1 - Model.StrongSide);
        var weightB = Model.WeightComplement * (strongIsA ? 1 - Model.StrongSide : Model.StrongSide);
        var gate = Model.AffinityGate(Model.Complement(toA, toB));
        return new ScoreParts(
            weightA * toA,
            weightB * toB,
            Model.WeightPeer * Model.Saturate(f.Peer),
            gate * Model.WeightProgramme * Model.Saturate(f.Programme),
            gate * Model.WeightText * Model.TextFactor(f.Cosine),
            gate * Model.WeightModes * f.Modes,
            f.SizeFit ? gate * Model.WeightSize : 0,
            f.SharedLanguage ? gate * Model.WeightLanguage : 0,
            f.Gaps);
    }

    /// <summary>
    /// The highest raw score a pair can reach given its serve, peer and programme sums, whatever
    /// its text, modes, sizes, languages and compliance. Monotone in every argument.
    /// </summary>
    public static double UpperBound(double serveToA, double needA, double serveToB, double needB, double peer, double programme)
    {
        var complement = Model.Complement(Model.Direction(serveToA, needA), Model.Direction(serveToB, needB));
        var affinity = (Model.WeightProgramme * Model.Saturate(programme)) + Model.WeightText + Model.WeightModes + Model.WeightSize + Model.WeightLanguage;
        return (Model.WeightComplement * complement) + (Model.WeightPeer * Model.Saturate(peer)) + (Model.AffinityGate(complement) * affinity);
    }
}
