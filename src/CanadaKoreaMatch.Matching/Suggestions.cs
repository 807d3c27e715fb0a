using System.Globalization;

namespace CanadaKoreaMatch.Matching;

/// <summary>What a reason says. Every reason is written for the firm that receives the suggestion ("you").</summary>
public enum ReasonKind
{
    /// <summary>They offer a capability you seek. Subjects: [code].</summary>
    OffersWhatYouSeek,

    /// <summary>They seek a capability you offer. Subjects: [code].</summary>
    SeeksWhatYouOffer,

    /// <summary>They offer a capability in the domain of one you seek. Subjects: [their code, your code, domain].</summary>
    OffersCloseToWhatYouSeek,

    /// <summary>They seek a capability in the domain of one you offer. Subjects: [their code, your code, domain].</summary>
    SeeksCloseToWhatYouOffer,

    /// <summary>They offer a capability you seek, at a lower readiness than you asked. Subjects: [code, their TRL, your TRL].</summary>
    MaturityBelowNeed,

    /// <summary>You both offer the same capability (peers). Subjects: [code].</summary>
    SharedCapability,

    /// <summary>You both follow a programme. Subjects: [programme].</summary>
    SharedProgramme,

    /// <summary>They follow a programme related to one of yours. Subjects: [their programme, your programme].</summary>
    RelatedProgramme,

    /// <summary>Partnership modes you both accept. Subjects: the modes.</summary>
    ModesAgree,

    /// <summary>Both of you listed modes and none agree. Subjects: none.</summary>
    ModesDiffer,

    /// <summary>Distinctive terms your texts share. Subjects: the terms.</summary>
    SharedTerms,

    /// <summary>They hold the registration the controlled work you seek needs. Subjects: [code].</summary>
    ComplianceFit,

    /// <summary>They lack the registration the controlled work you seek needs. Subjects: acceptable codes (any one).</summary>
    ComplianceGap,

    /// <summary>You lack the registration the controlled work they seek needs. Subjects: acceptable codes (any one).</summary>
    YourComplianceGap,

    /// <summary>Company sizes suit each other. Subjects: [their size, your size] as SME or LARGE.</summary>
    SizeFit,

    /// <summary>You share a working language. Subjects: the languages.</summary>
    SharedLanguage,
}

/// <summary>
/// One fact behind a suggestion, structured for localization: <see cref="Kind"/> chooses the sentence,
/// <see cref="Subjects"/> fills it, <see cref="Contribution"/> is its share of the score in points
/// (negative for a gap). <see cref="Text"/> is the English sentence.
/// </summary>
/// <param name="Kind">What the reason says.</param>
/// <param name="Subjects">Codes, terms or values the sentence names, in the order documented on <see cref="ReasonKind"/>.</param>
/// <param name="Contribution">Approximate points of the 0–100 score this fact brings.</param>
public readonly record struct Reason(ReasonKind Kind, IReadOnlyList<string> Subjects, double Contribution)
{
    /// <summary>The English sentence, e.g. "offers MAR.SUB, which you seek".</summary>
    public string Text => Kind switch
    {
        ReasonKind.OffersWhatYouSeek => $"offers {S(0)}, which you seek",
        ReasonKind.SeeksWhatYouOffer => $"seeks {S(0)}, which you offer",
        ReasonKind.OffersCloseToWhatYouSeek => $"offers {S(0)}, in the {S(2)} domain of {S(1)}, which you seek",
        ReasonKind.SeeksCloseToWhatYouOffer => $"seeks {S(0)}, in the {S(2)} domain of {S(1)}, which you offer",
        ReasonKind.MaturityBelowNeed => $"offers {S(0)} at TRL {S(1)}, below the TRL {S(2)} you seek",
        ReasonKind.SharedCapability => $"also offers {S(0)}, as you do",
        ReasonKind.SharedProgramme => $"both in programme {S(0)}",
        ReasonKind.RelatedProgramme => $"in programme {S(0)}, related to your programme {S(1)}",
        ReasonKind.ModesAgree => $"modes agree: {All(", ")}",
        ReasonKind.ModesDiffer => "no partnership mode in common",
        ReasonKind.SharedTerms => $"your descriptions share: {All(", ")}",
        ReasonKind.ComplianceFit => $"holds {S(0)}, needed for the controlled work you seek",
        ReasonKind.ComplianceGap => $"lacks {All(" or ")}, needed for the controlled work you seek",
        ReasonKind.YourComplianceGap => $"you lack {All(" or ")}, needed for the controlled work they seek",
        ReasonKind.SizeFit => SizeText(),
        ReasonKind.SharedLanguage => $"you both work in {All(", ")}",
        _ => Kind.ToString(),
    };

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Text} ({Contribution:+0.0;-0.0;0})");

    private string S(int i) => i < Subjects.Count ? Subjects[i] : "";

    private string All(string separator) => string.Join(separator, Subjects);

    private string SizeText() => (S(0), S(1)) switch
    {
        (Sizes.Large, Sizes.Large) => "two large firms, suited to co-development or a joint bid",
        (Sizes.Large, Sizes.Sme) => "a prime, for you as an SME supplier",
        (Sizes.Sme, Sizes.Large) => "an SME supplier, for you as a prime",
        _ => "two SMEs, suited to joint R&D or technology transfer",
    };
}

/// <summary>A counterpart suggested to a firm, with its score and the facts behind it.</summary>
/// <param name="CounterpartId">The suggested firm (always from the other country).</param>
/// <param name="Score">0–100; the same for both firms of the pair.</param>
/// <param name="Reasons">Facts behind the score, strongest first, written for the receiving firm.</param>
public sealed record Suggestion(Guid CounterpartId, double Score, IReadOnlyList<Reason> Reasons);

internal static class Sizes
{
    public const string Sme = "SME";
    public const string Large = "LARGE";
}
