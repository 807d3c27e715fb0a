using System.Security.Cryptography;
using System.Text;
using CanadaKoreaMatch.Matching;

namespace CanadaKoreaMatch.Matching.Tests;

/// <summary>Compact profile builders: lists are space-separated codes; ids derive from names.</summary>
internal static class Profiles
{
    public static MatchProfile Ca(
        string name,
        string offers = "",
        string seeks = "",
        string programmes = "",
        string modes = "",
        string compliance = "",
        string languages = "EN",
        CompanySize size = CompanySize.Sme,
        string description = "") =>
        Make("CA", name, offers, seeks, programmes, modes, compliance, languages, size, description);

    public static MatchProfile Kr(
        string name,
        string offers = "",
        string seeks = "",
        string programmes = "",
        string modes = "",
        string compliance = "",
        string languages = "KO",
        CompanySize size = CompanySize.Sme,
        string description = "") =>
        Make("KR", name, offers, seeks, programmes, modes, compliance, languages, size, description);

    public static Guid IdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));

    public static string[] Split(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A realistic background so that rarity statistics are not those of a handful of firms.</summary>
    public static List<MatchProfile> Background(int count = 200, int seed = 7) =>
        CanadaKoreaMatch.Benchmarks.MatchingSyntheticPool.Generate(count, seed);

    public static MatchingEngine Engine(params MatchProfile[] profiles) => new(profiles);

    public static MatchingEngine EngineWithBackground(params MatchProfile[] profiles) => new([.. Background(), .. profiles]);

    private static MatchProfile Make(
        string country,
        string name,
        string offers,
        string seeks,
        string programmes,
        string modes,
        string compliance,
        string languages,
        CompanySize size,
        string description) => new()
        {
            Id = IdOf(name),
            Name = name,
            Country = country,
            Size = size,
            Offers = [.. Split(offers).Select(Claim)],
            Seeks = [.. Split(seeks).Select(Claim)],
            Programmes = Split(programmes),
            Modes = Split(modes),
            Compliance = Split(compliance),
            Languages = Split(languages),
            Description = description,
        };

    /// <summary>"MAR.SUB" or "MAR.SUB@7" for a TRL.</summary>
    private static CapabilityClaim Claim(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new CapabilityClaim(text) : new CapabilityClaim(text[..at], int.Parse(text[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
