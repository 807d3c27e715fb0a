using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class FirmsModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }

    public ForumDto Forum { get; private set; } = null!;

    public IReadOnlyList<ForumFirmDto> Firms { get; private set; } = [];

    public IReadOnlyList<MeetingRequestDto> Received { get; private set; } = [];

    public IReadOnlyList<MeetingRequestDto> Sent { get; private set; } = [];

    public bool Registered { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CompanyId = await ForumPages.FirmAsync(mediator, CompanyId, ct);
        if (CompanyId is null)
        {
            return RedirectToPage("/Companies/Create");
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRequestAsync(Guid toCompanyId, MeetingPriority priority, string? message, CancellationToken ct) =>
        CompanyId is { } from
            ? await ActAsync(() => mediator.Send(new SendMeetingRequest(Id, from, toCompanyId, priority, message), ct), "Meeting request sent.")
            : BadRequest();

    public Task<IActionResult> OnPostAcceptAsync(Guid requestId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new RespondToMeetingRequest(Id, requestId, Accept: true), ct), "Request accepted: the meeting goes into the timetable.");

    public Task<IActionResult> OnPostDeclineAsync(Guid requestId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new RespondToMeetingRequest(Id, requestId, Accept: false), ct), "Request declined.");

    public Task<IActionResult> OnPostWithdrawAsync(Guid requestId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new CancelMeeting(Id, requestId), ct), "Request withdrawn.");

    public Task<IActionResult> OnPostCancelAsync(Guid requestId, CancellationToken ct) =>
        ActAsync(() => mediator.Send(new CancelMeeting(Id, requestId), ct), "Meeting cancelled: the other firm is told, and its slot is free.");

    private async Task<IActionResult> ActAsync(Func<Task> action, string flash)
    {
        await action();
        TempData["Flash"] = flash;
        return Redirect($"/Forums/{Id}/Firms?companyId={CompanyId}");
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Forum = await mediator.Send(new GetForum(Id), ct);
        Registered = await mediator.Send(new GetRegistration(Id, CompanyId!.Value), ct) is not null;
        Firms = await mediator.Send(new ListForumFirms(Id, CompanyId.Value), ct);
        var requests = (await mediator.Send(new ListMeetingRequests(Id, CompanyId.Value), ct)).Items;
        Received = requests.Where(r => r.To.Id == CompanyId && !r.Mutual && !r.AddedByOfficial).ToList();
        Sent = requests.Except(Received).ToList();
    }
}
