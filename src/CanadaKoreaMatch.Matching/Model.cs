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

    /// <summary>Weight of the stronger direction of complementarity; the weaker one gets the rest.</summary>
    public const double StrongSide = 0.6;

    public const double WeightComplement = 0.57;
    public const double WeightPeer = 0.05;
    public const double WeightProgramme = 0.14;
    public const double WeightText = 0.12;
    public const double WeightModes = 0.07;
    public const double WeightSize = 0.03;
    public const double WeightLanguage = 0.02;

    /// <summary>
    /// Affinity (programmes, text, modes, size, language) counts fully only once complementarity
    /// reaches this level: it makes a complementary pair better, it does not make peers partners.
    /// </summary>
    public const double AffinityFull = 0.3;

    /// <summary>Cosine similarity at which the text factor is full.</summary>
    public const double TextFull = 0.5;

    /// <summary>Share of the score removed per side that lacks the registration controlled work needs.</summary>
    public const double CompliancePenalty = 0.1;

    /// <summary>Curvature of the 0–100 calibration: raw 0.7 maps to about 85, raw 0.1 to about 18.</summary>
    public const double Curvature = 1.6;

    public const double RelatedProgrammeCredit = 0.5;

    private static readonly double CalibrationScale = 100.0 / (1.0 - Math.Exp(-Curvature));

    public static double Saturate(double sum) => sum / (sum + Saturation);

    /// <summary>How well one side's needs are served: half coverage of all its needs, half absolute evidence.</summary>
    public static double Direction(double serve, double need) =>
        need <= 0 || serve <= 0 ? 0 : (0.5 * Math.Min(1.0, serve / need)) + (0.5 * Saturate(serve));

    public static double Complement(double directionA, double directionB) =>
        (StrongSide * Math.Max(directionA, directionB)) + ((1 - StrongSide) * Math.Min(directionA, directionB));

    public static double TextFactor(double cosine) => Math.Min(1.0, cosine / TextFull);

    public static double AffinityGate(double complement) => Math.Min(1.0, complement / AffinityFull);

    public static double Calibrate(double raw) => raw <= 0 ? 0 : CalibrationScale * (1.0 - Math.Exp(-Curvature * raw));

    /// <summary>Specificity of a code from the number of firms naming it: 1 at a tenth of the pool, 2 at a hundredth.</summary>
    public static double Specificity(int documentFrequency, int pool)
    {
        var df = Math.Max(documentFrequency, 1);
        var reference = Math.Log((pool + 1.0) / ((0.1 * pool) + 1.0));
        var value = reference <= 0 ? 1.0 : Math.Log((pool + 1.0) / (df + 1.0)) / reference;
        return Math.Clamp(value, 0.25, 2.5);
    }
}
