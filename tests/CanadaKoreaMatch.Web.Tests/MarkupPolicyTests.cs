using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// No inline script or style anywhere, so that a strict Content-Security-Policy (script-src 'self'; style-src 'self') holds:
/// the sources are scanned line by line, and pages as served are parsed.
/// </summary>
public sealed partial class MarkupPolicyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly (string Rule, Regex Pattern)[] Rules =
    [
        ("inline style attribute", InlineStyle()),
        ("<style> element", StyleElement()),
        ("inline <script> (a script must only name a file in wwwroot/js)", InlineScript()),
        ("script with a body", ScriptWithBody()),
        ("on* event handler attribute", EventHandler()),
        ("javascript: URL", JavascriptUrl()),
    ];

    [Fact]
    public void No_page_template_or_static_file_carries_inline_script_or_style()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "CanadaKoreaMatch.Web");
        var files = Directory.GetFiles(Path.Combine(web, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(web, "wwwroot"), "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f) is ".html" or ".htm" or ".js" or ".svg"))
            .ToList();

        var findings = (
            from file in files
            from line in File.ReadLines(file).Select((text, index) => (Text: text, Number: index + 1))
            from rule in Rules
            where rule.Pattern.IsMatch(line.Text)
            select $"{Path.GetRelativePath(web, file)}:{line.Number}: {rule.Rule}: {line.Text.Trim()}").ToList();

        files.Count.ShouldBeGreaterThan(30);
        findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("style=\"color:red\"", "inline style attribute")]
    [InlineData("<div class=\"x\" style='margin:0'>", "inline style attribute")]
    [InlineData("<style>p { color: red }</style>", "<style> element")]
    [InlineData("<script>alert(1)</script>", "inline <script> (a script must only name a file in wwwroot/js)")]
    [InlineData("<script src=\"/js/a.js\">alert(1)</script>", "script with a body")]
    [InlineData("<button onclick=\"go()\">", "on* event handler attribute")]
    [InlineData("<body onload='go()'>", "on* event handler attribute")]
    [InlineData("<a href=\"javascript:go()\">", "javascript: URL")]
    public void The_scan_recognises_each_kind_of_inline_code(string line, string rule)
    {
        Rules.Where(r => r.Pattern.IsMatch(line)).Select(r => r.Rule).ShouldContain(rule);
    }

    [Theory]
    [InlineData("<script src=\"~/js/print.js\" asp-append-version=\"true\"></script>")]
    [InlineData("<p class=\"muted\">Styled by site.css; the data-style attribute and a word like onion=\"x\" are fine.</p>")]
    [InlineData("<svg viewBox=\"0 0 100 10\"><rect class=\"score-fill\" width=\"40\" height=\"10\" /></svg>")]
    public void The_scan_lets_external_scripts_and_classes_through(string line)
    {
        Rules.Where(r => r.Pattern.IsMatch(line)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_as_served_carry_no_inline_script_or_style_even_with_form_errors()
    {
        using var anonymous = new BrowserlessClient(app);
        using var representative = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.CompanyRepresentative));
        using var administrator = await BrowserlessClient.SignedInAsync(app, AppFactory.AdminEmail);
        var documents = new List<(string Where, IDocument Document)>();
        foreach (var url in new[] { "/", "/Account/Login", "/Account/Register", "/Companies", "/Account/AccessDenied?culture=ko" })
        {
            documents.Add((url, await ParseAnyStatusAsync(anonymous, url)));
        }

        documents.Add(("/Companies/Create", await representative.GetDocumentAsync("/Companies/Create?culture=fr")));
        documents.Add(("/Admin/Users", await administrator.GetDocumentAsync("/Admin/Users")));
        documents.Add(("/Error/404", await ParseAnyStatusAsync(anonymous, $"/Companies/Details/{Guid.NewGuid()}")));

        var signUp = await anonymous.SubmitFormAsync("/Account/Register", [("Input.Email", "not an address")]);
        documents.Add(("sign-up with errors", await BrowserlessClient.ParseAsync(signUp)));
        var company = await representative.SubmitFormAsync("/Companies/Create", [("Form.Name", "")]);
        documents.Add(("company form with errors", await BrowserlessClient.ParseAsync(company)));
        var signIn = await anonymous.SubmitFormAsync("/Account/Login", [("Email", "nobody@ckm.test"), ("Password", "wrong password")]);
        documents.Add(("sign-in refused", await BrowserlessClient.ParseAsync(signIn)));

        var findings = documents.SelectMany(d => InlineCode(d.Document).Select(f => $"{d.Where}: {f}")).ToList();

        documents.Where(d => d.Where.Contains("errors", StringComparison.Ordinal))
            .ShouldAllBe(d => d.Document.QuerySelector(".field-error.field-validation-error") != null && d.Document.QuerySelector("main [role=alert]") != null);
        documents.Where(d => !d.Where.Contains("errors", StringComparison.Ordinal) && !d.Where.Contains("refused", StringComparison.Ordinal))
            .ShouldAllBe(d => d.Document.QuerySelector("main [role=alert]") == null);
        findings.ShouldBeEmpty();
    }

    private static async Task<IDocument> ParseAnyStatusAsync(BrowserlessClient client, string url)
    {
        var response = await client.Http.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return await BrowserlessClient.ParseAsync(response);
    }

    private static IEnumerable<string> InlineCode(IDocument document)
    {
        foreach (var element in document.All)
        {
            if (element.HasAttribute("style"))
            {
                yield return "style attribute on " + element.OuterHtml[..Math.Min(120, element.OuterHtml.Length)];
            }

            foreach (var attribute in element.Attributes.Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{attribute.Name} handler on <{element.LocalName}>";
            }

            if (element.GetAttribute("href")?.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true)
            {
                yield return "javascript: link";
            }
        }

        foreach (var style in document.QuerySelectorAll("style"))
        {
            yield return "<style> element: " + style.TextContent.Trim();
        }

        foreach (var script in document.QuerySelectorAll("script"))
        {
            if (!script.HasAttribute("src") || script.TextContent.Trim().Length > 0)
            {
                yield return "inline script: " + script.OuterHtml[..Math.Min(120, script.OuterHtml.Length)];
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CanadaKoreaMatch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CanadaKoreaMatch.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\sstyle\s*=\s*["'@]|^style\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("""<style[\s>]""", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();

    [GeneratedRegex("""<script\b(?![^>]*\bsrc\s*=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<script\b[^>]*\bsrc\s*=[^>]*>\s*[^<\s]""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithBody();

    [GeneratedRegex("""\son(abort|animation\w+|auxclick|before\w+|blur|cancel|change|click|close|contextmenu|copy|cut|dblclick|drag\w*|drop|error|focus\w*|hashchange|input|invalid|key\w+|load\w*|message|mouse\w+|paste|pointer\w+|popstate|reset|resize|scroll|search|select\w*|storage|submit|toggle|touch\w+|transition\w+|unload|wheel)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("""javascript\s*:""", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptUrl();
}
