using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Labels;
using CanadaKoreaMatch.Web.Features.Matches;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

public sealed record MeetingFeedbackDto(
    Guid MeetingId, Guid CompanyId, string Attendance, int? Rating, string? NextStep, bool Promising, DateTime SubmittedAt,
    string? Outcome, string? OutcomeNote, DateTime? OutcomeAt, string MatchStatus);

public interface IFeedbackInput
{
    MeetingAttendance? Attendance { get; }

    int? Rating { get; }

    string? NextStep { get; }

    bool Promising { get; }
}

public interface IOutcomeInput
{
    MatchOutcome? Outcome { get; }

    string? Note { get; }
}

internal abstract class FeedbackRules<T> : AbstractValidator<T>
    where T : IFeedbackInput
{
    protected FeedbackRules()
    {
        RuleFor(f => f.Attendance).NotNull().WithMessage("Say whether the meeting took place.").IsInEnum();
        RuleFor(f => f.Rating).InclusiveBetween(1, 5).WithMessage("Rate the meeting from 1 to 5.");
        RuleFor(f => f.Rating).Null().When(f => f.Attendance != MeetingAttendance.TookPlace).WithMessage("Only a meeting that took place is rated.");
        RuleFor(f => f.Promising).Equal(false).When(f => f.Attendance != MeetingAttendance.TookPlace).WithMessage("Only a meeting that took place can be promising.");
        RuleFor(f => f.NextStep).MaximumLength(MeetingFeedback.NextStepMaxLength);
    }
}

internal abstract class OutcomeRules<T> : AbstractValidator<T>
    where T : IOutcomeInput
{
    protected OutcomeRules()
    {
        RuleFor(o => o.Outcome).NotNull().WithMessage("Choose the outcome: an MoU, a joint bid, a contract or no further action.").IsInEnum();
        RuleFor(o => o.Note).MaximumLength(Match.TextMaxLength);
    }
}

/// <summary>A representative records, for their firm, whether a forum meeting took place, how it went and the next step; a second call corrects it.</summary>
[Authorize]
public sealed record RecordMeetingFeedback(Guid ForumId, Guid CompanyId, Guid MeetingId, MeetingAttendance? Attendance, int? Rating = null, string? NextStep = null, bool Promising = false)
    : ICommand<MeetingFeedbackDto>, IEditsCompany, IFeedbackInput;

internal sealed class RecordMeetingFeedbackValidator : FeedbackRules<RecordMeetingFeedback>;

/// <summary>A representative records what came of a forum meeting (an MoU, a joint bid, a contract, no further action); it moves the firms' match to Outcome.</summary>
[Authorize]
public sealed record RecordMeetingOutcome(Guid ForumId, Guid CompanyId, Guid MeetingId, MatchOutcome? Outcome, string? Note = null)
    : ICommand<MeetingFeedbackDto>, IEditsCompany, IOutcomeInput;

internal sealed class RecordMeetingOutcomeValidator : OutcomeRules<RecordMeetingOutcome>;

/// <summary>What the firm recorded about one of its forum meetings (404 when nothing yet).</summary>
[Authorize]
public sealed record GetMeetingFeedback(Guid ForumId, Guid CompanyId, Guid MeetingId) : IQuery<MeetingFeedbackDto>, IReadsForumFirm;

