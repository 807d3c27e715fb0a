using System.Text;
using System.Text.Json;

namespace CanadaKoreaMatch.Web.Features.Audit;

public enum AuditChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One property of an audited record: its value before and after, compact and shortened (null when it was empty).</summary>
public sealed record AuditChange(string Field, AuditChangeKind Kind, string? Before, string? After);

/// <summary>
/// Compares the Before and After JSON of an audit entry property by property. Nested objects and arrays are written compactly
/// on one line; a value longer than <see cref="MaxValueLength"/> is cut. A top-level value that is not an object is one change
/// of the field <c>""</c>. Keys and bookkeeping (ids, normalised copies, concurrency versions) are left out, and so is a change that
/// reads the same once written (a time changed within its second).
/// </summary>
public static class AuditDiff
{
    public const int MaxValueLength = 80;

    private const string Ellipsis = "…";

    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "Id", "NormalizedName", "NormalizedEmail", "NormalizedUserName", "Version", "ConcurrencyStamp", "SecurityStamp", "PasswordHash",
    };

    /// <summary>The changes, or null when either side is not JSON (the caller shows it as it is).</summary>
    /// <param name="describe">Optionally gives the text of a scalar value of a field (a label for a code); null keeps the value.</param>
    public static IReadOnlyList<AuditChange>? Compare(string? before, string? after, Func<string, string, string?>? describe = null)
    {
        if (!TryRead(before, out var old) || !TryRead(after, out var @new))
        {
            return null;
        }

        var changes = new List<AuditChange>();
        foreach (var (field, value) in old)
        {
            if (IsBookkeeping(field, value, describe))
            {
                continue;
            }

            if (@new.TryGetValue(field, out var next))
            {
                if (!JsonElement.DeepEquals(value, next) && Full(field, value, describe) is var was && Full(field, next, describe) is var now && was != now)
                {
                    var (shownBefore, shownAfter) = Shortened(was, now);
                    changes.Add(new AuditChange(field, AuditChangeKind.Changed, shownBefore, shownAfter));
                }
            }
            else if (value.ValueKind != JsonValueKind.Null)
            {
                changes.Add(new AuditChange(field, AuditChangeKind.Removed, Text(field, value, describe), null));
            }
        }

        foreach (var (field, value) in @new)
        {
            if (!old.ContainsKey(field) && value.ValueKind != JsonValueKind.Null && !IsBookkeeping(field, value, describe))
            {
                changes.Add(new AuditChange(field, AuditChangeKind.Added, null, Text(field, value, describe)));
            }
        }

        return changes;
    }

    /// <summary>
    /// A key or a bookkeeping column: an id, a normalised copy, a version, or a reference by id (a number, or a GUID that
    /// <paramref name="describe"/> does not name).
    /// </summary>
    private static bool IsBookkeeping(string field, JsonElement value, Func<string, string, string?>? describe) =>
        Bookkeeping.Contains(field)
        || (IsReferenceField(field) && (value.ValueKind == JsonValueKind.Number
            || (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _) && describe?.Invoke(field, value.GetString()!) is null)));

    /// <summary>The GUIDs an entry's JSON refers to in its fields named "…Id" (top level), for the caller to name.</summary>
    public static IReadOnlyList<string> References(string? json)
    {
        if (!TryRead(json, out var fields))
        {
            return [];
        }

        return fields.Where(f => IsReferenceField(f.Key) && f.Value.ValueKind == JsonValueKind.String && Guid.TryParse(f.Value.GetString(), out _))
            .Select(f => f.Value.GetString()!).ToList();
    }

    private static bool IsReferenceField(string field) => field.EndsWith("Id", StringComparison.Ordinal) && field != "Id";

    /// <summary>The text cut to <paramref name="max"/> characters, the last of them an ellipsis, never inside a surrogate pair.</summary>
    public static string Shorten(string text, int max = MaxValueLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = Math.Max(0, max - Ellipsis.Length);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + Ellipsis;
    }

    private static bool TryRead(string? json, out OrderedFields fields)
    {
        fields = new OrderedFields();
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement.Clone();
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    fields[property.Name] = property.Value;
                }
            }
            else
            {
                fields[""] = root;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(string field, JsonElement value, Func<string, string, string?>? describe) =>
        Full(field, value, describe) is { } text ? Shorten(text) : null;

    /// <summary>The whole text of a value (up to <see cref="FullLimit"/> characters), for comparing before cutting.</summary>
    private static string? Full(string field, JsonElement value, Func<string, string, string?>? describe)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = new StringBuilder();
        Write(text, field, value, describe, nested: false);
        return text.ToString();
    }

    /// <summary>Both sides cut; when they differ only beyond the cut (a long description edited near its end), both start near the first difference.</summary>
    private static (string? Before, string? After) Shortened(string? before, string? after)
    {
        var (was, now) = (before is null ? null : Shorten(before), after is null ? null : Shorten(after));
        if (was != now || before is null || after is null)
        {
            return (was, now);
        }

        var first = 0;
        while (first < before.Length && first < after.Length && before[first] == after[first])
        {
            first++;
        }

        var start = Math.Max(0, first - 20);
        if (start > 0 && char.IsLowSurrogate(before[start]))
        {
            start--;
        }

        return (Shorten(Ellipsis + before[start..]), Shorten(Ellipsis + after[start..]));
    }

    private const int FullLimit = 100_000;

    private static void Write(StringBuilder text, string field, JsonElement value, Func<string, string, string?>? describe, bool nested)
    {
        if (text.Length > FullLimit)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    text.Append(first ? "" : ", ").Append(property.Name).Append(": ");
                    Write(text, property.Name, property.Value, describe, nested: true);
                    first = false;
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(index++ == 0 ? "" : ", ");
                    Write(text, field, item, describe, nested: true);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                var s = value.GetString()!;
                text.Append(describe?.Invoke(field, s) ?? (nested && s.Length == 0 ? "\"\"" : s));
                break;
            case JsonValueKind.Number:
                var n = value.GetRawText();
                text.Append(describe?.Invoke(field, n) ?? n);
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                text.Append(value.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>Fields in the order they were written; a repeated name keeps its last value.</summary>
    private sealed class OrderedFields : IEnumerable<KeyValuePair<string, JsonElement>>
    {
        private readonly List<string> order = [];
        private readonly Dictionary<string, JsonElement> values = new(StringComparer.Ordinal);

        public JsonElement this[string field]
        {
            set
            {
                if (!values.ContainsKey(field))
                {
                    order.Add(field);
                }

                values[field] = value;
            }
        }

        public bool ContainsKey(string field) => values.ContainsKey(field);

        public bool TryGetValue(string field, out JsonElement value) => values.TryGetValue(field, out value);

        public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() =>
            order.Select(f => new KeyValuePair<string, JsonElement>(f, values[f])).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
