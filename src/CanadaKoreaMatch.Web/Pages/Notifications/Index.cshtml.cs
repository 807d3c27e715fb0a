using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Notifications;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public NotificationList Notifications { get; private set; } = new([], 0, 0);

    public async Task OnGetAsync(CancellationToken ct) => Notifications = await mediator.Send(new ListMyNotifications(100), ct);

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        await mediator.Send(new MarkNotificationsRead(), ct);
        return RedirectToPage();
    }
}
