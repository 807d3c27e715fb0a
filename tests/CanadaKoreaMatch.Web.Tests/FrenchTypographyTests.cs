using System.Text.Json;
using System.Text.RegularExpressions;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// French puts a no-break space (U+00A0) before : ; ? ! and inside « », so that the sign never starts a line: every French
/// string and e-mail template is scanned, and no page writes a colon after a translated label itself.
/// </summary>
public sealed partial class FrenchTypographyTests
{
    private const char NoBreakSpace = '\u00a0';
    private const char NarrowNoBreakSpace = '\u202f';
    private const char Hidden = '\u0001';

    [Fact]
    public void Every_french_string_puts_a_no_break_space_before_high_punctuation_and_inside_quotation_marks()
    {
        var strings = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Web(), "Resources", "strings.fr.json")))!;

        var faults = strings.SelectMany(s => Faults(s.Value).Select(f => $"\"{s.Key}\": {f}")).ToList();

        strings.Count.ShouldBeGreaterThan(700);
        faults.ShouldBeEmpty();
    }

    [Fact]
    public void Every_french_e_mail_template_puts_a_no_break_space_before_high_punctuation()
    {
        var templates = Directory.GetFiles(Path.Combine(Web(), "Common", "Email", "Templates"), "*.fr.*");

        var faults = templates.SelectMany(t => Faults(File.ReadAllText(t)).Select(f => $"{Path.GetFileName(t)}: {f}")).ToList();

        templates.Length.ShouldBeGreaterThan(15);
        faults.ShouldBeEmpty();
    }

    [Fact]
    public void No_page_writes_a_colon_after_a_translated_label_itself()
    {
        var pages = Directory.GetFiles(Path.Combine(Web(), "Pages"), "*.cshtml", SearchOption.AllDirectories);

        var findings = (
            from page in pages
            from line in File.ReadLines(page).Select((text, index) => (Text: text, Number: index + 1))
            where LabelThenColon().IsMatch(line.Text) || ColonConcatenated().IsMatch(line.Text)
            select $"{Path.GetRelativePath(Web(), page)}:{line.Number}: {line.Text.Trim()}").ToList();

        pages.Length.ShouldBeGreaterThan(30);
        findings.ShouldBeEmpty("write T[\"{0}:\", T[\"Label\"]] so that each language places its own colon");
    }

    [Theory]
    [InlineData("Jumelage:", 1)]
    [InlineData("Jumelage : Approuvé", 1)]
    [InlineData("Pourquoi pas? (facultatif)", 1)]
    [InlineData("Au moins 12 caractères; une phrase", 1)]
    [InlineData("{0}: {1}", 1)]
    [InlineData("<p>Leurs représentants : {% for c in contacts %}{{ c }}{% endfor %}</p>", 1)]
    [InlineData("nommée « {0} »", 2)]
    [InlineData("Jumelage\u00a0: Approuvé", 0)]
    [InlineData("Comment était-ce\u00a0?", 0)]
    [InlineData("nommée «\u00a0{0}\u00a0»", 0)]
    [InlineData("sous la forme 12:00-13:00, de {1:HH:mm} à {2:yyyy-MM-dd HH:mm}", 0)]
    [InlineData("une adresse http:// ou https://, p. ex. https://example.com.", 0)]
    [InlineData("séparées par ';' (p. ex. EN;FR), suivie de son TRL\u00a0: MAR.SUB:9.", 0)]
    [InlineData("Subject: Bonjour\n\n<p><a href=\"{{ link }}\" title=\"a:b\">R&amp;D</a></p>", 0)]
    public void The_scan_finds_each_missing_no_break_space_and_leaves_times_placeholders_urls_and_markup_alone(string text, int expected)
    {
        Faults(text).Count().ShouldBe(expected, string.Join(" | ", Faults(text)));
    }

    [Theory]
    [InlineData("<p><b>@T[\"Request\"]:</b> @m.RequestMessage</p>", true)]
    [InlineData("<h1>@T[\"Edit profile\"]: @Model.Form.Name</h1>", true)]
    [InlineData("@T[\"Outcomes\"]@(count > 0 ? \": \" + list : \"\")", true)]
    [InlineData("<p><b>@T[\"{0}:\", T[\"Request\"]]</b> @m.RequestMessage</p>", false)]
    [InlineData("@(Model.Verified == false ? T[\"Firms awaiting verification\"] : T[\"Firms\"])", false)]
    public void The_page_scan_recognises_a_colon_written_after_a_label(string line, bool found)
    {
        (LabelThenColon().IsMatch(line) || ColonConcatenated().IsMatch(line)).ShouldBe(found);
    }

    /// <summary>Each : ; ? ! of running text without a no-break space before it, and each « » without one inside.</summary>
    private static IEnumerable<string> Faults(string text)
    {
        // Placeholders, Liquid, markup, entities, addresses and the e-mail's Subject header keep their places but are not text.
        var scanned = Protected().Replace(text, m => new string(Hidden, m.Length));
        for (var i = 1; i < scanned.Length; i++)
        {
            var previous = scanned[i - 1];
            var next = i + 1 < scanned.Length ? scanned[i + 1] : ' ';
            var fault = scanned[i] switch
            {
                ':' or ';' or '?' or '!' => (char.IsWhiteSpace(next) || next is ')' or '»' or '"' or Hidden) && previous is not (NoBreakSpace or NarrowNoBreakSpace or '\n'),
                '«' => next is not (NoBreakSpace or NarrowNoBreakSpace),
                '»' => previous is not (NoBreakSpace or NarrowNoBreakSpace),
                _ => false,
            };
            if (fault)
            {
                yield return $"no no-break space at \"{text[Math.Max(0, i - 20)..Math.Min(text.Length, i + 10)]}\"";
            }
        }
    }

    private static string Web()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CanadaKoreaMatch.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("CanadaKoreaMatch.sln not found above " + AppContext.BaseDirectory), "src", "CanadaKoreaMatch.Web");
    }

    [GeneratedRegex("""\{\{.*?\}\}|\{%.*?%\}|<[^>]*>|&#?\w+;|\{\d+(?::[^}]*)?\}|https?://[^\s"<]*|^Subject:""", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Protected();

    [GeneratedRegex("""\bT\["[^"]*"(?:,[^\]]*)?\](?:</\w+>)?:""")]
    private static partial Regex LabelThenColon();

    [GeneratedRegex("""\bT\[.*\?\s*":\s""")]
    private static partial Regex ColonConcatenated();
}
