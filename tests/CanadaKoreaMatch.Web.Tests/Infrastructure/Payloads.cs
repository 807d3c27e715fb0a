namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

public static class Payloads
{
    public static Dictionary<string, object?> Company(string? name = null, string country = "CA") => new()
    {
        ["name"] = name ?? $"Test Firm {Guid.NewGuid():N}",
        ["country"] = country,
        ["region"] = country == "CA" ? "Ontario" : "Busan",
        ["size"] = "SME",
        ["website"] = "https://example.com",
        ["ncage"] = "L1234",
        ["languages"] = new[] { "EN" },
        ["description"] = "Through-life support for naval platforms.",
        ["offers"] = new[] { new { code = "MAR.MRO", trl = 8, note = "Dockside overhaul" } },
        ["seeks"] = new[] { new { code = "MAR.SUB", trl = (int?)null, note = (string?)null } },
        ["modes"] = new[] { "CO_SUSTAINMENT" },
        ["programmes"] = new[] { "CPSP" },
        ["compliance"] = new[] { "ISO9001", "CGP" },
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> payload, string key, object? value)
    {
        var copy = new Dictionary<string, object?>(payload) { [key] = value };
        return copy;
    }
}
