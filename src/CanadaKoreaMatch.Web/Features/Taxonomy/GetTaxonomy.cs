using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Domain;
using MediatR;

namespace CanadaKoreaMatch.Web.Features.Taxonomy;

public sealed record GetTaxonomy : IQuery<TaxonomyDto>;

public sealed record TaxonomyDto(
    IReadOnlyList<TermDto> Domains,
    IReadOnlyList<TermDto> Capabilities,
    IReadOnlyList<TermDto> Modes,
    IReadOnlyList<TermDto> Programmes,
    IReadOnlyList<TermDto> Compliance,
    IReadOnlyList<TermDto> Languages);

public sealed record TermDto(string Code, LabelsDto Labels);

public sealed record LabelsDto(string En, string Fr, string Ko);

internal sealed class GetTaxonomyHandler(TaxonomyCatalog catalog) : IRequestHandler<GetTaxonomy, TaxonomyDto>
{
    public Task<TaxonomyDto> Handle(GetTaxonomy request, CancellationToken cancellationToken)
    {
        List<TermDto> Of(TaxonomyKind kind) =>
            catalog.Of(kind).Select(t => new TermDto(t.Code, new LabelsDto(t.LabelEn, t.LabelFr, t.LabelKo))).ToList();

        return Task.FromResult(new TaxonomyDto(
            Of(TaxonomyKind.Domain), Of(TaxonomyKind.Capability), Of(TaxonomyKind.Mode),
            Of(TaxonomyKind.Programme), Of(TaxonomyKind.Compliance), Of(TaxonomyKind.Language)));
    }
}
