using System.Globalization;
using System.Linq.Expressions;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

public sealed record FollowUpMessage(Email Email, string Title, string Link);

/// <summary>
/// Writes a due follow-up's e-mail and notification in the recipient's language (and, for meetings, time zone), from the
/// records as they are when it is sent. Null when there is nothing left to say: the meeting is gone, the feedback or outcome
/// is already recorded, the firms have met, the recipient turned the kind off or lost the role. E-mails carry names, times
/// and links only: nothing a firm wrote about its capabilities or next steps.
/// </summary>
public sealed class FollowUpMessages(AppDbContext db, EmailTemplates templates, PublicUrls urls, FollowUpLinks links, UserManager<AppUser> users)
{
    public async Task<FollowUpMessage?> ComposeAsync(FollowUp followUp, DateTime now, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == followUp.RecipientUserId, cancellationToken);
        if (user?.Email is null || user.MutedFollowUps.Contains(followUp.Kind.ToString()) || Users.UserAccounts.IsDisabled(user.LockoutEnd))
        {
            return null;
        }

        return followUp.Kind switch
        {
            FollowUpKind.MeetingReminder24h or FollowUpKind.MeetingReminder1h or FollowUpKind.MeetingFeedback
                or FollowUpKind.PromisingNudge30 or FollowUpKind.PromisingNudge90 => await MeetingAsync(followUp, user, now, cancellationToken),
            FollowUpKind.IntroductionFollowUp => await IntroductionAsync(followUp, user, cancellationToken),
            FollowUpKind.OfficialsDigest => await DigestAsync(user, now, cancellationToken),
            FollowUpKind.MeetingRequestReceived or FollowUpKind.MeetingRequestAnswered => await MeetingRequestAsync(followUp, user, cancellationToken),
            FollowUpKind.MeetingCancelled => await MeetingCancelledAsync(followUp, user, cancellationToken),
            FollowUpKind.FirmVerified => await VerificationDecisionAsync(followUp, user,
                c => c.VerifiedAt != null, "firm-verified", "/Companies/Suggestions", cancellationToken),
            FollowUpKind.FirmVerificationWithheld => await VerificationDecisionAsync(followUp, user,
                c => c.VerifiedAt == null && c.VerificationWithheldAt != null, "firm-verification-withheld", "/Companies/Details", cancellationToken),
            FollowUpKind.IntroductionRejected => await RejectedAsync(followUp, user, cancellationToken),
            _ => null,
        };
    }

    private async Task<FollowUpMessage?> MeetingAsync(FollowUp followUp, AppUser user, DateTime now, CancellationToken cancellationToken)
    {
        var meeting = await db.PublishedMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == followUp.SubjectId && !m.Cancelled, cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var firmId = await db.CompanyMembers.InRole(db).Where(m => m.UserId == user.Id && (m.CompanyId == meeting.FirstCompanyId || m.CompanyId == meeting.SecondCompanyId))
            .Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken);
        if (firmId is not { } firm)
        {
            return null;
        }

        var feedback = await db.MeetingFeedback.AsNoTracking().Where(f => f.MeetingId == meeting.Id).ToListAsync(cancellationToken);
        var done = followUp.Kind switch
        {
            FollowUpKind.MeetingFeedback => feedback.Any(f => f.CompanyId == firm),
            FollowUpKind.PromisingNudge30 or FollowUpKind.PromisingNudge90 => feedback.Any(f => f.Outcome is not null) || !feedback.Any(f => f.CompanyId == firm && f.Promising),
            _ => false,
        };
        if (done)
        {
            return null;
        }

        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == meeting.ForumId, cancellationToken);
        var names = await db.Companies.AsNoTracking().Where(c => c.Id == meeting.FirstCompanyId || c.Id == meeting.SecondCompanyId)
            .ToDictionaryAsync(c => c.Id, c => new { c.Name, c.Country }, cancellationToken);
        var zoneId = await FeedbackRecorder.ZoneOfAsync(db, forum, firm, names[firm].Country, cancellationToken);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        var (template, link) = followUp.Kind switch
        {
            FollowUpKind.MeetingFeedback => ("meeting-feedback", FeedbackLink(followUp, now)),
            FollowUpKind.PromisingNudge30 or FollowUpKind.PromisingNudge90 => ("promising-nudge", FeedbackLink(followUp, now)),
            _ => ("meeting-reminder", urls.Page("/Forums/Agenda", new { id = forum.Id, companyId = firm })),
        };
        var values = new Dictionary<string, object?>
        {
            ["name"] = user.DisplayName,
            ["soon"] = followUp.Kind == FollowUpKind.MeetingReminder1h,
            ["days"] = followUp.Kind == FollowUpKind.PromisingNudge90 ? 90 : 30,
            ["counterpart"] = names[meeting.Other(firm)].Name,
            ["forum"] = forum.Name,
            ["venue"] = forum.Venue,
            ["table"] = meeting.Table,
            ["interpreter"] = meeting.Interpreter,
            ["time"] = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["zone"] = zoneId,
            ["expires"] = now.Add(links.Lifetime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["link"] = link,
        };
        return await RenderAsync(user, template, values, link);
    }

    private string FeedbackLink(FollowUp followUp, DateTime now) => urls.Page("/Feedback/Index", new { token = links.Create(followUp.Id, now) });

    private async Task<FollowUpMessage?> IntroductionAsync(FollowUp followUp, AppUser user, CancellationToken cancellationToken)
    {
        var match = await db.Matches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == followUp.SubjectId, cancellationToken);
        if (match is not { Status: MatchStatus.Introduced })
        {
            return null;
        }

        var met = await db.PublishedMeetings.AnyAsync(m => !m.Cancelled
            && ((m.FirstCompanyId == match.CanadianCompanyId && m.SecondCompanyId == match.KoreanCompanyId) || (m.FirstCompanyId == match.KoreanCompanyId && m.SecondCompanyId == match.CanadianCompanyId)), cancellationToken);
        var firmId = await db.CompanyMembers.InRole(db).Where(m => m.UserId == user.Id && (m.CompanyId == match.CanadianCompanyId || m.CompanyId == match.KoreanCompanyId))
            .Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken);
        if (met || firmId is not { } firm)
        {
            return null;
        }

        var other = await db.Companies.AsNoTracking().Where(c => c.Id == match.Other(firm)).Select(c => c.Name).SingleAsync(cancellationToken);
        var link = urls.Page("/Matches/Details", new { id = match.Id });
        return await RenderAsync(user, "introduction-follow-up", new Dictionary<string, object?>
        {
            ["name"] = user.DisplayName,
            ["other"] = other,
            ["date"] = match.StatusChangedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["link"] = link,
        }, link);
    }

    private async Task<FollowUpMessage?> DigestAsync(AppUser user, DateTime now, CancellationToken cancellationToken)
    {
        if (!await users.IsInRoleAsync(user, Roles.TradeOfficial))
        {
            return null;
        }

        var digest = await OfficialsDigest.ComputeAsync(db, now, cancellationToken);
        var link = urls.Page("/Officials/Curation");
        return await RenderAsync(user, "officials-digest", new Dictionary<string, object?>
        {
            ["name"] = user.DisplayName,
            ["to_verify"] = digest.FirmsToVerify,
            ["to_verify_names"] = digest.FirmsToVerifyNames,
            ["queue"] = digest.Queue,
            ["outcomes"] = digest.Outcomes.Select(o => new Dictionary<string, object?> { ["pair"] = o.Pair, ["outcome"] = "outcome." + o.Outcome }).ToList(),
            ["no_shows"] = digest.NoShows,
            ["feedback"] = digest.Feedback,
            ["link"] = link,
            ["dashboard"] = urls.Page("/Officials/Dashboard"),
        }, link);
    }

    private async Task<FollowUpMessage?> MeetingRequestAsync(FollowUp followUp, AppUser user, CancellationToken cancellationToken)
    {
        var request = await db.MeetingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == followUp.SubjectId, cancellationToken);
        var received = followUp.Kind == FollowUpKind.MeetingRequestReceived;
        if (request is null || (request.Status == MeetingRequestStatus.Pending) != received)
        {
            return null;
        }

        var (firm, other) = received ? (request.ToCompanyId, request.FromCompanyId) : (request.FromCompanyId, request.ToCompanyId);
        if (!await Representatives.RepresentsAsync(db, user.Id, firm, cancellationToken))
        {
            return null;
        }

        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        var otherName = await db.Companies.AsNoTracking().Where(c => c.Id == other).Select(c => c.Name).SingleAsync(cancellationToken);
        var link = urls.Page("/Forums/Firms", new { id = forum.Id, companyId = firm });
        return await RenderAsync(user, received ? "meeting-request" : "meeting-request-answered", new Dictionary<string, object?>
        {
            ["name"] = user.DisplayName,
            ["other"] = otherName,
            ["forum"] = forum.Name,
            ["accepted"] = request.Status == MeetingRequestStatus.Accepted,
            ["deadline"] = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(forum.RequestDeadline, DateTimeKind.Utc), forum.Zone())
                .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["zone"] = forum.TimeZone,
            ["link"] = link,
        }, link);
    }

    /// <summary>Tells a representative of a firm that an agreed meeting is cancelled: by the other firm, or by the organisers when the firm did not cancel it.</summary>
    private async Task<FollowUpMessage?> MeetingCancelledAsync(FollowUp followUp, AppUser user, CancellationToken cancellationToken)
    {
        var request = await db.MeetingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == followUp.SubjectId && r.Status == MeetingRequestStatus.Cancelled, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var firm = await Representatives.RepresentsAsync(db, user.Id, request.FromCompanyId, cancellationToken) ? request.FromCompanyId
            : await Representatives.RepresentsAsync(db, user.Id, request.ToCompanyId, cancellationToken) ? request.ToCompanyId : (Guid?)null;
        if (firm is null)
        {
            return null;
        }

        var other = firm == request.FromCompanyId ? request.ToCompanyId : request.FromCompanyId;
        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        var otherName = await db.Companies.AsNoTracking().Where(c => c.Id == other).Select(c => c.Name).SingleAsync(cancellationToken);
        var link = urls.Page("/Forums/Firms", new { id = forum.Id, companyId = firm });
        return await RenderAsync(user, "meeting-cancelled", new Dictionary<string, object?>
        {
            ["name"] = user.DisplayName,
            ["other"] = otherName,
            ["forum"] = forum.Name,
            ["by_organisers"] = followUp.IdempotencyKey.EndsWith(":" + Forums.CancelMeetingHandler.ByOrganisers, StringComparison.Ordinal),
            ["link"] = link,
        }, link);
    }

    /// <summary>Tells a representative of the firm of an official's decision about its verification, if the decision still stands when the notice goes out.</summary>
    private async Task<FollowUpMessage?> VerificationDecisionAsync(
        FollowUp followUp, AppUser user, Expression<Func<Company, bool>> decisionStands, string template, string page, CancellationToken cancellationToken)
    {
        var firm = await db.Companies.AsNoTracking().Where(c => c.Id == followUp.SubjectId).Where(decisionStands)
            .Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(cancellationToken);
        if (firm is null || !await Representatives.RepresentsAsync(db, user.Id, firm.Id, cancellationToken))
        {
            return null;
        }

        var link = urls.Page(page, new { id = firm.Id });
        return await RenderAsync(user, template, new Dictionary<string, object?> { ["name"] = user.DisplayName, ["firm"] = firm.Name, ["link"] = link }, link);
    }

    private async Task<FollowUpMessage?> RejectedAsync(FollowUp followUp, AppUser user, CancellationToken cancellationToken)
    {
        var match = await db.Matches.AsNoTracking().SingleOrDefaultAsync(m => m.Id == followUp.SubjectId, cancellationToken);
        if (match is not { Status: MatchStatus.Rejected, RequestedByCompanyId: { } asker }
            || !await Representatives.RepresentsAsync(db, user.Id, asker, cancellationToken))
        {
            return null;
        }

        var other = await db.Companies.AsNoTracking().Where(c => c.Id == match.Other(asker)).Select(c => c.Name).SingleAsync(cancellationToken);
        var link = urls.Page("/Matches/Details", new { id = match.Id });
        return await RenderAsync(user, "introduction-rejected", new Dictionary<string, object?> { ["name"] = user.DisplayName, ["other"] = other, ["link"] = link }, link);
    }

    private async Task<FollowUpMessage> RenderAsync(AppUser user, string template, Dictionary<string, object?> values, string link)
    {
        var (subject, _) = await templates.RenderAsync(template, user.Language, values);
        var title = subject.Length > Notification.TitleMaxLength ? subject[..Notification.TitleMaxLength] : subject;
        return new FollowUpMessage(new Email(user.Email!, user.Language, template, values), title, link);
    }
}
