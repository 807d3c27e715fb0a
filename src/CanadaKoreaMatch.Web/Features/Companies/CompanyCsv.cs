using System.Globalization;
using System.Text;
using CanadaKoreaMatch.Web.Domain;
using CsvHelper;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>The CSV layout shared by import and export. Lists are separated by ';'; a capability may carry its TRL as CODE:TRL.</summary>
public static class CompanyCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["name", "country", "region", "size", "website", "ncage", "languages", "offers", "seeks", "modes", "programmes", "compliance", "description"];

    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads an uploaded file as UTF-8 (with or without a byte order mark). A file in another encoding (a spreadsheet's
    /// plain "CSV" in a Windows or Korean code page) makes the reader throw <see cref="DecoderFallbackException"/>
    /// rather than import its accents and Hangul as replacement characters.
    /// </summary>
    public static StreamReader Utf8Reader(Stream stream) => new(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);

    public static List<string> SplitList(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static List<CapabilityInput> SplitCapabilities(string? value) =>
        SplitList(value).Select(item =>
        {
            var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
            int? trl = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
            return new CapabilityInput(parts[0], parts.Length == 2 && trl is null ? -1 : trl);
        }).ToList();

    public static string JoinCapabilities(IEnumerable<CompanyCapability> capabilities) =>
        string.Join(';', capabilities.Select(c => c.Trl is { } trl ? $"{c.Code}:{trl}" : c.Code));

    public static string Write(IEnumerable<Company> companies)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\r\n" }, leaveOpen: true))
        {
            csv.WriteRecord(Columns.ToArray());
            foreach (var c in companies)
            {
                csv.WriteRecord(
                [
                    c.Name, c.Country, c.Region, CompanySizes.Format(c.Size), c.Website ?? "", c.Ncage ?? "",
                    string.Join(';', c.Languages),
                    JoinCapabilities(c.Capabilities.Where(x => x.Direction == CapabilityDirection.Offers).OrderBy(x => x.Id)),
                    JoinCapabilities(c.Capabilities.Where(x => x.Direction == CapabilityDirection.Seeks).OrderBy(x => x.Id)),
                    string.Join(';', c.Modes), string.Join(';', c.Programmes), string.Join(';', c.Compliance), c.Description,
                ]);
            }

            csv.Flush();
        }

        return text.ToString();
    }
}
