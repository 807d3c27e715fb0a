using System.Text.Json;
using CanadaKoreaMatch.Matching;
using CanadaKoreaMatch.Web.Domain;

namespace CanadaKoreaMatch.Web.Features.Suggestions;

/// <summary>A reason as stored and served: what kind, the codes or terms it rests on, its English sentence and its share of the score.</summary>
public sealed record ReasonDto(string Kind, IReadOnlyList<string> Subjects, string Text, double Contribution)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReasonDto From(Reason reason) =>
        new(reason.Kind.ToString(), reason.Subjects, reason.Text, Math.Round(reason.Contribution, 1));

    public static string Serialize(IEnumerable<ReasonDto> reasons) => JsonSerializer.Serialize(reasons, Json);

    public static IReadOnlyList<ReasonDto> Parse(string json) =>
        JsonSerializer.Deserialize<List<ReasonDto>>(json, Json) ?? [];

    /// <summary>
    /// The stored form of a pair's reasons, as the Canadian firm reads them, from the reasons a firm
    /// of <paramref name="readerCountry"/> reads.
    /// </summary>
    public static string SerializeForCanadian(IEnumerable<ReasonDto> reasons, string readerCountry) =>
        Serialize(readerCountry == Countries.Canada ? reasons : AsSeenByOther(reasons));

    /// <summary>
    /// The reasons one firm reads about a pair, rewritten for the other firm: "offers X, which you
    /// seek" becomes "seeks X, which you offer". A fact only the first firm can read (the other holds
    /// the registration it needs) is left out; a maturity shortfall becomes a plain need.
    /// </summary>
    public static IReadOnlyList<ReasonDto> AsSeenByOther(IEnumerable<ReasonDto> reasons) =>
        [.. reasons.Select(Flip).OfType<ReasonDto>()];

    private static ReasonDto? Flip(ReasonDto reason)
    {
        if (!Enum.TryParse<ReasonKind>(reason.Kind, out var kind))
        {
            return reason;
        }

        var subjects = reason.Subjects;
        IReadOnlyList<string> swapped = subjects.Count >= 2 ? [subjects[1], subjects[0], .. subjects.Skip(2)] : subjects;
        (ReasonKind Kind, IReadOnlyList<string> Subjects)? flipped = kind switch
        {
            ReasonKind.OffersWhatYouSeek => (ReasonKind.SeeksWhatYouOffer, subjects),
            ReasonKind.SeeksWhatYouOffer => (ReasonKind.OffersWhatYouSeek, subjects),
            ReasonKind.MaturityBelowNeed => (ReasonKind.SeeksWhatYouOffer, subjects.Take(1).ToList()),
            ReasonKind.OffersCloseToWhatYouSeek => (ReasonKind.SeeksCloseToWhatYouOffer, swapped),
            ReasonKind.SeeksCloseToWhatYouOffer => (ReasonKind.OffersCloseToWhatYouSeek, swapped),
            ReasonKind.RelatedProgramme or ReasonKind.SizeFit => (kind, swapped),
            ReasonKind.ComplianceGap => (ReasonKind.YourComplianceGap, subjects),
            ReasonKind.YourComplianceGap => (ReasonKind.ComplianceGap, subjects),
            ReasonKind.ComplianceFit => null,
            _ => (kind, subjects),
        };
        return flipped is { } f
            ? new ReasonDto(f.Kind.ToString(), f.Subjects, new Reason(f.Kind, f.Subjects, reason.Contribution).Text, reason.Contribution)
            : null;
    }
}

public static class ReasonDomains
{
    private static readonly string[] CapabilityKinds =
        ["OffersWhatYouSeek", "SeeksWhatYouOffer", "OffersCloseToWhatYouSeek", "SeeksCloseToWhatYouOffer", "SharedCapability"];

    /// <summary>The capability domain the strongest capability reason is about, e.g. "MAR".</summary>
    public static string MainOf(IEnumerable<ReasonDto> reasons) =>
        reasons.Where(r => CapabilityKinds.Contains(r.Kind)).OrderByDescending(r => r.Contribution)
            .SelectMany(r => r.Subjects).FirstOrDefault(c => c.Contains('.', StringComparison.Ordinal))?.Split('.')[0] ?? "";

    public static string MainOf(string? reasonsJson) => reasonsJson is null ? "" : MainOf(ReasonDto.Parse(reasonsJson));
}
