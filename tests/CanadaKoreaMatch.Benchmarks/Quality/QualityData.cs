using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CanadaKoreaMatch.Matching;

namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>A capability as written in the data files: a taxonomy code, optionally a TRL and a note.</summary>
internal sealed record ClaimRecord(string Code, int? Trl = null, string? Note = null);

/// <summary>
/// A firm as written in the labelled set and in the app's label export (which has no source).
/// Sizes are SME or LARGE, countries CA or KR, as in the app's CSV import.
/// </summary>
internal sealed record FirmRecord
{
    public required Guid Id { get; init; }

    public string Name { get; init; } = "";

    public required string Country { get; init; }

    public string Size { get; init; } = "SME";

    public List<ClaimRecord> Offers { get; init; } = [];

    public List<ClaimRecord> Seeks { get; init; } = [];

    public List<string> Modes { get; init; } = [];

    public List<string> Programmes { get; init; } = [];

    public List<string> Compliance { get; init; } = [];

    public List<string> Languages { get; init; } = [];

    public string Description { get; init; } = "";

    /// <summary>Where the firm's own public description was read (labelled set only).</summary>
    public string? Source { get; init; }

    public MatchProfile ToProfile() => new()
    {
        Id = Id,
        Name = Name,
        Country = Country.Trim().ToUpperInvariant() switch
        {
            "CA" => "CA",
            "KR" => "KR",
            var other => throw new InvalidDataException($"Firm {Name}: country '{other}' is neither CA nor KR."),
        },
        Size = Size.Trim().ToUpperInvariant() switch
        {
            "SME" => CompanySize.Sme,
            "LARGE" => CompanySize.Large,
            var other => throw new InvalidDataException($"Firm {Name}: size '{other}' is neither SME nor LARGE."),
        },
        Offers = [.. Offers.Select(c => new CapabilityClaim(c.Code, c.Trl, c.Note))],
        Seeks = [.. Seeks.Select(c => new CapabilityClaim(c.Code, c.Trl, c.Note))],
        Modes = Modes,
        Programmes = Programmes,
        Compliance = Compliance,
        Languages = Languages,
        Description = Description,
    };
}

internal sealed record Citation(List<string> Sources, string Summary);

/// <summary>A publicly reported partnership between a Canadian-side and a Korean-side firm.</summary>
internal sealed record PairRecord(Guid Ca, Guid Kr, string Kind, int Year, Citation Citation, string Split);

internal sealed record LabelledSet
{
    public string About { get; init; } = "";

    public string SplitRule { get; init; } = "";

    /// <summary>Hexadecimal threshold of <see cref="SplitRule"/>.</summary>
    public string SplitThreshold { get; init; } = "";

    public List<FirmRecord> Firms { get; init; } = [];

    public List<PairRecord> Pairs { get; init; } = [];
}

/// <summary>One label exported by the app: what a user or an official did with a suggested pair.</summary>
internal sealed record LabelRecord
{
    public Guid CompanyId { get; init; }

    public Guid CounterpartId { get; init; }

    /// <summary>NotInterested, Rejected, Approved, Introduced, Meeting or Outcome.</summary>
    public string Kind { get; init; } = "";

    /// <summary>For outcomes: MoU, JointBid, Contract or NoFurtherAction.</summary>
    public string? Value { get; init; }

    public bool Positive { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }
}

internal sealed record LabelExport
{
    public DateTimeOffset? ExportedAt { get; init; }

    public List<FirmRecord> Firms { get; init; } = [];

    public List<LabelRecord> Labels { get; init; } = [];
}

internal static class Splits
{
    public const string Tune = "tune";
    public const string HeldOut = "held-out";
    public const string All = "all";
}

/// <summary>Reads the labelled set and label exports; the same firm shape serves both.</summary>
internal static class QualityFiles
{
    public const string DefaultSetPath = "Quality/partnerships.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LabelledSet LoadSet(string path) =>
        JsonSerializer.Deserialize<LabelledSet>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path} holds no labelled set.");

    public static LabelExport LoadLabels(string path) =>
        JsonSerializer.Deserialize<LabelExport>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path} holds no label export.");

    /// <summary>The data file next to the running assembly, where the projects copy it.</summary>
    public static string Beside(string relative) => Path.Combine(AppContext.BaseDirectory, relative);
}

/// <summary>
/// The split rule of the labelled set: a pair is held out when the first eight bytes of
/// SHA-256("Canadian name|Korean name") are at most the fixed threshold. It depends on names
/// only, never on results.
/// </summary>
internal static class SplitRule
{
    public static ulong HashOf(string canadianName, string koreanName) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{canadianName}|{koreanName}")));

    public static string SplitOf(string canadianName, string koreanName, string thresholdHex) =>
        HashOf(canadianName, koreanName) <= ulong.Parse(thresholdHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            ? Splits.HeldOut
            : Splits.Tune;
}
