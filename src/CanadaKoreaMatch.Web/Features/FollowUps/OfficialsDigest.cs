using System.Globalization;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

public sealed record DigestOutcome(string Pair, string Outcome);

public sealed record DigestFigures(int FirmsToVerify, IReadOnlyList<string> FirmsToVerifyNames, int Queue, IReadOnlyList<DigestOutcome> Outcomes, int Feedback, int NoShows);

/// <summary>The officials' Monday summary: firms waiting for verification, the curation queue, and the week's outcomes and forum feedback.</summary>
public static class OfficialsDigest
{
    private const int NamesShown = 10;

    /// <summary>"2026-W49": one digest per official and ISO week, whichever instance plans it.</summary>
    public static string Period(DateTime now) => $"{ISOWeek.GetYear(now)}-W{ISOWeek.GetWeekOfYear(now):00}";

    /// <summary>A digest follow-up, due now, for every trade official who has none for this week.</summary>
    public static async Task<int> PlanWeekAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var officials = await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.TradeOfficial), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .ToListAsync(cancellationToken);
        var period = Period(now);
        var keys = officials.ToDictionary(u => FollowUp.KeyOf(FollowUpKind.OfficialsDigest, period, u));
        var existing = await db.FollowUps.Where(f => keys.Keys.Contains(f.IdempotencyKey)).Select(f => f.IdempotencyKey).ToListAsync(cancellationToken);
        var missing = keys.Where(k => !existing.Contains(k.Key)).ToList();
        foreach (var (key, user) in missing)
        {
            db.FollowUps.Add(new FollowUp
            {
                Id = Guid.NewGuid(), Kind = FollowUpKind.OfficialsDigest, RecipientUserId = user, DueAt = now, Status = FollowUpStatus.Scheduled, IdempotencyKey = key, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    public static async Task<DigestFigures> ComputeAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var weekAgo = now.AddDays(-7);
        var unverified = db.Companies.AsNoTracking().Where(Company.AwaitsVerification);
        var names = await unverified.OrderBy(c => c.CreatedAt).Select(c => c.Name).Take(NamesShown).ToListAsync(cancellationToken);
        var queue = await db.Matches.CountAsync(m => m.Status == MatchStatus.Requested || m.Status == MatchStatus.UnderReview, cancellationToken);
        var outcomes = await db.Matches.AsNoTracking().Where(m => m.Status == MatchStatus.Outcome && m.StatusChangedAt >= weekAgo && m.Outcome != null)
            .Join(db.Companies, m => m.CanadianCompanyId, c => c.Id, (m, ca) => new { m.KoreanCompanyId, Canadian = ca.Name, m.Outcome })
            .Join(db.Companies, x => x.KoreanCompanyId, c => c.Id, (x, kr) => new { x.Canadian, Korean = kr.Name, x.Outcome })
            .ToListAsync(cancellationToken);
        var feedback = await db.MeetingFeedback.AsNoTracking().Where(f => f.SubmittedAt >= weekAgo).Select(f => f.Attendance).ToListAsync(cancellationToken);
        return new DigestFigures(
            await unverified.CountAsync(cancellationToken), names, queue,
            outcomes.OrderBy(o => o.Canadian, StringComparer.Ordinal).Select(o => new DigestOutcome($"{o.Canadian} – {o.Korean}", o.Outcome!.Value.ToString())).ToList(),
            feedback.Count, feedback.Count(a => a != MeetingAttendance.TookPlace));
    }
}
