using System.Text;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class AgendaModel(IMediator mediator, TimeProvider clock) : PageModel, IFormPage
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }

    public AgendaDto Agenda { get; private set; } = null!;

    public CalendarSubscriptionDto? Subscription { get; private set; }

    public bool CanManageFeed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CompanyId = await ForumPages.FirmAsync(mediator, CompanyId, ct);
        if (CompanyId is null)
        {
            return RedirectToPage("/Forums/Details", new { id = Id });
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetIcsAsync(CancellationToken ct)
    {
        if (CompanyId is null)
        {
            return BadRequest();
        }

        var calendar = await mediator.Send(new GetAgendaCalendar(Id, CompanyId.Value), ct);
        return File(Encoding.UTF8.GetBytes(calendar), "text/calendar", $"agenda-{Id:N}.ics");
    }

    public async Task<IActionResult> OnPostSubscribeAsync(CancellationToken ct)
    {
        if (CompanyId is null)
        {
            return BadRequest();
        }

        Subscription = await mediator.Send(new CreateCalendarSubscription(CompanyId.Value), ct);
        await LoadAsync(ct, keepSubscription: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (CompanyId is null)
        {
            return BadRequest();
        }

        await mediator.Send(new RevokeCalendarSubscription(CompanyId.Value), ct);
        TempData["Flash"] = "Calendar link revoked: calendars using it no longer update.";
        return Redirect($"/Forums/{Id}/Agenda?companyId={CompanyId}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid requestId, CancellationToken ct)
    {
        await mediator.Send(new CancelMeeting(Id, requestId), ct);
        TempData["Flash"] = "Meeting cancelled: the other firm is told, and its slot is free.";
        return Redirect($"/Forums/{Id}/Agenda?companyId={CompanyId}");
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => CompanyId is null ? Task.CompletedTask : LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct, bool keepSubscription = false)
    {
        Agenda = await mediator.Send(new GetAgenda(Id, CompanyId!.Value), ct);
        var mine = await ForumPages.MyFirmsAsync(mediator, ct);
        CanManageFeed = mine.Any(f => f.Id == CompanyId) || User.IsInRole(Domain.Roles.Administrator);
        if (CanManageFeed && !keepSubscription)
        {
            Subscription = await mediator.Send(new GetCalendarSubscription(CompanyId.Value), ct);
        }
    }
}
