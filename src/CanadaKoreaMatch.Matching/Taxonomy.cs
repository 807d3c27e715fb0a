namespace CanadaKoreaMatch.Matching;

/// <summary>The parts of the reference taxonomy the model reasons about beyond plain codes.</summary>
internal static class Taxonomy
{
    public const string Canada = "CA";
    public const string Korea = "KR";

    /// <summary>Domains whose goods and technical data are controlled (Canada's CGP, Korea's DTSA).</summary>
    public static readonly IReadOnlySet<string> ControlledDomains =
        new HashSet<string>(StringComparer.Ordinal) { "MAR", "LAND", "AIR", "MUN", "SENS", "SPACE" };

    /// <summary>Registrations a partner needs for controlled work, by the partner's country (any one suffices).</summary>
    public static IReadOnlyList<string> ControlledWorkCredentials(string country) =>
        country == Canada ? CanadianCredentials : KoreanCredentials;

    private static readonly string[] CanadianCredentials = ["CGP"];
    private static readonly string[] KoreanCredentials = ["DAPA", "DTSA"];

    /// <summary>
    /// Canadian programmes and the Korean programmes that serve them: a KSS-III variant is a CPSP
    /// candidate, K9/K2 exports with local production answer land and artillery renewal, KF-21
    /// work overlaps aircrew training, Korean launch work overlaps Arctic space surveillance.
    /// </summary>
    public static readonly IReadOnlyList<(string A, string B)> RelatedProgrammes =
    [
        ("CPSP", "KSS3"),
        ("LAND_MOD", "K9_K2_EXPORT"),
        ("ARTY_MOD", "K9_K2_EXPORT"),
        ("AIRCREW_TRAINING", "KF21"),
        ("ARCTIC", "SPACE_LAUNCH"),
        ("NORAD_MOD", "SPACE_LAUNCH"),
    ];

    /// <summary>Modes under which two large firms work as equals.</summary>
    public static readonly IReadOnlySet<string> PrimeToPrimeModes =
        new HashSet<string>(StringComparer.Ordinal) { "CO_DEVELOPMENT", "CO_PRODUCTION", "JOINT_BID" };

    /// <summary>Modes under which two small firms work together.</summary>
    public static readonly IReadOnlySet<string> SmeToSmeModes =
        new HashSet<string>(StringComparer.Ordinal) { "JOINT_RD", "TECH_TRANSFER", "CO_DEVELOPMENT" };

    public const string SupplyChainMode = "SUPPLY_CHAIN";

    public static string DomainOf(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}
