using System.Globalization;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>
/// Carries out due follow-ups. Each one is marked Sent by a conditional update in the same transaction that writes its
/// e-mail to the outbox and its notification, so an instance that dies mid-way sends nothing and another takes it over,
/// and two instances reaching the same follow-up send it once. A follow-up about a meeting that no longer exists is cancelled.
/// </summary>
public sealed class FollowUpDispatch(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<FollowUpDispatch> logger)
{
    public const string Id = "follow-up-dispatch";
    private const int Batch = 100;

    private int MaxAttempts => configuration.GetValue("FollowUps:MaxAttempts", 5);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var seen = new HashSet<Guid>();
        while (!cancellationToken.IsCancellationRequested)
        {
            List<Guid> due;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var now = clock.GetUtcNow().UtcDateTime;
                due = await db.FollowUps.Where(f => f.Status == FollowUpStatus.Scheduled && f.DueAt <= now)
                    .OrderBy(f => f.DueAt).Select(f => f.Id).Take(Batch + seen.Count).ToListAsync(cancellationToken);
            }

            due.RemoveAll(id => !seen.Add(id));
            if (due.Count == 0)
            {
                return sent;
            }

            foreach (var id in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sent += await DispatchAsync(id, cancellationToken) ? 1 : 0;
            }
        }

        return sent;
    }

    private async Task<bool> DispatchAsync(Guid id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.FollowUps.Where(f => f.Id == id && f.Status == FollowUpStatus.Scheduled && f.DueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FollowUpStatus.Sent).SetProperty(f => f.SentAt, now).SetProperty(f => f.Attempts, f => f.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            var followUp = await db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == id, cancellationToken);
            var message = await ComposeAsync(scope.ServiceProvider, db, followUp, cancellationToken);
            if (message is null)
            {
                await db.FollowUps.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FollowUpStatus.Cancelled).SetProperty(f => f.SentAt, (DateTime?)null), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return false;
            }

            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(message.Email, cancellationToken);
            db.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(), UserId = followUp.RecipientUserId, Kind = followUp.Kind, FollowUpId = followUp.Id, Title = message.Title, Link = message.Link, CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Follow-up {Id} could not be sent", id);
            db.ChangeTracker.Clear();
            var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            var max = MaxAttempts;
            await db.FollowUps.Where(f => f.Id == id && f.Status == FollowUpStatus.Scheduled).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Attempts, f => f.Attempts + 1)
                .SetProperty(f => f.LastError, error)
                .SetProperty(f => f.Status, f => f.Attempts + 1 >= max ? FollowUpStatus.Failed : FollowUpStatus.Scheduled), CancellationToken.None);
            return false;
        }
    }

    private sealed record Message(Email Email, string Title, string Link);

    /// <summary>The e-mail and notification of a meeting reminder, in the recipient's language and time zone; null when the meeting is gone or the recipient turned the kind off.</summary>
    private static async Task<Message?> ComposeAsync(IServiceProvider services, AppDbContext db, FollowUp followUp, CancellationToken cancellationToken)
    {
        var meeting = await db.PublishedMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == followUp.SubjectId && !m.Cancelled, cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == followUp.RecipientUserId, cancellationToken);
        if (meeting is null || user?.Email is null || user.MutedFollowUps.Contains(followUp.Kind.ToString()))
        {
            return null;
        }

        var firmId = await db.CompanyMembers.Where(m => m.UserId == user.Id && (m.CompanyId == meeting.FirstCompanyId || m.CompanyId == meeting.SecondCompanyId))
            .Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken);
        if (firmId is not { } firm)
        {
            return null;
        }

        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == meeting.ForumId, cancellationToken);
        var names = await db.Companies.AsNoTracking().Where(c => c.Id == meeting.FirstCompanyId || c.Id == meeting.SecondCompanyId)
            .ToDictionaryAsync(c => c.Id, c => new { c.Name, c.Country }, cancellationToken);
        var zoneId = await db.ForumRegistrations.Where(r => r.ForumId == forum.Id && r.CompanyId == firm).Select(r => r.TimeZone).FirstOrDefaultAsync(cancellationToken)
            ?? (names[firm].Country == Countries.Korea ? "Asia/Seoul" : "America/Toronto");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(meeting.StartsAt, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        var link = services.GetRequiredService<PublicUrls>().Page("/Forums/Agenda", new { id = forum.Id, companyId = firm });
        var values = new Dictionary<string, object?>
        {
            ["name"] = user.DisplayName,
            ["soon"] = followUp.Kind == FollowUpKind.MeetingReminder1h,
            ["counterpart"] = names[meeting.Other(firm)].Name,
            ["forum"] = forum.Name,
            ["venue"] = forum.Venue,
            ["table"] = meeting.Table,
            ["interpreter"] = meeting.Interpreter,
            ["time"] = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["zone"] = zoneId,
            ["link"] = link,
        };
        var (subject, _) = await services.GetRequiredService<EmailTemplates>().RenderAsync("meeting-reminder", user.Language, values);
        return new Message(new Email(user.Email, user.Language, "meeting-reminder", values), subject, link);
    }
}
