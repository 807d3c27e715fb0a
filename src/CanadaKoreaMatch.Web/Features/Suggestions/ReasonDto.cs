using System.Text.Json;
using CanadaKoreaMatch.Matching;

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
