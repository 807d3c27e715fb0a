using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

/// <summary>
/// Creates and keeps current the follow-ups that flows cause, in the flow's transaction. A follow-up is found again by its
/// idempotency key, so planning twice changes nothing; one cancelled by a person stays cancelled; one whose moment passed
/// before it was planned is not sent late.
/// </summary>
internal static class FollowUpPlanner
{
    private static readonly FollowUpKind[] ForumKinds = [FollowUpKind.MeetingReminder24h, FollowUpKind.MeetingReminder1h, FollowUpKind.MeetingFeedback];

    /// <summary>
    /// Keeps a forum's meeting follow-ups in step with its published timetable: for every representative of both firms of each
    /// published meeting, a reminder 24 h and 1 h before and a feedback request at the end of its forum day. A moved meeting
    /// moves its follow-ups; a cancelled one cancels those not yet sent. Runs in the publishing transaction.
    /// </summary>
    public static async Task<(int Planned, int Moved, int Cancelled)> SyncForumAsync(AppDbContext db, Forum forum, DateTime now, CancellationToken cancellationToken)
    {
        var meetings = await db.PublishedMeetings.Where(m => m.ForumId == forum.Id && !m.Cancelled)
            .Select(m => new { m.Id, m.FirstCompanyId, m.SecondCompanyId, m.StartsAt, m.EndsAt }).ToListAsync(cancellationToken);
        var firms = meetings.SelectMany(m => new[] { m.FirstCompanyId, m.SecondCompanyId }).Distinct().ToList();
        var representatives = (await db.CompanyMembers.InRole(db).Where(m => firms.Contains(m.CompanyId)).Select(m => new { m.CompanyId, m.UserId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.CompanyId, m => m.UserId);
        var zone = forum.Zone();
        var dayEnds = (await db.ForumDays.Where(d => d.ForumId == forum.Id).Select(d => new { d.Date, d.End }).ToListAsync(cancellationToken))
            .ToDictionary(d => d.Date, d => ForumGrid.ToUtc(d.Date, d.End, zone));

        var wanted = new Dictionary<string, FollowUp>();
        foreach (var meeting in meetings)
        {
            var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc), zone));
            var feedbackDue = dayEnds.TryGetValue(localDate, out var end) && end >= meeting.EndsAt ? end : meeting.EndsAt;
            foreach (var user in representatives[meeting.FirstCompanyId].Concat(representatives[meeting.SecondCompanyId]).Distinct())
            {
                Want(FollowUpKind.MeetingReminder24h, meeting.StartsAt.AddHours(-24));
                Want(FollowUpKind.MeetingReminder1h, meeting.StartsAt.AddHours(-1));
                Want(FollowUpKind.MeetingFeedback, feedbackDue);

                void Want(FollowUpKind kind, DateTime due) => wanted[FollowUp.KeyOf(kind, meeting.Id, user)] = New(kind, meeting.Id, forum.Id, user, due, now);
            }
        }

        var existing = await db.FollowUps.Where(f => f.ForumId == forum.Id && ForumKinds.Contains(f.Kind)).ToDictionaryAsync(f => f.IdempotencyKey, cancellationToken);
        int planned = 0, moved = 0, cancelled = 0;
        foreach (var want in wanted.Values)
        {
            switch (Apply(db, existing.GetValueOrDefault(want.IdempotencyKey), want, now))
            {
                case Change.Planned: planned++; break;
                case Change.Moved: moved++; break;
                case Change.Cancelled: cancelled++; break;
            }
        }

        foreach (var gone in existing.Values.Where(f => f.Status == FollowUpStatus.Scheduled && !wanted.ContainsKey(f.IdempotencyKey)))
        {
            gone.Status = FollowUpStatus.Cancelled;
            cancelled++;
        }

        return (planned, moved, cancelled);
    }

    /// <summary>Plans (or moves) one kind of follow-up about a subject for each recipient.</summary>
    public static async Task PlanAsync(AppDbContext db, FollowUpKind kind, Guid subjectId, Guid? forumId, IEnumerable<string> recipients, DateTime due, DateTime now, CancellationToken cancellationToken, string? occasion = null)
    {
        var wanted = recipients.Distinct().Select(user => New(kind, subjectId, forumId, user, due, now, occasion)).ToList();
        var keys = wanted.Select(w => w.IdempotencyKey).ToList();
        var existing = await db.FollowUps.Where(f => keys.Contains(f.IdempotencyKey)).ToDictionaryAsync(f => f.IdempotencyKey, cancellationToken);
        foreach (var want in wanted)
        {
            Apply(db, existing.GetValueOrDefault(want.IdempotencyKey), want, now);
        }
    }

    /// <summary>
    /// A notice due at once about a subject, for the representatives of one firm (it is written when it is sent). A subject
    /// is told of a kind once; <paramref name="occasion"/> names a decision that can be taken again about it (a firm verified
    /// after its verification was withdrawn), so that each is told.
    /// </summary>
    public static async Task NoticeAsync(AppDbContext db, FollowUpKind kind, Guid subjectId, Guid firm, DateTime now, CancellationToken cancellationToken, string? occasion = null) =>
        await PlanAsync(db, kind, subjectId, null, await Representatives.OfAsync(db, [firm], cancellationToken), now, now, cancellationToken, occasion);

    /// <summary>Cancels the follow-ups of these kinds about a subject that are still to be sent (to these recipients, or to anyone).</summary>
    public static async Task CancelAsync(AppDbContext db, IReadOnlyCollection<FollowUpKind> kinds, Guid subjectId, IReadOnlyCollection<string>? recipients, CancellationToken cancellationToken)
    {
        var pending = await db.FollowUps
            .Where(f => f.SubjectId == subjectId && kinds.Contains(f.Kind) && f.Status == FollowUpStatus.Scheduled && (recipients == null || recipients.Contains(f.RecipientUserId)))
            .ToListAsync(cancellationToken);
        foreach (var followUp in pending)
        {
            followUp.Status = FollowUpStatus.Cancelled;
        }
    }

    private enum Change
    {
        None,
        Planned,
        Moved,
        Cancelled,
    }

    private static Change Apply(AppDbContext db, FollowUp? have, FollowUp want, DateTime now)
    {
        var stale = want.DueAt < now;
        if (have is null)
        {
            if (stale)
            {
                return Change.None;
            }

            db.FollowUps.Add(want);
            return Change.Planned;
        }

        var planCancelled = have.Status == FollowUpStatus.Cancelled && have.CancelledBy is null;
        if (!(have.Status == FollowUpStatus.Scheduled && have.DueAt != want.DueAt) && !planCancelled)
        {
            return Change.None;
        }

        if (stale)
        {
            var was = have.Status;
            have.Status = FollowUpStatus.Cancelled;
            return was == FollowUpStatus.Scheduled ? Change.Cancelled : Change.None;
        }

        have.DueAt = want.DueAt;
        have.Status = FollowUpStatus.Scheduled;
        have.Attempts = 0;
        have.LastError = null;
        return Change.Moved;
    }

    private static FollowUp New(FollowUpKind kind, Guid subjectId, Guid? forumId, string user, DateTime due, DateTime now, string? occasion = null)
    {
        var key = occasion is null ? FollowUp.KeyOf(kind, subjectId, user) : $"{FollowUp.KeyOf(kind, subjectId, user)}:{occasion}";
        return new FollowUp
        {
            Id = Guid.NewGuid(), Kind = kind, RecipientUserId = user, SubjectId = subjectId, ForumId = forumId, DueAt = due,
            Status = FollowUpStatus.Scheduled, IdempotencyKey = key, CreatedAt = now,
        };
    }
}
