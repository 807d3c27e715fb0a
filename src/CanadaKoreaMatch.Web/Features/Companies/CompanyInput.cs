using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using FluentValidation;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>The editable part of a firm's profile, as the API, the pages and the CSV import send it.</summary>
public record CompanyInput
{
    public string Name { get; init; } = "";

    public string Country { get; init; } = "";

    public string? Region { get; init; }

    public string Size { get; init; } = "";

    public string? Website { get; init; }

    public string? Ncage { get; init; }

    public List<string> Languages { get; init; } = [];

    public string? Description { get; init; }

    public List<CapabilityInput> Offers { get; init; } = [];

    public List<CapabilityInput> Seeks { get; init; } = [];

    public List<string> Modes { get; init; } = [];

    public List<string> Programmes { get; init; } = [];

    public List<string> Compliance { get; init; } = [];
}

public sealed record CapabilityInput(string Code, int? Trl = null, string? Note = null);

public static class CompanySizes
{
    public const string Sme = "SME";
    public const string Large = "LARGE";

    public static bool TryParse(string? value, out CompanySize size)
    {
        size = value?.Trim().ToUpperInvariant() switch
        {
            Sme => CompanySize.Sme,
            Large => CompanySize.Large,
            _ => (CompanySize)(-1),
        };
        return Enum.IsDefined(size);
    }

    public static string Format(CompanySize size) => size == CompanySize.Sme ? Sme : Large;
}

public sealed partial class CompanyInputValidator : AbstractValidator<CompanyInput>
{
    public CompanyInputValidator(TaxonomyCatalog taxonomy)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the firm's name.")
            .MaximumLength(Company.NameMaxLength);
        RuleFor(c => c.Country).Must(c => Countries.All.Contains(c))
            .WithMessage("Country must be CA (Canada) or KR (Korea).");
        RuleFor(c => c.Region).MaximumLength(Company.RegionMaxLength);
        RuleFor(c => c.Size).Must(s => CompanySizes.TryParse(s, out _))
            .WithMessage("Size must be SME or LARGE.");
        RuleFor(c => c.Website).MaximumLength(Company.WebsiteMaxLength)
            .Must(BeAWebAddress).WithMessage("Website must be an http:// or https:// address, e.g. https://example.com.");
        RuleFor(c => c.Ncage).Must(n => string.IsNullOrWhiteSpace(n) || NcagePattern().IsMatch(n.Trim().ToUpperInvariant()))
            .WithMessage("NCAGE code must be exactly 5 letters or digits, e.g. L0123.");
        RuleFor(c => c.Description).MaximumLength(Company.DescriptionMaxLength);
        RuleFor(c => c.Languages).NotEmpty().WithMessage("Choose at least one language.");
        RuleForEach(c => c.Languages).Must(code => taxonomy.Contains(TaxonomyKind.Language, code))
            .WithRefusal("'{0}' is not a language code (EN, FR, KO).", (_, code) => code);
        RuleForEach(c => c.Modes).Must(code => taxonomy.Contains(TaxonomyKind.Mode, code))
            .WithRefusal("'{0}' is not a partnership mode of the taxonomy.", (_, code) => code);
        RuleForEach(c => c.Programmes).Must(code => taxonomy.Contains(TaxonomyKind.Programme, code))
            .WithRefusal("'{0}' is not a programme of the taxonomy.", (_, code) => code);
        RuleForEach(c => c.Compliance).Must(code => taxonomy.Contains(TaxonomyKind.Compliance, code))
            .WithRefusal("'{0}' is not a compliance code of the taxonomy.", (_, code) => code);
        RuleFor(c => c.Offers).Must(o => o.Count <= Company.MaxCapabilities)
            .WithRefusal("List at most {0} capabilities.", _ => Company.MaxCapabilities)
            .Must(BeDistinct).WithMessage("Each capability may be listed once.");
        RuleFor(c => c.Seeks).Must(o => o.Count <= Company.MaxCapabilities)
            .WithRefusal("List at most {0} capabilities.", _ => Company.MaxCapabilities)
            .Must(BeDistinct).WithMessage("Each capability may be listed once.");
        RuleForEach(c => c.Offers).SetValidator(new CapabilityInputValidator(taxonomy));
        RuleForEach(c => c.Seeks).SetValidator(new CapabilityInputValidator(taxonomy));
        RuleFor(c => c).Must(c => c.Offers.Count + c.Seeks.Count > 0).OverridePropertyName("offers")
            .WithMessage("List at least one capability your firm offers or seeks.");
    }

    private static bool BeDistinct(List<CapabilityInput> capabilities) =>
        capabilities.Select(c => c.Code).Distinct().Count() == capabilities.Count;

    private static bool BeAWebAddress(string? website) =>
        string.IsNullOrEmpty(website)
        || Uri.TryCreate(website, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z0-9]{5}$")]
    private static partial Regex NcagePattern();
}

public sealed class CapabilityInputValidator : AbstractValidator<CapabilityInput>
{
    public CapabilityInputValidator(TaxonomyCatalog taxonomy)
    {
        RuleFor(c => c.Code).Must(code => taxonomy.Contains(TaxonomyKind.Capability, code))
            .WithRefusal("'{0}' is not a capability code of the taxonomy.", c => c.Code);
        RuleFor(c => c.Trl).InclusiveBetween(1, 9).When(c => c.Trl is not null)
            .WithMessage("TRL must be between 1 and 9.");
        RuleFor(c => c.Note).MaximumLength(Company.NoteMaxLength);
    }
}
