using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Common.Errors;

/// <summary>
/// Why a command was refused: an English template with {0}, {1}… and its arguments (decision 016). The API reads the English
/// text (<see cref="ToString"/>); a page reads the template's translation, keyed by the English template, with the same arguments.
/// Arguments are formatted invariantly in every language, so a date reads 2026-05-14 on every page and in the API.
/// </summary>
public sealed record Refusal(string Template, params object?[] Arguments)
{
    public static Refusal ChangedSinceLoaded { get; } = new Refusal("Someone else changed this record since you loaded it. Reload it and apply your change again.");

    /// <summary>Two requests added the same record at the same moment; the database kept one.</summary>
    public static Refusal SavedAtTheSameMoment { get; } = new Refusal("The same record was saved by another request at the same moment. Reload to see it.");

    /// <summary>Several refusals read one after the other, each translated on its own.</summary>
    public static Refusal Join(IEnumerable<Refusal> refusals)
    {
        var parts = refusals.ToArray();
        return new Refusal(string.Join(" ", parts.Select((_, i) => "{" + i.ToString(CultureInfo.InvariantCulture) + "}")), parts);
    }

    public override string ToString() => Format(Template, Arguments);

    /// <summary>The refusal in the localizer's language; a template without a translation reads in English.</summary>
    public string Localize(IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Format(t[Template].Value, Arguments.Select(a => a switch
        {
            Refusal inner => inner.Localize(t),
            Term term => t[term.Key].Value,
            _ => a,
        }).ToArray());
    }

    private static string Format(string template, object?[] arguments) =>
        arguments.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, arguments);
}

/// <summary>A word inside a refusal that the UI already translates under a key of its own, such as a status's label.</summary>
public sealed record Term(string Key, string English)
{
    /// <summary>A status named by its key family ("forum." + Draft), read in English as its member name.</summary>
    public static Term Of<TEnum>(string keyPrefix, TEnum value, bool lowerCase = false)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return new Term(keyPrefix + name, lowerCase ? name.ToLowerInvariant() : name);
    }

    public override string ToString() => English;
}

/// <summary>Validator messages that pages translate: the English template and its arguments travel in the failure's state.</summary>
public static class RefusalRules
{
    /// <summary>Like WithMessage, with a template whose {0}, {1}… are read from the object being validated.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithRefusal<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string template, params Func<T, object?>[] arguments)
    {
        Refusal For(T instance) => new(template, arguments.Select(a => a(instance)).ToArray());
        return rule.WithMessage(x => For(x).ToString()).WithState(x => For(x));
    }

    /// <summary>Like WithMessage, with a template whose {0} is read from the value being validated (an item of a list).</summary>
    public static IRuleBuilderOptions<T, TProperty> WithRefusal<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string template, Func<T, TProperty, object?> argument)
    {
        Refusal For(T instance, TProperty value) => new(template, argument(instance, value));
        return rule.WithMessage((x, v) => For(x, v).ToString()).WithState((x, v) => For(x, v));
    }

    /// <summary>Adds a failure to a field below the current property, carrying its refusal.</summary>
    public static void AddFailure<T>(this ValidationContext<T> context, string field, Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refusal);
        context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyChain.BuildPropertyPath(field), refusal.ToString()) { CustomState = refusal });
    }
}
