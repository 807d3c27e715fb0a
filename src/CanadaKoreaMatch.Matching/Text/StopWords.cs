namespace CanadaKoreaMatch.Matching.Text;

/// <summary>English and French function words (accent-folded), plus French elided forms.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // English
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
        "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "more",
        "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
        "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "under",
        "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "yours", "us", "via", "per", "within", "across",
        "including", "based", "well", "s", "t",
        // French
        "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en", "et", "eux",
        "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi",
        "mon", "ne", "nos", "notre", "nous", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
        "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d",
        "j", "l", "m", "n", "y", "jusqu", "lorsqu", "puisqu", "quoiqu", "ete", "etre", "avoir", "sont", "est",
        "ont", "sans", "sous", "chez", "entre", "aussi", "plus", "tres", "tout", "tous", "toute", "toutes",
        "notamment", "ainsi", "dont", "afin",
    };

    public static bool Contains(string word) => Words.Contains(word);
}
