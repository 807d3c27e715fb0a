namespace CanadaKoreaMatch.Matching.Text;

/// <summary>A firm's text as a sparse, L2-normalised TF-IDF vector sorted by term id.</summary>
internal sealed class TermVector(int[] terms, float[] weights)
{
    public static readonly TermVector Empty = new([], []);

    public int[] Terms { get; } = terms;

    public float[] Weights { get; } = weights;

    public double Dot(TermVector other)
    {
        var a = Terms;
        var b = other.Terms;
        var wa = Weights;
        var wb = other.Weights;
        int i = 0, j = 0;
        var sum = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var ta = a[i];
            var tb = b[j];
            if (ta == tb)
            {
                sum += (double)wa[i] * wb[j];
                i++;
                j++;
            }
            else if (ta < tb)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}

/// <summary>
/// Vocabulary and document frequencies of the pool. Frequencies are a snapshot taken when the
/// engine is built: later edits add terms but do not move the IDF of existing ones, so one edit
/// changes only the scores of pairs that include the edited firm.
/// </summary>
internal sealed class TextModel
{
    /// <summary>Terms in more than this share of firms carry almost no information and are dropped.</summary>
    private const double MaxDocumentShare = 0.2;
    private const int MinPoolForMaxShare = 200;

    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> displays = [];
    private readonly List<int> documentFrequency = [];
    private int pool;

    public int Count => displays.Count;

    public void Clear()
    {
        ids.Clear();
        displays.Clear();
        documentFrequency.Clear();
        termNames.Clear();
        termWords.Clear();
        pool = 0;
    }

    public string Display(int term) => displays[term];

    public string Term(int term) => termNames[term];

    /// <summary>The two words of a phrase term, or null for a single word or a Hangul bigram.</summary>
    public string[]? Words(int term) => termWords[term];

    private readonly List<string> termNames = [];
    private readonly List<string[]?> termWords = [];

    /// <summary>Counts terms of every document and fixes the frequencies used from now on.</summary>
    public void Snapshot(IEnumerable<int[]> documents)
    {
        pool = 0;
        foreach (var document in documents)
        {
            pool++;
            foreach (var term in document.Distinct())
            {
                documentFrequency[term]++;
            }
        }
    }

    /// <summary>The term ids of a tokenised document, new terms added to the vocabulary.</summary>
    public int[] Intern(List<TermOccurrence> document)
    {
        var result = new int[document.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Intern(document[i]);
        }

        return result;
    }

    public TermVector Vectorize(int[] document)
    {
        if (document.Length == 0)
        {
            return TermVector.Empty;
        }

        var counts = new Dictionary<int, int>();
        foreach (var id in document)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        var terms = new List<int>(counts.Count);
        var weights = new List<double>(counts.Count);
        var norm = 0.0;
        foreach (var (term, count) in counts.OrderBy(p => p.Key))
        {
            var df = Math.Max(documentFrequency[term], 1);
            if (pool >= MinPoolForMaxShare && df > MaxDocumentShare * pool)
            {
                continue;
            }

            var idf = Math.Log((1.0 + pool) / (1.0 + df)) + 1.0;
            var weight = (1.0 + Math.Log(count)) * idf;
            terms.Add(term);
            weights.Add(weight);
            norm += weight * weight;
        }

        if (terms.Count == 0)
        {
            return TermVector.Empty;
        }

        norm = Math.Sqrt(norm);
        return new TermVector([.. terms], [.. weights.Select(w => (float)(w / norm))]);
    }

    private int Intern(TermOccurrence occurrence)
    {
        if (!ids.TryGetValue(occurrence.Term, out var id))
        {
            id = displays.Count;
            ids.Add(occurrence.Term, id);
            displays.Add(occurrence.Display);
            termNames.Add(occurrence.Term);
            termWords.Add(occurrence.Term.Contains(' ', StringComparison.Ordinal) ? occurrence.Term.Split(' ') : null);
            documentFrequency.Add(0);
        }

        return id;
    }
}
