using System.Globalization;
using System.Text;

namespace CanadaKoreaMatch.Benchmarks.Quality;

/// <summary>
/// A deliberately plain tokenizer for the text baseline, independent of the engine's: lower case,
/// accents folded (système → systeme), words of two letters or more minus a few English and French
/// stop words, and for Hangul the character bigrams of each run of syllables (잠수함 → 잠수, 수함).
/// </summary>
internal static class SimpleTokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "for", "in", "to", "an", "with", "on", "our", "we", "is", "are", "by", "from", "as", "at", "or", "its", "that", "this",
        "de", "la", "le", "les", "des", "et", "en", "du", "pour", "une", "un", "nous", "dans", "sur", "au", "aux", "par", "qui", "est",
    };

    public static List<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var word = new StringBuilder();
        var hangul = new StringBuilder();
        foreach (var c in text)
        {
            if (c is >= '\uAC00' and <= '\uD7A3')
            {
                FlushWord(word, tokens);
                hangul.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                FlushHangul(hangul, tokens);
                word.Append(Fold(char.ToLowerInvariant(c)));
            }
            else
            {
                FlushWord(word, tokens);
                FlushHangul(hangul, tokens);
            }
        }

        FlushWord(word, tokens);
        FlushHangul(hangul, tokens);
        return tokens;
    }

    private static char Fold(char c)
    {
        if (c < 128)
        {
            return c;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 1 && CharUnicodeInfo.GetUnicodeCategory(decomposed[1]) == UnicodeCategory.NonSpacingMark
            ? decomposed[0]
            : c;
    }

    private static void FlushWord(StringBuilder word, List<string> tokens)
    {
        if (word.Length >= 2)
        {
            var token = word.ToString();
            if (!StopWords.Contains(token))
            {
                tokens.Add(token);
            }
        }

        word.Clear();
    }

    private static void FlushHangul(StringBuilder run, List<string> tokens)
    {
        if (run.Length == 1)
        {
            tokens.Add(run.ToString());
        }

        for (var i = 0; i + 1 < run.Length; i++)
        {
            tokens.Add(run.ToString(i, 2));
        }

        run.Clear();
    }
}

/// <summary>
/// Okapi BM25 over a fixed set of documents: for each distinct query term t,
/// idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl)), with idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5)).
/// </summary>
internal sealed class Bm25Index
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    private readonly Guid[] ids;
    private readonly int[] lengths;
    private readonly double averageLength;
    private readonly Dictionary<string, List<(int Doc, int Tf)>> postings = new(StringComparer.Ordinal);

    public Bm25Index(IEnumerable<(Guid Id, string Text)> documents)
    {
        var docs = documents.ToList();
        ids = [.. docs.Select(d => d.Id)];
        lengths = new int[docs.Count];
        for (var doc = 0; doc < docs.Count; doc++)
        {
            var tokens = SimpleTokenizer.Tokenize(docs[doc].Text);
            lengths[doc] = tokens.Count;
            foreach (var group in tokens.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(group.Key, out var list))
                {
                    postings[group.Key] = list = [];
                }

                list.Add((doc, group.Count()));
            }
        }

        averageLength = docs.Count == 0 ? 0 : Math.Max(1.0, lengths.Average());
    }

    public int Count => ids.Length;

    /// <summary>The score of every document for <paramref name="query"/>; 0 for a document sharing no term.</summary>
    public Dictionary<Guid, double> Score(string query)
    {
        var scores = new double[ids.Length];
        foreach (var term in SimpleTokenizer.Tokenize(query).Distinct(StringComparer.Ordinal))
        {
            if (!postings.TryGetValue(term, out var list))
            {
                continue;
            }

            var idf = Math.Log(1 + ((ids.Length - list.Count + 0.5) / (list.Count + 0.5)));
            foreach (var (doc, tf) in list)
            {
                var norm = K1 * (1 - B + (B * lengths[doc] / averageLength));
                scores[doc] += idf * tf * (K1 + 1) / (tf + norm);
            }
        }

        var result = new Dictionary<Guid, double>(ids.Length);
        for (var doc = 0; doc < ids.Length; doc++)
        {
            result[ids[doc]] = scores[doc];
        }

        return result;
    }
}
