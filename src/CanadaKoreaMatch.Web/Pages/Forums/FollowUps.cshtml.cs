using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class FollowUpsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public FollowUpStatus? Status { get; set; }

    public ForumDto Forum { get; private set; } = null!;

    public FollowUpList FollowUps { get; private set; } = new([], 0);

    public IReadOnlyDictionary<FollowUpStatus, int> Counts { get; private set; } = new Dictionary<FollowUpStatus, int>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostRetryAsync(Guid followUpId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new RetryFollowUp(followUpId), ct), "The follow-up will be sent again shortly.", ct);

    public Task<IActionResult> OnPostCancelAsync(Guid followUpId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new CancelFollowUp(followUpId), ct), "Follow-up cancelled.", ct);

    private async Task<IActionResult> ActAsync(Func<Task> action, string flash, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Flash"] = flash;
            return Redirect($"/Forums/{Id}/FollowUps{(Status is null ? "" : $"?status={Status}")}");
        }
        catch (Exception e) when (FormErrors.TryAdd(ModelState, e, ""))
        {
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Forum = await mediator.Send(new GetForum(Id), ct);
        var all = await mediator.Send(new ListFollowUps(Id, Take: 5000), ct);
        Counts = all.Items.GroupBy(f => Enum.Parse<FollowUpStatus>(f.Status)).ToDictionary(g => g.Key, g => g.Count());
        FollowUps = Status is { } status ? await mediator.Send(new ListFollowUps(Id, Status: status), ct) : all;
    }
}
