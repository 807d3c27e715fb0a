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

    /// <summary>Tiers of the reader's best need met: none, same domain, exact below the readiness asked, exact.</summary>
    public const int Tiers = 4;

    /// <summary>Share of the best need met in <see cref="Back"/>; the rest is the specificity-weighted sum of needs met.</summary>
    public const double BestShare = 0.7;

    public const double WeightNeed = 0.28;
    public const double WeightBack = 0.22;
    public const double WeightPeer = 0.05;
    public const double WeightProgramme = 0.15;
    public const double WeightText = 0.15;
    public const double WeightModes = 0.08;
    public const double WeightSize = 0.04;
    public const double WeightLanguage = 0.03;

    /// <summary>
    /// Affinity (programmes, text, modes, size, language) counts fully only once one side meets a need of the other
    /// at this credit: it makes a complementary pair better, it does not make peers partners.
    /// </summary>
    public const double AffinityFull = 0.3;

    /// <summary>Cosine similarity at which the text factor is full.</summary>
    public const double TextFull = 0.5;

    /// <summary>Share of the evidence removed per side that lacks the registration controlled work needs.</summary>
    public const double CompliancePenalty = 0.1;

    public const double RelatedProgrammeCredit = 0.5;

    public static double Saturate(double sum) => sum / (sum + Saturation);

    /// <summary>The tier of the reader's best need met, from its credit.</summary>
    public static int Tier(double bestCredit) =>
        bestCredit >= 1 ? 3 : bestCredit >= ImmatureCredit ? 2 : bestCredit > 0 ? 1 : 0;

    /// <summary>What the reader does for the other firm: its best need met, then how much of them; listing many needs dilutes nothing.</summary>
    public static double Back(double bestCredit, double serve) => (BestShare * bestCredit) + ((1 - BestShare) * Saturate(serve));

    public static double TextFactor(double cosine) => Math.Min(1.0, cosine / TextFull);

    public static double AffinityGate(double bestCredit) => Math.Min(1.0, bestCredit / AffinityFull);

    /// <summary>The 0–100 score shown: a quarter per tier of the reader's best need met, the evidence within it.</summary>
    public static double Score(double raw) => raw <= 0 ? 0 : 100.0 * raw;

    /// <summary>Specificity of a code from the number of firms naming it: 1 at a tenth of the pool, 2 at a hundredth.</summary>
    public static double Specificity(int documentFrequency, int pool)
    {
        var df = Math.Max(documentFrequency, 1);
        var reference = Math.Log((pool + 1.0) / ((0.1 * pool) + 1.0));
        var value = reference <= 0 ? 1.0 : Math.Log((pool + 1.0) / (df + 1.0)) / reference;
        return Math.Clamp(value, 0.25, 2.5);
    }
}
