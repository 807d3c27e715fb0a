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

internal static class CompanyMapping
{
    public static void Apply(this Company company, CompanyInput input, DateTime now)
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
        company.Ncage = Blank(input.Ncage);
        company.Description = input.Description?.Trim() ?? "";
        company.Languages = input.Languages.Distinct().ToList();
        company.Modes = input.Modes.Distinct().ToList();
        company.Programmes = input.Programmes.Distinct().ToList();
        company.Compliance = input.Compliance.Distinct().ToList();
        company.Capabilities.Clear();
        company.Capabilities.AddRange(input.Offers.Select(o => Capability(CapabilityDirection.Offers, o)));
        company.Capabilities.AddRange(input.Seeks.Select(s => Capability(CapabilityDirection.Seeks, s)));
        company.UpdatedAt = now;
    }

    private static CompanyCapability Capability(CapabilityDirection direction, CapabilityInput input) =>
        new() { Direction = direction, Code = input.Code, Trl = input.Trl, Note = Blank(input.Note) };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
