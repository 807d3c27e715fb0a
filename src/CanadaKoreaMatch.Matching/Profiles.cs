namespace CanadaKoreaMatch.Matching;

/// <summary>Company size as the matching model sees it: a small or medium firm, or a large firm (a prime).</summary>
public enum CompanySize
{
    /// <summary>Small or medium enterprise.</summary>
    Sme,

    /// <summary>Large firm, typically a prime contractor.</summary>
    Large,
}

/// <summary>One capability a firm offers or seeks.</summary>
/// <param name="Code">Taxonomy code such as <c>MAR.SUB</c>; the part before the dot is the domain.</param>
/// <param name="Trl">Technology readiness level 1–9: reached (offers) or required (seeks); null when not stated.</param>
/// <param name="Note">Free text about this capability; it feeds the text similarity.</param>
public sealed record CapabilityClaim(string Code, int? Trl = null, string? Note = null);

/// <summary>The facts about one firm that the matching engine uses. Immutable.</summary>
public sealed record MatchProfile
{
    /// <summary>Firm id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Display name (not used for scoring).</summary>
    public string Name { get; init; } = "";

    /// <summary>"CA" or "KR". Suggestions always pair firms of different countries.</summary>
    public required string Country { get; init; }

    /// <summary>Small/medium or large.</summary>
    public CompanySize Size { get; init; }

    /// <summary>Capabilities the firm offers.</summary>
    public IReadOnlyList<CapabilityClaim> Offers { get; init; } = [];

    /// <summary>Capabilities the firm seeks in a partner.</summary>
    public IReadOnlyList<CapabilityClaim> Seeks { get; init; } = [];

    /// <summary>Partnership modes the firm is open to, e.g. CO_SUSTAINMENT.</summary>
    public IReadOnlyList<string> Modes { get; init; } = [];

    /// <summary>Programmes of interest, e.g. CPSP.</summary>
    public IReadOnlyList<string> Programmes { get; init; } = [];

    /// <summary>Compliance and identity attributes held, e.g. CGP, DAPA.</summary>
    public IReadOnlyList<string> Compliance { get; init; } = [];

    /// <summary>Working languages: EN, FR, KO.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Free-text description in English, French or Korean.</summary>
    public string Description { get; init; } = "";

    /// <summary>Firms this firm excluded; an exclusion removes the pair in both directions.</summary>
    public IReadOnlyCollection<Guid> Excluded { get; init; } = [];
}
