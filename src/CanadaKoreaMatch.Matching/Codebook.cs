namespace CanadaKoreaMatch.Matching;

/// <summary>Dense ids for the strings of one category (capability codes, programmes, modes...).</summary>
internal sealed class Codebook
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private readonly List<string[]> singletons = [];

    public int Count => names.Count;

    public void Clear()
    {
        ids.Clear();
        names.Clear();
        singletons.Clear();
    }

    public int Intern(string name)
    {
        if (!ids.TryGetValue(name, out var id))
        {
            id = names.Count;
            ids.Add(name, id);
            names.Add(name);
            singletons.Add([name]);
        }

        return id;
    }

    public int Find(string name) => ids.TryGetValue(name, out var id) ? id : -1;

    public string Name(int id) => names[id];

    /// <summary>A shared one-element list naming the code, so reasons do not allocate one per suggestion.</summary>
    public string[] Single(int id) => singletons[id];

    /// <summary>Ascending distinct ids of the given names, normalised.</summary>
    public int[] InternSet(IEnumerable<string> values)
    {
        var set = new SortedSet<int>();
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                set.Add(Intern(Taxonomy.Normalize(value)));
            }
        }

        return [.. set];
    }
}

/// <summary>An entry of an inverted index: a firm's slot and a weight the index carries for it.</summary>
internal readonly record struct Posting(int Slot, float Weight);

/// <summary>Slot lists per (side, key): the inverted indexes of the pool.</summary>
internal sealed class Postings
{
    private readonly List<List<Posting>>[] sides = [[], []];

    public void Clear()
    {
        sides[0].Clear();
        sides[1].Clear();
    }

    public ReadOnlySpan<Posting> Get(int side, int key)
    {
        var lists = sides[side];
        return key < lists.Count ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lists[key]) : [];
    }

    public void Add(int side, int key, int slot, float weight = 0)
    {
        var lists = sides[side];
        while (lists.Count <= key)
        {
            lists.Add([]);
        }

        lists[key].Add(new Posting(slot, weight));
    }

    public void Remove(int side, int key, int slot)
    {
        var list = sides[side][key];
        var index = list.FindIndex(p => p.Slot == slot);
        list[index] = list[^1];
        list.RemoveAt(list.Count - 1);
    }
}
