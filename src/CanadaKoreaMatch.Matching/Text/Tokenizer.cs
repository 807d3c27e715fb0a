using System.Globalization;
using System.Text;

namespace CanadaKoreaMatch.Matching.Text;

/// <summary>A term of the text model and the way it is shown to people.</summary>
internal readonly record struct TermOccurrence(string Term, string Display);

/// <summary>
/// Splits English, French and Korean text into terms. Latin words are lower-cased, accent-folded
/// (système → systeme), cut at apostrophes so French elisions (l', d', qu') fall away as stop
/// words, and lightly de-pluralised; adjacent content words also form a two-word term
/// ("through life"). Hangul has no analyser here, so each run of syllables yields its character
/// bigrams (잠수함 → 잠수, 수함), which match across particles and compounds.
/// </summary>
internal static class Tokenizer
{
    private static readonly string?[] LatinFold = BuildFoldTable();

    public static List<TermOccurrence> Tokenize(string? text)
    {
        var result = new List<TermOccurrence>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        var word = new StringBuilder();
        var surface = new StringBuilder();
        var hangul = new StringBuilder();
        string? previousTerm = null;
        string? previousDisplay = null;
        var joiner = " ";

        void FlushWord()
        {
            if (word.Length == 0)
            {
                return;
            }

            var folded = word.ToString();
            var display = surface.ToString();
            word.Clear();
            surface.Clear();
            if (folded.Length < 2 || StopWords.Contains(folded))
            {
                previousTerm = null;
                return;
            }

            var term = Stem(folded);
            result.Add(new TermOccurrence(term, display));
            if (previousTerm is not null)
            {
                result.Add(new TermOccurrence(previousTerm + " " + term, previousDisplay + joiner + display));
            }

            previousTerm = term;
            previousDisplay = display;
        }

        void FlushHangul()
        {
            if (hangul.Length == 0)
            {
                return;
            }

            if (hangul.Length == 1)
            {
                var single = hangul.ToString();
                result.Add(new TermOccurrence(single, single));
            }
            else
            {
                for (var i = 0; i + 1 < hangul.Length; i++)
                {
                    var bigram = string.Concat(hangul[i], hangul[i + 1]);
                    result.Add(new TermOccurrence(bigram, bigram));
                }
            }

            hangul.Clear();
        }

        foreach (var raw in text)
        {
            if (IsHangulSyllable(raw))
            {
                FlushWord();
                previousTerm = null;
                hangul.Append(raw);
                continue;
            }

            FlushHangul();
            if (char.IsLetterOrDigit(raw))
            {
                var lower = char.ToLowerInvariant(raw);
                surface.Append(lower);
                AppendFolded(word, lower);
                continue;
            }

            FlushWord();
            switch (raw)
            {
                case ' ' or '\t':
                    joiner = " ";
                    break;
                case '-' or '\u2010' or '\u2011':
                    joiner = "-";
                    break;
                case '\'' or '\u2019' or '\u02BC':
                    // An elided article or pronoun before the apostrophe is a stop word and already
                    // broke the phrase; after "firm's" the phrase goes on.
                    joiner = " ";
                    break;
                default:
                    previousTerm = null;
                    joiner = " ";
                    break;
            }
        }

        FlushWord();
        FlushHangul();
        return result;
    }

    public static bool IsHangulSyllable(char c) => c is >= '\uAC00' and <= '\uD7A3';

    private static string Stem(string word)
    {
        if (word.Length > 3 && word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private static void AppendFolded(StringBuilder target, char lower)
    {
        if (lower is >= '\u00C0' and <= '\u024F' && LatinFold[lower - '\u00C0'] is { } folded)
        {
            target.Append(folded);
        }
        else
        {
            target.Append(lower);
        }
    }

    private static string?[] BuildFoldTable()
    {
        var table = new string?[0x024F - 0x00C0 + 1];
        for (var c = '\u00C0'; c <= '\u024F'; c++)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var kept = new StringBuilder();
            foreach (var part in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    kept.Append(part);
                }
            }

            table[c - '\u00C0'] = kept.Length > 0 && kept.ToString() != c.ToString() ? kept.ToString() : null;
        }

        table['\u00E6' - '\u00C0'] = "ae";
        table['\u0153' - '\u00C0'] = "oe";
        table['\u00DF' - '\u00C0'] = "ss";
        return table;
    }
}
