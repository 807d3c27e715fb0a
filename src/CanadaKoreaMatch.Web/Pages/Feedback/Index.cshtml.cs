using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Feedback;

/// <summary>Opens from a feedback or outcome e-mail without signing in; the link works once.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel, IFeedbackInput, IOutcomeInput
{
    public FollowUpLinkView View { get; private set; } = null!;

    public MeetingFeedbackDto? Saved { get; private set; }

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

    public bool AsksForOutcome => View.Kind is nameof(FollowUpKind.PromisingNudge30) or nameof(FollowUpKind.PromisingNudge90);

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        KeepTheLinkPrivate();
        View = await mediator.Send(new OpenFollowUpLink(token), ct);
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        KeepTheLinkPrivate();
        View = await mediator.Send(new OpenFollowUpLink(token), ct);
        if (View.Status != FollowUpLinkStatus.Open)
        {
            return Page();
        }

        Saved = AsksForOutcome
            ? await mediator.Send(new SubmitOutcomeByLink(token, Outcome, Note), ct)
            : await mediator.Send(new SubmitFeedbackByLink(token, Attendance, Attendance == MeetingAttendance.TookPlace ? Rating : null, NextStep,
                Attendance == MeetingAttendance.TookPlace && Promising), ct);
        return Page();
    }

    /// <summary>The token is in the address: no cache keeps the page (and Common/Web/Transport.cs sends no Referer from it).</summary>
    private void KeepTheLinkPrivate() => Response.Headers.CacheControl = "no-store";
}
