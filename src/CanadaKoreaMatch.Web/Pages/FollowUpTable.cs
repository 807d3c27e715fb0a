using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>What Shared/_FollowUpTable.cshtml shows: follow-ups by status, with "send again" and "cancel".</summary>
public sealed record FollowUpTable(string Path, string TimeZone, FollowUpStatus? Status, FollowUpList List, IReadOnlyDictionary<FollowUpStatus, int> Counts);

/// <summary>A page of follow-ups (a forum's, or all of them for officials) that organisers and officials send again or cancel.</summary>
public abstract class FollowUpsPage(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public FollowUpStatus? Status { get; set; }

    public FollowUpTable Table { get; private set; } = null!;

    protected abstract Guid? ForumId { get; }

    protected abstract string Path { get; }

    protected abstract Task<string> TimeZoneAsync(CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostRetryAsync(Guid followUpId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new RetryFollowUp(followUpId), ct), "The follow-up will be sent again shortly.");

    public Task<IActionResult> OnPostCancelAsync(Guid followUpId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new CancelFollowUp(followUpId), ct), "Follow-up cancelled.");

    private async Task<IActionResult> ActAsync(Func<Task> action, string flash)
    {
        await action();
        TempData["Flash"] = flash;
        return Redirect(Path + (Status is null ? "" : $"?status={Status}"));
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var zone = await TimeZoneAsync(ct);
        var all = await mediator.Send(new ListFollowUps(ForumId, Take: 5000), ct);
        var counts = all.Items.GroupBy(f => Enum.Parse<FollowUpStatus>(f.Status)).ToDictionary(g => g.Key, g => g.Count());
        var list = Status is { } status ? await mediator.Send(new ListFollowUps(ForumId, Status: status), ct) : all;
        Table = new FollowUpTable(Path, zone, Status, list, counts);
    }
}