internal sealed class SignedInFeedbackHandler(AppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<RecordMeetingFeedback, MeetingFeedbackDto>, IRequestHandler<RecordMeetingOutcome, MeetingFeedbackDto>, IRequestHandler<GetMeetingFeedback, MeetingFeedbackDto>
{
    public async Task<MeetingFeedbackDto> Handle(RecordMeetingFeedback request, CancellationToken cancellationToken)
    {
        var meeting = await FeedbackRecorder.MeetingAsync(db, request.ForumId, request.CompanyId, request.MeetingId, cancellationToken);
        var feedback = await FeedbackRecorder.RecordFeedbackAsync(db, meeting, request.CompanyId, user.UserId, request, clock.GetUtcNow().UtcDateTime, replace: true, cancellationToken);
        return await FeedbackRecorder.SaveAsync(db, meeting, feedback, cancellationToken);
    }

    public async Task<MeetingFeedbackDto> Handle(RecordMeetingOutcome request, CancellationToken cancellationToken)
    {
        var meeting = await FeedbackRecorder.MeetingAsync(db, request.ForumId, request.CompanyId, request.MeetingId, cancellationToken);
        var feedback = await FeedbackRecorder.RecordOutcomeAsync(db, meeting, request.CompanyId, user.UserId, request, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return await FeedbackRecorder.SaveAsync(db, meeting, feedback, cancellationToken);
    }

    public async Task<MeetingFeedbackDto> Handle(GetMeetingFeedback request, CancellationToken cancellationToken)
    {
        var meeting = await FeedbackRecorder.MeetingAsync(db, request.ForumId, request.CompanyId, request.MeetingId, cancellationToken);
        var feedback = await db.MeetingFeedback.AsNoTracking().SingleOrDefaultAsync(f => f.MeetingId == meeting.Id && f.CompanyId == request.CompanyId, cancellationToken)
            ?? throw new NotFoundException("Feedback on this meeting");
        return await FeedbackRecorder.ToDtoAsync(db, meeting, feedback, cancellationToken);
    }
}

public enum FollowUpLinkStatus
{
    Open,
    Used,
    Expired,
    Invalid,
    Gone,
}

public sealed record FollowUpLinkView(
    FollowUpLinkStatus Status, string? Kind, Guid? ForumId, string? Forum, string? Company, string? Counterpart, string? CounterpartCountry,
    DateTime? LocalStart, string? Zone, string? Table, MeetingFeedbackDto? Recorded, DateTime? ForumStart = null, string? ForumZone = null);

/// <summary>What an e-mailed feedback or outcome link is about, for the page it opens without signing in.</summary>
public sealed record OpenFollowUpLink(string Token) : IQuery<FollowUpLinkView>;

/// <summary>Feedback through the e-mailed link: no sign-in, and the link works once.</summary>
public sealed record SubmitFeedbackByLink(string Token, MeetingAttendance? Attendance, int? Rating = null, string? NextStep = null, bool Promising = false)
    : ICommand<MeetingFeedbackDto>, IFeedbackInput;

internal sealed class SubmitFeedbackByLinkValidator : FeedbackRules<SubmitFeedbackByLink>;

/// <summary>An outcome through the link of a 30- or 90-day nudge: no sign-in, and the link works once.</summary>
public sealed record SubmitOutcomeByLink(string Token, MatchOutcome? Outcome, string? Note = null) : ICommand<MeetingFeedbackDto>, IOutcomeInput;

internal sealed class SubmitOutcomeByLinkValidator : OutcomeRules<SubmitOutcomeByLink>;

internal sealed class FollowUpLinkHandler(AppDbContext db, FollowUpLinks links, TimeProvider clock)
    : IRequestHandler<OpenFollowUpLink, FollowUpLinkView>, IRequestHandler<SubmitFeedbackByLink, MeetingFeedbackDto>, IRequestHandler<SubmitOutcomeByLink, MeetingFeedbackDto>
{
    private static readonly FollowUpKind[] LinkKinds = [FollowUpKind.MeetingFeedback, FollowUpKind.PromisingNudge30, FollowUpKind.PromisingNudge90];

    private sealed record Resolved(FollowUpLinkStatus Status, FollowUp? FollowUp = null, PublishedMeeting? Meeting = null, Guid Firm = default);

    public async Task<FollowUpLinkView> Handle(OpenFollowUpLink request, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(request.Token, cancellationToken);
        if (link.Meeting is not { } meeting)
        {
            return new FollowUpLinkView(link.Status, null, null, null, null, null, null, null, null, null, null);
        }

        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == meeting.ForumId, cancellationToken);
        var firms = await db.Companies.AsNoTracking().Where(c => c.Id == meeting.FirstCompanyId || c.Id == meeting.SecondCompanyId)
            .ToDictionaryAsync(c => c.Id, c => new { c.Name, c.Country }, cancellationToken);
        var zone = await FeedbackRecorder.ZoneOfAsync(db, forum, link.Firm, firms[link.Firm].Country, cancellationToken);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zone));
        var recorded = await db.MeetingFeedback.AsNoTracking().SingleOrDefaultAsync(f => f.MeetingId == meeting.Id && f.CompanyId == link.Firm, cancellationToken);
        var status = link.Status;
        if (status == FollowUpLinkStatus.Open && recorded is not null && (link.FollowUp!.Kind == FollowUpKind.MeetingFeedback || recorded.Outcome is not null))
        {
            status = FollowUpLinkStatus.Used;
        }

        var other = meeting.Other(link.Firm);
        return new FollowUpLinkView(
            status, link.FollowUp!.Kind.ToString(), forum.Id, forum.Name, firms[link.Firm].Name, firms[other].Name, firms[other].Country, local, zone, meeting.Table,
            recorded is null ? null : await FeedbackRecorder.ToDtoAsync(db, meeting, recorded, cancellationToken),
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc), forum.Zone()), forum.TimeZone);
    }

    public async Task<MeetingFeedbackDto> Handle(SubmitFeedbackByLink request, CancellationToken cancellationToken)
    {
        var (followUp, meeting, firm) = await ClaimAsync(request.Token, FollowUpKind.MeetingFeedback, cancellationToken);
        var feedback = await FeedbackRecorder.RecordFeedbackAsync(db, meeting, firm, followUp.RecipientUserId, request, clock.GetUtcNow().UtcDateTime, replace: false, cancellationToken);
        return await FeedbackRecorder.SaveAsync(db, meeting, feedback, cancellationToken);
    }

    public async Task<MeetingFeedbackDto> Handle(SubmitOutcomeByLink request, CancellationToken cancellationToken)
    {
        var (followUp, meeting, firm) = await ClaimAsync(request.Token, null, cancellationToken);
        if (followUp.Kind == FollowUpKind.MeetingFeedback)
        {
            throw new ConflictException("This link asks for feedback on the meeting, not its outcome.");
        }

        if (await db.MeetingFeedback.AnyAsync(f => f.MeetingId == meeting.Id && f.CompanyId == firm && f.Outcome != null, cancellationToken))
        {
            throw new ConflictException("Your firm has already recorded the outcome of this meeting.");
        }

        var feedback = await FeedbackRecorder.RecordOutcomeAsync(db, meeting, firm, followUp.RecipientUserId, request, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return await FeedbackRecorder.SaveAsync(db, meeting, feedback, cancellationToken);
    }

    /// <summary>Checks the link and marks it used in the command's transaction (of two submissions at once, one gets 409).</summary>
    private async Task<(FollowUp FollowUp, PublishedMeeting Meeting, Guid Firm)> ClaimAsync(string token, FollowUpKind? kind, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(token, cancellationToken);
        switch (link.Status)
        {
            case FollowUpLinkStatus.Invalid:
                throw new NotFoundException("This link");
            case FollowUpLinkStatus.Expired:
                throw new ConflictException("This link has expired. Sign in to record it from your agenda.");
            case FollowUpLinkStatus.Gone:
                throw new ConflictException("This meeting was cancelled.");
            case FollowUpLinkStatus.Used:
                throw new ConflictException("This link has already been used.");
        }

        if (kind is { } expected && link.FollowUp!.Kind != expected)
        {
            throw new ConflictException("This link asks for the outcome of the meeting, not feedback on it.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.FollowUps.Where(f => f.Id == link.FollowUp!.Id && f.LinkUsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(f => f.LinkUsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            throw new ConflictException("This link has already been used.");
        }

        return (link.FollowUp!, link.Meeting!, link.Firm);
    }

    private async Task<Resolved> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var (state, id) = links.Read(token, clock.GetUtcNow().UtcDateTime);
        if (state == LinkState.Invalid)
        {
            return new Resolved(FollowUpLinkStatus.Invalid);
        }

        var followUp = await db.FollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && LinkKinds.Contains(f.Kind), cancellationToken);
        if (followUp is null)
        {
            return new Resolved(FollowUpLinkStatus.Invalid);
        }

        // The links of an account an administrator disabled end with its sessions.
        var recipientLockout = await db.Users.Where(u => u.Id == followUp.RecipientUserId).Select(u => u.LockoutEnd).SingleOrDefaultAsync(cancellationToken);
        if (Users.UserAccounts.IsDisabled(recipientLockout))
        {
            return new Resolved(FollowUpLinkStatus.Invalid);
        }

        var meeting = await db.PublishedMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == followUp.SubjectId && !m.Cancelled, cancellationToken);
        var firm = meeting is null ? null : await db.CompanyMembers.InRole(db)
            .Where(m => m.UserId == followUp.RecipientUserId && (m.CompanyId == meeting.FirstCompanyId || m.CompanyId == meeting.SecondCompanyId))
            .Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken);
        if (meeting is null || firm is null)
        {
            return new Resolved(FollowUpLinkStatus.Gone, followUp);
        }

        var status = state == LinkState.Expired ? FollowUpLinkStatus.Expired : followUp.LinkUsedAt is null ? FollowUpLinkStatus.Open : FollowUpLinkStatus.Used;
        return new Resolved(status, followUp, meeting, firm.Value);
    }
}

