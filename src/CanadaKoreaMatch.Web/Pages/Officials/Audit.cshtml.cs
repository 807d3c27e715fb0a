using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Features.Audit;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Officials;

public sealed class AuditModel(IMediator mediator, JsonStringLocalizerFactory strings, TaxonomyCatalog taxonomy) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? SubjectId { get; set; }

    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)] public new string? User { get; set; }

    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public Page<AuditEntryDto> Result { get; private set; } = new([], 0, 1, 50);

    public AuditChangeLabels Labels { get; private set; } = new(strings, taxonomy);

    public string ExportUrl => "/Officials/Audit?handler=Export&" + Request.QueryString.Value?.TrimStart('?');

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await mediator.Send(new ListAuditEntries(SubjectId, Blank(EntityType), Blank(User), From, EndOfDay(To), PagingRules.FromAddress(PageNumber)), ct);
        var references = Result.Items.SelectMany(e => AuditDiff.References(e.Before).Concat(AuditDiff.References(e.After))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Labels = new AuditChangeLabels(strings, taxonomy, references.Count == 0 ? null : await mediator.Send(new NamesOfReferences(references), ct));
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var csv = await mediator.Send(new ExportAuditEntries(SubjectId, Blank(EntityType), Blank(User), From, EndOfDay(To)), ct);
        return CsvDownload.File(csv, "canadakoreamatch-audit.csv");
    }

    private static DateTime? EndOfDay(DateTime? day) => day is { } d && d.Date < DateTime.MaxValue.Date ? d.Date.AddDays(1).AddTicks(-1) : day is null ? null : DateTime.MaxValue;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
