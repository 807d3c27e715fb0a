using System.Collections.Frozen;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Taxonomy;

/// <summary>The reference taxonomy held in memory: it changes only when the seed changes, and every validation reads it.</summary>
public sealed class TaxonomyCatalog
{
    private volatile Snapshot current = new([]);

    public IReadOnlyList<TaxonomyTerm> Terms => current.Terms;

    public IEnumerable<TaxonomyTerm> Of(TaxonomyKind kind) => current.Terms.Where(t => t.Kind == kind);

    public bool Contains(TaxonomyKind kind, string code) => current.Codes.Contains((kind, code));

    public string Label(TaxonomyKind kind, string code, string language) =>
        current.ByCode.TryGetValue((kind, code), out var term) ? term.Label(language) : code;

    /// <summary>The label of a known code in the language; false for a code the taxonomy does not hold.</summary>
    public bool TryLabel(TaxonomyKind kind, string code, string language, out string label)
    {
        var known = current.ByCode.TryGetValue((kind, code), out var term);
        label = known ? term!.Label(language) : code;
        return known;
    }

    public string DomainOf(string capabilityCode)
    {
        var dot = capabilityCode.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? capabilityCode : capabilityCode[..dot];
    }

    public async Task LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        Load(await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken));
    }

    public void Load(IEnumerable<TaxonomyTerm> terms) =>
        current = new Snapshot(terms.OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ToList());

    private sealed class Snapshot(List<TaxonomyTerm> terms)
    {
        public List<TaxonomyTerm> Terms { get; } = terms;

        public FrozenDictionary<(TaxonomyKind, string), TaxonomyTerm> ByCode { get; } = terms.ToFrozenDictionary(t => (t.Kind, t.Code));

        public FrozenSet<(TaxonomyKind, string)> Codes { get; } = terms.Select(t => (t.Kind, t.Code)).ToFrozenSet();
    }
}