/// <summary>
/// The rules shared by the signed-in and e-mailed ways of recording feedback and outcomes. A meeting that took place (again when
/// its firm changes whether it was promising) and every recorded outcome are kept as labels for the match evaluation (decision 015).
/// </summary>
internal static class FeedbackRecorder
{
    public static readonly FollowUpKind[] Nudges = [FollowUpKind.PromisingNudge30, FollowUpKind.PromisingNudge90];

    public static async Task<PublishedMeeting> MeetingAsync(AppDbContext db, Guid forumId, Guid companyId, Guid meetingId, CancellationToken cancellationToken) =>
        await db.PublishedMeetings.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == meetingId && m.ForumId == forumId && !m.Cancelled && (m.FirstCompanyId == companyId || m.SecondCompanyId == companyId), cancellationToken)
        ?? throw new NotFoundException("The meeting");

    public static async Task<MeetingFeedback> RecordFeedbackAsync(
        AppDbContext db, PublishedMeeting meeting, Guid firm, string? userId, IFeedbackInput input, DateTime now, bool replace, CancellationToken cancellationToken)
    {
        if (now < meeting.StartsAt)
        {
            throw new ConflictException("Feedback opens when the meeting has started.");
        }

        var feedback = await db.MeetingFeedback.SingleOrDefaultAsync(f => f.MeetingId == meeting.Id && f.CompanyId == firm, cancellationToken);
        if (feedback is not null && !replace)
        {
            throw new ConflictException("Your firm's feedback on this meeting is already recorded.");
        }

        var before = feedback is { Attendance: MeetingAttendance.TookPlace } ? (bool?)feedback.Promising : null;
        if (feedback is null)
        {
            feedback = new MeetingFeedback { Id = Guid.NewGuid(), ForumId = meeting.ForumId, MeetingId = meeting.Id, CompanyId = firm };
            db.MeetingFeedback.Add(feedback);
        }
        else if (feedback.Outcome is not null && input.Attendance != MeetingAttendance.TookPlace)
        {
            throw new ConflictException("An outcome is recorded for this meeting, so it took place.");
        }

        feedback.UserId = userId;
        feedback.Attendance = input.Attendance!.Value;
        feedback.Rating = input.Rating;
        feedback.NextStep = string.IsNullOrWhiteSpace(input.NextStep) ? null : input.NextStep.Trim();
        feedback.Promising = input.Promising;
        feedback.SubmittedAt = now;

        if (feedback.Attendance == MeetingAttendance.TookPlace)
        {
            var match = await MatchPairs.FindOrSuggestAsync(db, firm, meeting.Other(firm), userId, now, cancellationToken);
            match.RecordMeeting(userId, now);
            if (before != feedback.Promising)
            {
                var context = await LabelContexts.OfFirmAsync(db, firm, meeting.Other(firm), userId, now, cancellationToken);
                db.MatchLabels.Add(MatchLabel.MeetingHeld(firm, meeting.Other(firm), feedback.Promising, context));
            }
        }

        var representatives = await Representatives.OfAsync(db, [firm], cancellationToken);
        if (feedback.Promising && feedback.Outcome is null)
        {
            await FollowUpPlanner.PlanAsync(db, FollowUpKind.PromisingNudge30, meeting.Id, meeting.ForumId, representatives, meeting.StartsAt.AddDays(30), now, cancellationToken);
            await FollowUpPlanner.PlanAsync(db, FollowUpKind.PromisingNudge90, meeting.Id, meeting.ForumId, representatives, meeting.StartsAt.AddDays(90), now, cancellationToken);
        }
        else
        {
            await FollowUpPlanner.CancelAsync(db, Nudges, meeting.Id, representatives, cancellationToken);
        }

        return feedback;
    }

    public static async Task<MeetingFeedback> RecordOutcomeAsync(
        AppDbContext db, PublishedMeeting meeting, Guid firm, string? userId, IOutcomeInput input, DateTime now, CancellationToken cancellationToken)
    {
        if (now < meeting.StartsAt)
        {
            throw new ConflictException("An outcome is recorded once the meeting has taken place.");
        }

        var feedback = await db.MeetingFeedback.SingleOrDefaultAsync(f => f.MeetingId == meeting.Id && f.CompanyId == firm, cancellationToken);
        if (feedback is null)
        {
            feedback = new MeetingFeedback
            {
                Id = Guid.NewGuid(), ForumId = meeting.ForumId, MeetingId = meeting.Id, CompanyId = firm, UserId = userId, Attendance = MeetingAttendance.TookPlace, SubmittedAt = now,
            };
            db.MeetingFeedback.Add(feedback);
        }
        else if (feedback.Attendance != MeetingAttendance.TookPlace)
        {
            throw new ConflictException("Your firm recorded that this meeting did not take place. Correct that first.");
        }

        feedback.Outcome = input.Outcome!.Value;
        feedback.OutcomeNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        feedback.OutcomeAt = now;
        var outcomeContext = await LabelContexts.OfFirmAsync(db, firm, meeting.Other(firm), userId, now, cancellationToken);
        db.MatchLabels.Add(MatchLabel.OutcomeOf(firm, meeting.Other(firm), feedback.Outcome.Value, outcomeContext));

        var match = await MatchPairs.FindOrSuggestAsync(db, firm, meeting.Other(firm), userId, now, cancellationToken);
        match.RecordMeeting(userId, now);
        if (match.Status == MatchStatus.Meeting)
        {
            // The match is read by both firms: the note is the recording firm's own, kept with its feedback.
            match.MoveTo(MatchStatus.Outcome, userId, now);
            match.Outcome = feedback.Outcome;
        }

        await FollowUpPlanner.CancelAsync(db, Nudges, meeting.Id, null, cancellationToken);
        return feedback;
    }

    public static async Task<MeetingFeedbackDto> SaveAsync(AppDbContext db, PublishedMeeting meeting, MeetingFeedback feedback, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        return await ToDtoAsync(db, meeting, feedback, cancellationToken);
    }

    public static async Task<MeetingFeedbackDto> ToDtoAsync(AppDbContext db, PublishedMeeting meeting, MeetingFeedback f, CancellationToken cancellationToken)
    {
        var other = meeting.Other(f.CompanyId);
        var status = await db.Matches.Where(m => (m.CanadianCompanyId == f.CompanyId && m.KoreanCompanyId == other) || (m.CanadianCompanyId == other && m.KoreanCompanyId == f.CompanyId))
            .Select(m => (MatchStatus?)m.Status).FirstOrDefaultAsync(cancellationToken);
        return new MeetingFeedbackDto(
            f.MeetingId, f.CompanyId, f.Attendance.ToString(), f.Rating, f.NextStep, f.Promising, DateTime.SpecifyKind(f.SubmittedAt, DateTimeKind.Utc),
            f.Outcome?.ToString(), f.OutcomeNote, f.OutcomeAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null, status?.ToString() ?? "None");
    }

    /// <summary>The firm's time zone for this forum: the one it registered with, else its country's.</summary>
    public static async Task<string> ZoneOfAsync(AppDbContext db, Forum forum, Guid firm, string country, CancellationToken cancellationToken) =>
        await db.ForumRegistrations.Where(r => r.ForumId == forum.Id && r.CompanyId == firm).Select(r => r.TimeZone).FirstOrDefaultAsync(cancellationToken)
        ?? (country == Countries.Korea ? "Asia/Seoul" : "America/Toronto");
}
