namespace CanadaKoreaMatch.Matching;

/// <summary>The weights and shapes of the scoring model (see docs/matching.md for the reasoning).</summary>
internal static class Model
{
    /// <summary>Credit for an offer in the same domain as a need (MAR.SHIP for MAR.SUB), against 1 for the exact code.</summary>
    public const double DomainCredit = 0.25;

    /// <summary>Credit for the exact code offered below the TRL the seeker asked for.</summary>
    public const double ImmatureCredit = 0.75;

    /// <summary>Half-saturation of evidence sums: one exact match of typical rarity gives half the evidence.</summary>
    public const double Saturation = 1.0;

    /// <summary>Share of the best need met in <see cref="NeedsMet"/>; the rest is the specificity-weighted sum of needs met.</summary>
    public const double BestShare = 0.5;

    /// <summary>The reader's own needs met by the other firm: what the reader's list answers first.</summary>
    public const double WeightOwn = 0.16;

    /// <summary>
    /// The share of the other firm's offers that the reader seeks with the exact code: a specialist in what the reader
    /// asked for, rather than a broad firm that meets a need among many things.
    /// </summary>
    public const double WeightFocus = 0.20;

    /// <summary>The other firm's needs met by the reader.</summary>
    public const double WeightDemand = 0.08;

    /// <summary>The share of the other firm's needs that the reader meets with the exact code: how much the reader is what it asked for.</summary>
    public const double WeightCover = 0.08;
    public const double WeightPeer = 0.03;
    public const double WeightProgramme = 0.10;
    public const double WeightText = 0.27;
    public const double WeightModes = 0.04;
    public const double WeightSize = 0.02;
    public const double WeightLanguage = 0.02;

    /// <summary>
    /// Affinity (programmes, text, modes, size, language) counts fully only once one side meets a need of the other
    /// at this credit: it makes a complementary pair better, it does not make peers partners.
    /// </summary>
    public const double AffinityFull = 0.25;

    /// <summary>Share of the score that goes to the other firm meeting one of the reader's needs with the exact code; the evidence shares the rest.</summary>
    public const double ExactNeedShare = 0.5;

    /// <summary>Cosine similarity at which the text factor is full.</summary>
    public const double TextFull = 0.3;

    /// <summary>Share of the evidence removed per side that lacks the registration controlled work needs.</summary>
    public const double CompliancePenalty = 0.1;

    public const double RelatedProgrammeCredit = 0.5;

    public static double Saturate(double sum) => sum / (sum + Saturation);

    /// <summary>How well one side's needs are met: the best credit among them, then how many and how rare; never a share of all of them.</summary>
    public static double NeedsMet(double bestCredit, double serve) => (BestShare * bestCredit) + ((1 - BestShare) * Saturate(serve));

    public static double TextFactor(double cosine) => Math.Min(1.0, cosine / TextFull);

    public static double AffinityGate(double bestCredit) => Math.Min(1.0, bestCredit / AffinityFull);

    /// <summary>Curvature of the 0–100 calibration: raw 0.5 (an exact need met, no further evidence) maps to about 56, raw 0.9 to about 92.</summary>
    public const double Curvature = 0.5;

    private static readonly double CalibrationScale = 100.0 / (1.0 - Math.Exp(-Curvature));

    /// <summary>The 0–100 score shown.</summary>
    public static double Score(double raw) => raw <= 0 ? 0 : CalibrationScale * (1.0 - Math.Exp(-Curvature * raw));

    /// <summary>Specificity of a code from the number of firms naming it: 1 at a tenth of the pool, 2 at a hundredth.</summary>
    public static double Specificity(int documentFrequency, int pool)
    {
        var df = Math.Max(documentFrequency, 1);
        var reference = Math.Log((pool + 1.0) / ((0.1 * pool) + 1.0));
        var value = reference <= 0 ? 1.0 : Math.Log((pool + 1.0) / (df + 1.0)) / reference;
        return Math.Clamp(value, 0.25, 2.5);
    }
}
