using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

/// <summary>
/// A forum's meetings after the event, from the firms' feedback: of the meetings that have started, the share with feedback
/// from at least one firm, the share of those with a no-show (either side), those called promising, and the outcomes
/// (one per meeting: the first a firm recorded).
/// </summary>
public sealed record ForumFollowUpFiguresDto(
    Guid ForumId, string Forum, string Status, int Meetings, int WithFeedback, double FeedbackRate, int NoShows, double NoShowRate, int Promising,
    IReadOnlyDictionary<string, int> Outcomes);

internal static class ForumFollowUpFigures
{
    public static async Task<IReadOnlyList<ForumFollowUpFiguresDto>> ComputeAsync(AppDbContext db, DateTime now, Guid? forumId, CancellationToken cancellationToken)
    {
        var forums = await db.Forums.AsNoTracking().Where(f => (forumId == null || f.Id == forumId) && f.Status != ForumStatus.Draft)
            .Select(f => new { f.Id, f.Name, f.Status }).ToListAsync(cancellationToken);
        var ids = forums.Select(f => f.Id).ToList();
        var started = (await db.PublishedMeetings.AsNoTracking().Where(m => ids.Contains(m.ForumId) && !m.Cancelled && m.StartsAt <= now)
            .Select(m => new { m.ForumId, m.Id }).ToListAsync(cancellationToken)).ToLookup(m => m.ForumId, m => m.Id);
        var feedback = (await db.MeetingFeedback.AsNoTracking().Where(f => ids.Contains(f.ForumId))
            .Select(f => new { f.ForumId, f.MeetingId, f.Attendance, f.Promising, f.Outcome, f.OutcomeAt }).ToListAsync(cancellationToken)).ToLookup(f => f.ForumId);

        return forums.Where(f => started[f.Id].Any() || feedback[f.Id].Any()).Select(f =>
        {
            var meetings = started[f.Id].ToHashSet();
            var byMeeting = feedback[f.Id].Where(x => meetings.Contains(x.MeetingId)).GroupBy(x => x.MeetingId).ToList();
            var noShows = byMeeting.Count(g => g.Any(x => x.Attendance != MeetingAttendance.TookPlace));
            var outcomes = byMeeting.Select(g => g.Where(x => x.Outcome is not null).OrderBy(x => x.OutcomeAt).Select(x => x.Outcome).FirstOrDefault())
                .OfType<MatchOutcome>().GroupBy(o => o).ToDictionary(g => g.Key.ToString(), g => g.Count());
            return new ForumFollowUpFiguresDto(
                f.Id, f.Name, f.Status.ToString(), meetings.Count, byMeeting.Count, Rate(byMeeting.Count, meetings.Count), noShows, Rate(noShows, byMeeting.Count),
                byMeeting.Count(g => g.Any(x => x.Promising)), outcomes);
        }).OrderBy(f => f.Forum, StringComparer.Ordinal).ToList();
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
