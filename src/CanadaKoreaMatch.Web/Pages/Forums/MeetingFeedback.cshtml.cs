using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

/// <summary>A representative records (or corrects) their firm's feedback on a forum meeting, and later its outcome, from the agenda.</summary>
public sealed class MeetingFeedbackModel(IMediator mediator) : PageModel, IFeedbackInput, IOutcomeInput, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid MeetingId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid CompanyId { get; set; }

    public AgendaItemDto Meeting { get; private set; } = null!;

    public AgendaDto Agenda { get; private set; } = null!;

    public MeetingFeedbackDto? Recorded { get; private set; }

    [BindProperty]
    public MeetingAttendance? Attendance { get; set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? NextStep { get; set; }

    [BindProperty]
    public bool Promising { get; set; }

    [BindProperty]
    public MatchOutcome? Outcome { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The form that was sent and refused: its messages show in it, and the other form shows what is recorded.</summary>
    public bool OutcomeRefused { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        ShowRecordedFeedback();
        ShowRecordedOutcome();
    }

    public Task<IActionResult> OnPostFeedbackAsync(CancellationToken ct) =>
        SaveAsync(() => mediator.Send(new RecordMeetingFeedback(Id, CompanyId, MeetingId, Attendance,
            Attendance == MeetingAttendance.TookPlace ? Rating : null, NextStep, Attendance == MeetingAttendance.TookPlace && Promising), ct), "Feedback recorded.");

    public Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct) =>
        SaveAsync(() => mediator.Send(new RecordMeetingOutcome(Id, CompanyId, MeetingId, Outcome, Note), ct), "Outcome recorded.");

    private async Task<IActionResult> SaveAsync(Func<Task<MeetingFeedbackDto>> save, string flash)
    {
        await save();
        TempData["Flash"] = flash;
        return Redirect($"/Forums/{Id}/Meetings/{MeetingId}/Feedback?companyId={CompanyId}");
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        await LoadAsync(ct);
        var outcomePosted = string.Equals(Request.Query["handler"], "Outcome", StringComparison.OrdinalIgnoreCase);
        // The outcome form is shown only once the meeting is recorded as held; otherwise its refusal shows in the feedback form.
        OutcomeRefused = outcomePosted && Recorded?.Attendance == nameof(MeetingAttendance.TookPlace);
        if (outcomePosted)
        {
            ShowRecordedFeedback();
        }
        else
        {
            ShowRecordedOutcome();
        }
    }

    private void ShowRecordedFeedback()
    {
        if (Recorded is { } r)
        {
            Attendance = Enum.Parse<MeetingAttendance>(r.Attendance);
            Rating = r.Rating;
            NextStep = r.NextStep;
            Promising = r.Promising;
        }
    }

    private void ShowRecordedOutcome()
    {
        if (Recorded is { } r)
        {
            Outcome = r.Outcome is null ? null : Enum.Parse<MatchOutcome>(r.Outcome);
            Note = r.OutcomeNote;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agenda = await mediator.Send(new GetAgenda(Id, CompanyId), ct);
        Meeting = Agenda.Items.SingleOrDefault(m => m.MeetingId == MeetingId) ?? throw new NotFoundException("The meeting");
        try
        {
            Recorded = await mediator.Send(new GetMeetingFeedback(Id, CompanyId, MeetingId), ct);
        }
        catch (NotFoundException)
        {
            Recorded = null;
        }
    }
}
