using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Notifications;

public sealed class IndexModel(IMediator mediator) : PageModel, IFormPage
{
    public NotificationList Notifications { get; private set; } = new([], 0, 0);

    [BindProperty]
    public string Language { get; set; } = "en";

    [BindProperty]
    public List<string> Muted { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPreferencesAsync(CancellationToken ct)
    {
        await mediator.Send(new SetNotificationPreferences(Language, Muted), ct);
        TempData["Flash"] = "Preferences saved.";
        return RedirectToPage();
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct) => Notifications = await mediator.Send(new ListMyNotifications(100), ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Notifications = await mediator.Send(new ListMyNotifications(100), ct);
        var preferences = await mediator.Send(new GetNotificationPreferences(), ct);
        Language = preferences.Language;
        Muted = [.. preferences.Muted];
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        await mediator.Send(new MarkNotificationsRead(), ct);
        return RedirectToPage();
    }
}
