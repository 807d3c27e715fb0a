using System.Text.Json;
using CanadaKoreaMatch.Web.Features.Dashboard;
using CanadaKoreaMatch.Web.Features.Labels;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Officials;

public sealed class DashboardModel(IMediator mediator) : PageModel
{
    public DashboardDto Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new GetDashboard(), ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        CsvDownload.File((await mediator.Send(new GetDashboard(), ct)).ToCsv(), "canadakoreamatch-dashboard.csv");

    /// <summary>The decisions for the match evaluation, with the whole directory so that it can rebuild the pool.</summary>
    public async Task<IActionResult> OnGetLabelsAsync(CancellationToken ct)
    {
        var export = await mediator.Send(new ExportMatchLabels(ExportMatchLabels.AllFirms), ct);
        return File(JsonSerializer.SerializeToUtf8Bytes(export, MatchLabelExport.Json), "application/json", $"canadakoreamatch-labels-{export.ExportedAt:yyyyMMdd}.json");
    }
}
