using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>
/// Carries out due follow-ups. Each one is marked Sent by a conditional update in the same transaction that writes its
/// e-mail to the outbox and its notification, so an instance that dies mid-way sends nothing and another takes it over,
/// and two instances reaching the same follow-up send it once. One with nothing left to say (see FollowUpMessages) is cancelled.
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
            var message = await scope.ServiceProvider.GetRequiredService<FollowUpMessages>().ComposeAsync(followUp, now, cancellationToken);
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
}
