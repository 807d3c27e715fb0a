using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class ScheduleModel(IMediator mediator, IStringLocalizer<SharedResource> t) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid MeetingId { get; set; }

    [BindProperty]
    public string? At { get; set; }

    [BindProperty]
    public string? Table { get; set; }

    [BindProperty]
    public bool Lock { get; set; } = true;

    public TimetableDto Timetable { get; private set; } = null!;

    public MoveCheckDto? Check { get; private set; }

    public bool Running => Timetable.LatestRun?.Status is "Queued" or "Running";

    public async Task OnGetAsync(CancellationToken ct) => Timetable = await mediator.Send(new GetTimetable(Id), ct);

    public Task<IActionResult> OnPostRunAsync(CancellationToken ct) =>
        ActAsync(() => mediator.Send(new StartScheduleRun(Id), ct), "The scheduler is running. This page follows it.");

    public Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        ActAsync(() => mediator.Send(new PublishTimetable(Id), ct), "Timetable published. The firms whose meetings changed are told by e-mail.");

    public Task<IActionResult> OnPostLockAsync(Guid meetingId, bool locked, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new SetMeetingLock(Id, meetingId, locked), ct), locked ? "Meeting locked: later runs keep it where it is." : "Meeting unlocked.");

    /// <summary>The live check the page's script calls as the organiser picks a meeting, a slot and a table.</summary>
    public async Task<IActionResult> OnGetCheckAsync(Guid meetingId, string? at, string? table, CancellationToken ct)
    {
        At = at;
        if (!TryParseAt(out var day, out var slot))
        {
            return BadRequest();
        }

        var check = await mediator.Send(new CheckMove(Id, meetingId, day, slot, string.IsNullOrEmpty(table) ? null : table), ct);
        return new JsonResult(new
        {
            check.Possible,
            check.Table,
            check.InterpreterId,
            Conflicts = check.Conflicts.Select(c => new { c.Code, Message = c.Refusal.Localize(t) }),
        });
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        Timetable = await mediator.Send(new GetTimetable(Id), ct);
        if (TryParseAt(out var day, out var slot))
        {
            Check = await mediator.Send(new CheckMove(Id, MeetingId, day, slot, string.IsNullOrEmpty(Table) ? null : Table), ct);
        }

        return Page();
    }

    public Task<IActionResult> OnPostMoveAsync(CancellationToken ct) =>
        ActAsync(async () =>
        {
            if (!TryParseAt(out var day, out var slot))
            {
                throw Common.Errors.InputException.For("at", "Choose a slot.");
            }

            await mediator.Send(new MoveMeeting(Id, MeetingId, day, slot, string.IsNullOrEmpty(Table) ? null : Table, Lock), ct);
        }, "Meeting moved.");

    public Task<IActionResult> OnPostCancelMeetingAsync(CancellationToken ct) =>
        ActAsync(() => mediator.Send(new CancelMeeting(Id, MeetingId), ct), "Meeting cancelled: both firms are told.");

    private bool TryParseAt(out int day, out int slot)
    {
        day = slot = 0;
        var parts = (At ?? "").Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], out day) && int.TryParse(parts[1], out slot);
    }

    private async Task<IActionResult> ActAsync(Func<Task> action, string flash)
    {
        await action();
        TempData["Flash"] = flash;
        return RedirectToPage(new { id = Id });
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct) => Timetable ??= await mediator.Send(new GetTimetable(Id), ct);
}
