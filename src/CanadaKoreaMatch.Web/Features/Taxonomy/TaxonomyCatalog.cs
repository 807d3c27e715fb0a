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

    public string DomainOf(string capabilityCode)
    {
        var dot = capabilityCode.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? capabilityCode : capabilityCode[..dot];
    }

    public async Task LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        current = new Snapshot(terms.OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ToList());
    }

    private sealed class Snapshot(List<TaxonomyTerm> terms)
    {
        public List<TaxonomyTerm> Terms { get; } = terms;

        public FrozenDictionary<(TaxonomyKind, string), TaxonomyTerm> ByCode { get; } = terms.ToFrozenDictionary(t => (t.Kind, t.Code));

        public FrozenSet<(TaxonomyKind, string)> Codes { get; } = terms.Select(t => (t.Kind, t.Code)).ToFrozenSet();
    }
}
