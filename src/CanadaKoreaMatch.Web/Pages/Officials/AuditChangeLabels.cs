using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Audit;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Officials;

/// <summary>
/// An audit entry's changes as the reader reads them: field names and enumeration values through the labels the pages already
/// use (e.g. <c>status.Approved</c>), codes through the taxonomy, anything else humanised ("VerifiedAt" → "Verified at").
/// </summary>
public sealed partial class AuditChangeLabels(JsonStringLocalizerFactory strings, TaxonomyCatalog taxonomy, IReadOnlyDictionary<string, string>? names = null)
{
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly Dictionary<string, Type> AuditedTypes = typeof(IAudited).Assembly.GetTypes()
        .Where(type => typeof(IAudited).IsAssignableFrom(type) && type.IsClass)
        .ToDictionary(type => type.Name, StringComparer.Ordinal);

    private static readonly Dictionary<Type, string> EnumLabelPrefixes = new()
    {
        [typeof(MatchStatus)] = "status.",
        [typeof(MatchOutcome)] = "outcome.",
        [typeof(ForumStatus)] = "forum.",
        [typeof(MeetingRequestStatus)] = "request.",
        [typeof(MeetingPriority)] = "priority.",
        [typeof(NotInterestedReason)] = "notinterested.",
    };

    private static readonly Dictionary<(string Entity, string Field), TaxonomyKind> Codes = new()
    {
        [(nameof(CompanyCapability), nameof(CompanyCapability.Code))] = TaxonomyKind.Capability,
        [(nameof(Company), nameof(Company.Languages))] = TaxonomyKind.Language,
        [(nameof(Company), nameof(Company.Modes))] = TaxonomyKind.Mode,
        [(nameof(Company), nameof(Company.Programmes))] = TaxonomyKind.Programme,
        [(nameof(Company), nameof(Company.Compliance))] = TaxonomyKind.Compliance,
        [(nameof(Domain.Match), nameof(Domain.Match.Domain))] = TaxonomyKind.Domain,
    };

    private readonly IStringLocalizer t = strings.For(SupportedCultures.Current);

    // Every UI string has a French entry, whereas the English table holds only the keys that are not their own text.
    private readonly IStringLocalizer known = strings.For("fr");

    public IReadOnlyList<AuditChange>? ChangesOf(AuditEntryDto entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AuditDiff.Compare(entry.Before, entry.After, (field, value) => Value(entry.EntityType, field, value));
    }

    public string Field(string field) =>
        field.Length == 0 ? t["Value"] : Translated(Humanise(field));

    private string? Value(string entityType, string field, string value)
    {
        if (names is not null && field.EndsWith("Id", StringComparison.Ordinal) && names.TryGetValue(value, out var named))
        {
            return named;
        }

        if (Codes.TryGetValue((entityType, field), out var kind))
        {
            return taxonomy.TryLabel(kind, value, SupportedCultures.Current, out var label) ? label : null;
        }

        var type = PropertyType(entityType, field);
        if (type == typeof(DateTime) && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return at.ToString(DateFormat, CultureInfo.InvariantCulture);
        }

        if (type is not { IsEnum: true })
        {
            return null;
        }

        var name = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? Enum.GetName(type, number)
            : Enum.GetNames(type).FirstOrDefault(n => n == value);
        if (name is null)
        {
            return null;
        }

        if (EnumLabelPrefixes.TryGetValue(type, out var prefix))
        {
            return t[prefix + name];
        }

        return new[] { name, name.ToUpperInvariant() }.Select(Label).FirstOrDefault(l => l is not null) ?? Translated(Humanise(name));
    }

    private static Type? PropertyType(string entityType, string field)
    {
        if (!AuditedTypes.TryGetValue(entityType, out var type)
            || type.GetProperty(field, BindingFlags.Public | BindingFlags.Instance) is not { } property)
        {
            return null;
        }

        return Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    }

    private string? Label(string key) => known[key].ResourceNotFound ? null : t[key].Value;

    private string Translated(string text) => Label(text) ?? text;

    /// <summary>"VerifiedAt" → "Verified at", "email" → "Email"; an all-capital word ("SME") is kept.</summary>
    public static string Humanise(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Words().Matches(name).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return name;
        }

        return string.Join(' ', words.Select((w, i) =>
            w.Length > 1 && w.All(char.IsUpper) ? w
            : i == 0 ? char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()
            : w.ToLowerInvariant()));
    }

    [GeneratedRegex(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")]
    private static partial Regex Words();
}
