using CanadaKoreaMatch.Web.Domain;

namespace CanadaKoreaMatch.Web.Features.Companies;

public sealed record CompanyDto(
    Guid Id,
    string Name,
    string Country,
    string Region,
    string Size,
    string? Website,
    string? Ncage,
    IReadOnlyList<string> Languages,
    string Description,
    IReadOnlyList<CapabilityInput> Offers,
    IReadOnlyList<CapabilityInput> Seeks,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> Programmes,
    IReadOnlyList<string> Compliance,
    bool Verified,
    DateTime? VerifiedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    Guid Version,
    VerificationWithheldDto? VerificationWithheld = null)
{
    /// <summary>What a visitor who has not signed in may read (docs/decisions/013-what-visitors-see.md): not what the firm seeks, its programmes or its compliance.</summary>
    public CompanyDto ForVisitors() => this with { Seeks = [], Programmes = [], Compliance = [], VerificationWithheld = null };

    public static CompanyDto From(Company c) => new(
        c.Id, c.Name, c.Country, c.Region, CompanySizes.Format(c.Size), c.Website, c.Ncage, c.Languages, c.Description,
        Capabilities(c, CapabilityDirection.Offers), Capabilities(c, CapabilityDirection.Seeks),
        c.Modes, c.Programmes, c.Compliance, c.IsVerified, c.VerifiedAt, c.CreatedAt, c.UpdatedAt, c.Version,
        c.VerificationWithheldAt is { } at ? new VerificationWithheldDto(at, c.VerificationWithheldReason ?? "", !c.IsWithheldUnanswered) : null);

    private static List<CapabilityInput> Capabilities(Company c, CapabilityDirection direction) =>
        c.Capabilities.Where(x => x.Direction == direction).OrderBy(x => x.Id).Select(x => new CapabilityInput(x.Code, x.Trl, x.Note)).ToList();
}

/// <summary>An official declined to verify the firm or withdrew its verification; <see cref="ChangedSince"/>: the firm changed its profile since, and is back in the officials' queue.</summary>
public sealed record VerificationWithheldDto(DateTime At, string Reason, bool ChangedSince);

/// <summary>
/// Writes a profile as entered onto the firm. What reads the same as before stays as it is, so that saving an unchanged
/// profile changes nothing: the same codes in another order (the form lists them in the taxonomy's order), the same
/// description with other line breaks (browsers post CR LF), the same capabilities.
/// </summary>
internal static class CompanyMapping
{
    public static void Apply(this Company company, CompanyInput input)
    {
        if (!CompanySizes.TryParse(input.Size, out var size))
        {
            throw new ArgumentException($"Unknown size '{input.Size}'.", nameof(input));
        }

        company.Name = input.Name.Trim();
        company.NormalizedName = Company.Normalize(input.Name);
        company.Country = input.Country;
        company.Region = input.Region?.Trim() ?? "";
        company.Size = size;
        company.Website = Blank(input.Website);
        company.Ncage = Blank(input.Ncage)?.ToUpperInvariant();
        var description = input.Description?.Trim() ?? "";
        if (description.ReplaceLineEndings() != company.Description.ReplaceLineEndings())
        {
            company.Description = description;
        }

        company.Languages = Codes(company.Languages, input.Languages);
        company.Modes = Codes(company.Modes, input.Modes);
        company.Programmes = Codes(company.Programmes, input.Programmes);
        company.Compliance = Codes(company.Compliance, input.Compliance);
        var capabilities = input.Offers.Select(o => Capability(CapabilityDirection.Offers, o))
            .Concat(input.Seeks.Select(s => Capability(CapabilityDirection.Seeks, s))).ToList();
        if (!SameCapabilities(company.Capabilities, capabilities))
        {
            company.Capabilities.Clear();
            company.Capabilities.AddRange(capabilities);
        }
    }

    private static List<string> Codes(List<string> current, List<string> entered)
    {
        var codes = entered.Distinct().ToList();
        return codes.Count == current.Count && codes.All(current.Contains) ? current : codes;
    }

    private static bool SameCapabilities(List<CompanyCapability> current, List<CompanyCapability> entered) =>
        Enum.GetValues<CapabilityDirection>().All(direction =>
            current.Where(c => c.Direction == direction).OrderBy(c => c.Id).Select(Key)
                .SequenceEqual(entered.Where(c => c.Direction == direction).Select(Key)));

    private static (string Code, int? Trl, string? Note) Key(CompanyCapability capability) => (capability.Code, capability.Trl, capability.Note);

    private static CompanyCapability Capability(CapabilityDirection direction, CapabilityInput input) =>
        new() { Direction = direction, Code = input.Code, Trl = input.Trl, Note = Blank(input.Note) };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
