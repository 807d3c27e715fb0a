using CanadaKoreaMatch.Web.Features.Companies;

namespace CanadaKoreaMatch.Web.Pages.Companies;

/// <summary>The profile form as posted: blank capability rows are dropped before the command is sent.</summary>
public sealed class CompanyForm
{
    public const int BlankRows = 3;

    public string? Name { get; set; }

    public string? Country { get; set; }

    public string? Region { get; set; }

    public string? Size { get; set; }

    public string? Website { get; set; }

    public string? Ncage { get; set; }

    public string? Description { get; set; }

    public List<string> Languages { get; set; } = [];

    public List<string> Modes { get; set; } = [];

    public List<string> Programmes { get; set; } = [];

    public List<string> Compliance { get; set; } = [];

    public List<CapabilityRow> Offers { get; set; } = [];

    public List<CapabilityRow> Seeks { get; set; } = [];

    public Guid? Version { get; set; }

    public static CompanyForm From(CompanyDto company) => new()
    {
        Name = company.Name, Country = company.Country, Region = company.Region, Size = company.Size,
        Website = company.Website, Ncage = company.Ncage, Description = company.Description,
        Languages = [.. company.Languages], Modes = [.. company.Modes], Programmes = [.. company.Programmes], Compliance = [.. company.Compliance],
        Offers = company.Offers.Select(CapabilityRow.From).ToList(), Seeks = company.Seeks.Select(CapabilityRow.From).ToList(),
        Version = company.Version,
    };

    public void DropBlankRows()
    {
        Offers = Offers.Where(r => !string.IsNullOrWhiteSpace(r.Code)).ToList();
        Seeks = Seeks.Where(r => !string.IsNullOrWhiteSpace(r.Code)).ToList();
    }

    public CompanyForm WithBlankRows()
    {
        while (Offers.Count(r => string.IsNullOrEmpty(r.Code)) < BlankRows) Offers.Add(new CapabilityRow());
        while (Seeks.Count(r => string.IsNullOrEmpty(r.Code)) < BlankRows) Seeks.Add(new CapabilityRow());
        return this;
    }

    public T Fill<T>(T input)
        where T : CompanyInput =>
        input with
        {
            Name = Name?.Trim() ?? "", Country = Country ?? "", Region = Region, Size = Size ?? "", Website = Website?.Trim(),
            Ncage = Ncage?.Trim().ToUpperInvariant(), Description = Description, Languages = Languages, Modes = Modes,
            Programmes = Programmes, Compliance = Compliance,
            Offers = Offers.Select(r => r.ToInput()).ToList(), Seeks = Seeks.Select(r => r.ToInput()).ToList(),
        };
}

public sealed class CapabilityRow
{
    public string? Code { get; set; }

    public int? Trl { get; set; }

    public string? Note { get; set; }

    public static CapabilityRow From(CapabilityInput c) => new() { Code = c.Code, Trl = c.Trl, Note = c.Note };

    public CapabilityInput ToInput() => new(Code ?? "", Trl, Note);
}
