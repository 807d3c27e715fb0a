using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

/// <summary>
/// Keeps a forum's meeting follow-ups in step with its published timetable: for every representative of both firms of each
/// published meeting, a reminder 24 h and 1 h before. A moved meeting moves its follow-ups; a cancelled one cancels those not
/// yet sent. Runs in the publishing transaction.
/// </summary>
internal static class FollowUpPlanner
{
    public static async Task<(int Planned, int Moved, int Cancelled)> SyncForumAsync(AppDbContext db, Forum forum, DateTime now, CancellationToken cancellationToken)
    {
        var meetings = await db.PublishedMeetings.Where(m => m.ForumId == forum.Id && !m.Cancelled)
            .Select(m => new { m.Id, m.FirstCompanyId, m.SecondCompanyId, m.StartsAt }).ToListAsync(cancellationToken);
        var firms = meetings.SelectMany(m => new[] { m.FirstCompanyId, m.SecondCompanyId }).Distinct().ToList();
        var representatives = (await db.CompanyMembers.Where(m => firms.Contains(m.CompanyId)).Select(m => new { m.CompanyId, m.UserId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.CompanyId, m => m.UserId);

        var wanted = new Dictionary<string, FollowUp>();
        foreach (var meeting in meetings)
        {
            foreach (var user in representatives[meeting.FirstCompanyId].Concat(representatives[meeting.SecondCompanyId]).Distinct())
            {
                Want(FollowUpKind.MeetingReminder24h, meeting.StartsAt.AddHours(-24));
                Want(FollowUpKind.MeetingReminder1h, meeting.StartsAt.AddHours(-1));

                void Want(FollowUpKind kind, DateTime due)
                {
                    var key = FollowUp.KeyOf(kind, meeting.Id, user);
                    wanted[key] = new FollowUp
                    {
                        Id = Guid.NewGuid(), Kind = kind, RecipientUserId = user, SubjectId = meeting.Id, ForumId = forum.Id, DueAt = due,
                        Status = FollowUpStatus.Scheduled, IdempotencyKey = key, CreatedAt = now,
                    };
                }
            }
        }

        var existing = await db.FollowUps.Where(f => f.ForumId == forum.Id).ToDictionaryAsync(f => f.IdempotencyKey, cancellationToken);
        int planned = 0, moved = 0, cancelled = 0;
        foreach (var (key, want) in wanted)
        {
            // A reminder whose moment passed before the meeting was published is not sent late.
            var stale = want.DueAt < now;
            if (!existing.TryGetValue(key, out var have))
            {
                if (!stale)
                {
                    db.FollowUps.Add(want);
                    planned++;
                }
            }
            else if (have.Status is FollowUpStatus.Scheduled or FollowUpStatus.Cancelled && (have.DueAt != want.DueAt || have.Status == FollowUpStatus.Cancelled))
            {
                if (stale)
                {
                    cancelled += have.Status == FollowUpStatus.Scheduled ? 1 : 0;
                    have.Status = FollowUpStatus.Cancelled;
                }
                else
                {
                    moved++;
                    have.DueAt = want.DueAt;
                    have.Status = FollowUpStatus.Scheduled;
                    have.Attempts = 0;
                    have.LastError = null;
                }
            }
        }

        foreach (var gone in existing.Values.Where(f => f.Status == FollowUpStatus.Scheduled && !wanted.ContainsKey(f.IdempotencyKey)))
        {
            gone.Status = FollowUpStatus.Cancelled;
            cancelled++;
        }

        return (planned, moved, cancelled);
    }
}
