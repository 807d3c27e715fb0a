using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Common.Localization;

/// <summary>Marker for the one shared set of UI strings.</summary>
public sealed class SharedResource;

/// <summary>
/// UI strings live in Resources/strings.{culture}.json, keyed by the English text, so a missing
/// translation falls back to English and a translator edits one flat file per language.
/// </summary>
public sealed class JsonStringLocalizerFactory(IWebHostEnvironment environment) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> tables = new();

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    /// <summary>The strings of one language whatever the request's culture: for e-mails, written in the recipient's language.</summary>
    public IStringLocalizer For(string language) => new JsonStringLocalizer(this, SupportedCultures.All.Contains(language) ? language : "en");

    internal IReadOnlyDictionary<string, string> Table(string culture) => tables.GetOrAdd(culture, Load);

    private Dictionary<string, string> Load(string culture)
    {
        var path = Path.Combine(environment.ContentRootPath, "Resources", $"strings.{culture}.json");
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, "Resources", $"strings.{culture}.json");
        }

        return File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
    }
}

internal sealed class JsonStringLocalizer(JsonStringLocalizerFactory factory, string? language = null) : IStringLocalizer
{
    private string Language => language ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public LocalizedString this[string name]
    {
        get
        {
            var found = factory.Table(Language).TryGetValue(name, out var value);
            return new LocalizedString(name, found ? value! : name, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(language is null ? CultureInfo.CurrentCulture : CultureInfo.GetCultureInfo(language), template.Value, arguments), template.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        factory.Table(Language).Select(p => new LocalizedString(p.Key, p.Value));
}

public static class SupportedCultures
{
    public static readonly string[] All = ["en", "fr", "ko"];

    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var c && All.Contains(c) ? c : "en";
}
