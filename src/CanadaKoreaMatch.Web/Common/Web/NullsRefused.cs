using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CanadaKoreaMatch.Web.Common.Web;

/// <summary>
/// A request body that puts null where its type says a value is required (a property not declared nullable, or an item of
/// a list of non-nullable items) is malformed JSON, answered with a 400 problem like any other, before a handler sees it.
/// </summary>
public static class NullsRefused
{
    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Namespace?.StartsWith("CanadaKoreaMatch.", StringComparison.Ordinal) != true)
        {
            return;
        }

        var required = RequiredMembers(info.Type);
        if (required.Count == 0)
        {
            return;
        }

        var previous = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            foreach (var (property, itemsOnly) in required)
            {
                var member = property.GetValue(value);
                if (!itemsOnly && member is null)
                {
                    throw new JsonException($"'{JsonName(property)}' must not be null.");
                }

                if (member is IEnumerable items and not string && items.Cast<object?>().Any(item => item is null))
                {
                    throw new JsonException($"'{JsonName(property)}' must not contain null.");
                }
            }

            previous?.Invoke(value);
        };
    }

    /// <summary>The readable properties of reference type declared not null, and those whose items are declared not null.</summary>
    private static List<(PropertyInfo Property, bool ItemsOnly)> RequiredMembers(Type type)
    {
        var context = new NullabilityInfoContext();
        var members = new List<(PropertyInfo, bool)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType)
            {
                continue;
            }

            var nullability = context.Create(property);
            var itemsRequired = property.PropertyType != typeof(string)
                && typeof(IEnumerable).IsAssignableFrom(property.PropertyType)
                && ItemNullability(nullability) is { } item
                && item.ReadState == NullabilityState.NotNull
                && !item.Type.IsValueType;
            if (nullability.ReadState == NullabilityState.NotNull || itemsRequired)
            {
                members.Add((property, nullability.ReadState != NullabilityState.NotNull));
            }
        }

        return members;
    }

    private static NullabilityInfo? ItemNullability(NullabilityInfo collection) =>
        collection.ElementType ?? (collection.GenericTypeArguments.Length == 1 ? collection.GenericTypeArguments[0] : null);

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
