using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CanadaKoreaMatch.Web.Common.Localization;
using Fluid;
using Fluid.Values;

namespace CanadaKoreaMatch.Web.Common.Email;

/// <summary>
/// Liquid templates in Common/Email/Templates, one per message and language: NAME.LANG.liquid. The first line is
/// "Subject: …", then a blank line, then the HTML body. Values are HTML-encoded in the body; the subject is plain text.
/// The filter <c>t</c> translates a UI string (a role, say) with the pages' tables, in the message's language.
/// </summary>
public sealed class EmailTemplates
{
    private const string LanguageKey = "language";
    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Common", "Email", "Templates");
    private readonly ConcurrentDictionary<(string, string), (IFluidTemplate Subject, IFluidTemplate Body)> cache = new();
    private readonly TemplateOptions options;

    public EmailTemplates(JsonStringLocalizerFactory strings) =>
        options = new TemplateOptionsBuilder().AddFilter("t", (input, _, context) =>
        {
            var text = input.ToStringValue(context);
            var table = strings.Table((string)context.AmbientValues[LanguageKey]);
            return new ValueTask<FluidValue>(StringValue.Create(table.TryGetValue(text, out var translated) ? translated : text));
        }).Build();

    public async Task<(string Subject, string HtmlBody)> RenderAsync(string name, string language, IReadOnlyDictionary<string, object?> values)
    {
        var (subject, body) = cache.GetOrAdd((name, language), key => Load(key.Item1, key.Item2));
        var context = new TemplateContext(options);
        context.AmbientValues[LanguageKey] = language;
        foreach (var (key, value) in values)
        {
            if (value is not null)
            {
                context.SetValue(key, value);
            }
        }

        var renderedSubject = (await subject.RenderAsync(context, NullEncoder.Default)).Trim();
        var renderedBody = await body.RenderAsync(context, Html);
        return (renderedSubject, renderedBody.Trim());
    }

    private static (IFluidTemplate, IFluidTemplate) Load(string name, string language)
    {
        var path = Path.Combine(Folder, $"{name}.{language}.liquid");
        if (!File.Exists(path))
        {
            path = Path.Combine(Folder, $"{name}.en.liquid");
        }

        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        const string prefix = "Subject:";
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || split < 0)
        {
            throw new InvalidOperationException($"{path} must start with a 'Subject:' line followed by a blank line.");
        }

        return (Parse(path, text[prefix.Length..split]), Parse(path, text[(split + 2)..]));
    }

    private static IFluidTemplate Parse(string path, string source) =>
        Parser.TryParse(source, out var template, out var error) ? template : throw new InvalidOperationException($"{path}: {error}");
}

/// <summary>Absolute links for messages, always from App:BaseUrl: a request's Host header never reaches an e-mail.</summary>
public sealed class PublicUrls(LinkGenerator links, Uri baseUrl)
{
    public Uri BaseUrl { get; } = baseUrl;

    public string Page(string page, object? values = null) =>
        Absolute(links.GetPathByPage(page, handler: null, values: values) ?? throw new InvalidOperationException($"No page {page}."));

    /// <summary>Keeps the path and query of a link built elsewhere (by Identity, from the request) and puts it under the base URL.</summary>
    public string Rebase(string link) => Absolute(new Uri(new Uri("http://localhost"), link).PathAndQuery);

    private string Absolute(string pathAndQuery) => BaseUrl.GetLeftPart(UriPartial.Authority) + BaseUrl.AbsolutePath.TrimEnd('/') + pathAndQuery;
}
