using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>
/// Uses the pages as a browser would, without one: keeps cookies, does not follow redirects, reads forms with
/// AngleSharp and posts them back with every field they carry (the antiforgery token included).
/// </summary>
public sealed class BrowserlessClient : IDisposable
{
    /// <summary>The main content's first post form: the layout's language and sign-out forms sit in the header.</summary>
    public const string MainForm = "main form[method=post]";

    private static readonly HtmlParser Parser = new();

    public BrowserlessClient(WebApplicationFactory<Program> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public HttpClient Http { get; }

    /// <summary>A client signed in through the real sign-in form (and the authenticator code when asked); throws when the sign-in is refused.</summary>
    public static async Task<BrowserlessClient> SignedInAsync(WebApplicationFactory<Program> app, string email, string password = AppFactory.Password)
    {
        var client = new BrowserlessClient(app);
        var response = await client.SignInAsync(email, password);
        if (RedirectTarget(response) is { } next && next.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            var code = await Authenticator.CurrentCodeAsync(app.Services, email)
                ?? throw new InvalidOperationException($"{email} is asked for a two-factor code but has no authenticator key.");
            response = await client.SubmitFormAsync(next, [("Code", code)]);
        }

        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in of {email} was refused: {(int)response.StatusCode} {Errors(await ParseAsync(response))}");
        }

        return client;
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        SubmitFormAsync("/Account/Login", [("Email", email), ("Password", password)]);

    /// <summary>GETs a page that must answer 200 and returns its document.</summary>
    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        var response = await Http.GetAsync(new Uri(url, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}, expected 200 (Location: {response.Headers.Location}).");
        }

        return await ParseAsync(response);
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, takes the form matching <paramref name="formSelector"/> with the values it carries,
    /// replaces (every value of) each field named in <paramref name="fields"/>, and posts it URL-encoded to the form's action.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IEnumerable<(string Name, string Value)> fields, string formSelector = MainForm)
    {
        var (action, values) = await ReadFormAsync(pageUrl, formSelector);
        return await Http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(Merge(values, fields)));
    }

    /// <summary>Like <see cref="SubmitFormAsync"/>, but multipart, with a file in <paramref name="fileField"/>.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string pageUrl, string fileField, string fileName, byte[] file, string contentType = "text/csv",
        IEnumerable<(string Name, string Value)>? fields = null, string formSelector = MainForm)
    {
        var (action, values) = await ReadFormAsync(pageUrl, formSelector);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in Merge(values, fields ?? []))
        {
            content.Add(new StringContent(value, Encoding.UTF8), name);
        }

        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(fileContent, fileField, fileName);
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token of a form on a page this client may open, for posting to a page it may not.</summary>
    public async Task<string> AntiforgeryTokenAsync(string pageUrl, string formSelector = MainForm)
    {
        var (_, values) = await ReadFormAsync(pageUrl, formSelector);
        return values.Single(v => v.Key == "__RequestVerificationToken").Value;
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text of the validation summary and every field message on the page.</summary>
    public static string Errors(IParentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return string.Join(" | ", document.QuerySelectorAll(".validation-summary-errors li, .field-error")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
    }

    /// <summary>The message shown next to one form field (its asp-validation-for span), or "".</summary>
    public static string FieldError(IParentNode document, string field)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
    }

    /// <summary>The path and query a redirect points to (the Location header may be absolute).</summary>
    public static string? RedirectTarget(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public void Dispose() => Http.Dispose();

    private async Task<(string Action, List<KeyValuePair<string, string>> Values)> ReadFormAsync(string pageUrl, string formSelector)
    {
        var document = await GetDocumentAsync(pageUrl);
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"{pageUrl} has no form matching '{formSelector}'.");
        var action = form.GetAttribute("action");
        var pageUri = new Uri(new Uri("http://localhost"), pageUrl);
        var target = string.IsNullOrEmpty(action) ? pageUri : new Uri(pageUri, action);
        return (target.PathAndQuery, Serialize(form));
    }

    /// <summary>The name/value pairs a browser would submit for the form (no submit button).</summary>
    private static List<KeyValuePair<string, string>> Serialize(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToUpperInvariant();
                    if (type is "SUBMIT" or "BUTTON" or "IMAGE" or "RESET" or "FILE")
                    {
                        continue;
                    }

                    if (type is "CHECKBOX" or "RADIO")
                    {
                        if (input.HasAttribute("checked"))
                        {
                            values.Add(new(name, input.GetAttribute("value") ?? "on"));
                        }

                        continue;
                    }

                    values.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlSelectElement select:
                    var options = select.QuerySelectorAll("option").OfType<IHtmlOptionElement>().ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (selected.Count == 0 && !select.HasAttribute("multiple") && options.Count > 0)
                    {
                        selected.Add(options[0]);
                    }

                    values.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement textarea:
                    values.Add(new(name, textarea.TextContent));
                    break;
            }
        }

        return values;
    }

    private static List<KeyValuePair<string, string>> Merge(List<KeyValuePair<string, string>> values, IEnumerable<(string Name, string Value)> fields)
    {
        var overrides = fields.ToList();
        var replaced = overrides.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return values.Where(v => !replaced.Contains(v.Key))
            .Concat(overrides.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)))
            .ToList();
    }
}

/// <summary>One message the application wrote as an .eml file into its pickup folder.</summary>
public sealed record Mail(string File, string To, string Subject, string Html, string MessageId);

/// <summary>Reads the messages the application wrote as .eml files into its pickup folder.</summary>
public static class Mailbox
{
    /// <summary>Every message in the folder, oldest first.</summary>
    public static IReadOnlyList<Mail> All(string outbox)
    {
        if (!Directory.Exists(outbox))
        {
            return [];
        }

        return Directory.GetFiles(outbox, "*.eml").Order(StringComparer.Ordinal)
            .Select(file =>
            {
                var message = MimeKit.MimeMessage.Load(file);
                return new Mail(file, string.Join(",", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "", message.HtmlBody ?? "", message.MessageId ?? "");
            })
            .ToList();
    }

    /// <summary>Every message addressed to <paramref name="to"/>, oldest first, as HTML bodies.</summary>
    public static IReadOnlyList<string> MessagesTo(string outbox, string to) =>
        All(outbox).Where(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase)).Select(m => m.Html).ToList();

    /// <summary>The path and query of the link in the latest message to <paramref name="to"/>.</summary>
    public static string LinkSentTo(string outbox, string to)
    {
        var messages = MessagesTo(outbox, to);
        if (messages.Count == 0)
        {
            throw new InvalidOperationException($"No email to {to} in {outbox}.");
        }

        var document = new HtmlParser().ParseDocument(messages[^1]);
        var href = document.QuerySelector("a[href]")?.GetAttribute("href")
            ?? throw new InvalidOperationException($"The email to {to} has no link: {messages[^1]}");
        var uri = new Uri(href, UriKind.RelativeOrAbsolute);
        return uri.IsAbsoluteUri ? uri.PathAndQuery : href;
    }
}
