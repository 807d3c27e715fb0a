using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>
/// Sends the outbox. Every instance may run it at once: a message is claimed by one conditional update (pending,
/// due, not leased), sent, then marked Sent by its claimant only. A claimant that dies leaves a lease that expires,
/// and another instance sends the message again under the same id (the pickup folder rewrites the same file;
/// SMTP gets the same Message-Id). A failure waits RetryBaseSeconds × 2^(attempts − 1), up to MaxAttempts.
/// </summary>
public sealed class MailDelivery(IServiceScopeFactory scopes, IMailTransport transport, EmailOptions options, InstanceIdentity instance,
    TimeProvider clock, ILogger<MailDelivery> logger)
{
    private const int Batch = 50;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var skipped = new HashSet<Guid>();
        while (!cancellationToken.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await Due(db, now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(Batch + skipped.Count).ToListAsync(cancellationToken);
            due.RemoveAll(skipped.Contains);
            if (due.Count == 0)
            {
                return sent;
            }

            foreach (var id in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await DeliverAsync(db, id, cancellationToken))
                {
                    sent++;
                    if (options.SendIntervalMilliseconds > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(options.SendIntervalMilliseconds), clock, cancellationToken);
                    }
                }
                else
                {
                    skipped.Add(id);
                }
            }
        }

        return sent;
    }

    private static IQueryable<OutboxMessage> Due(AppDbContext db, DateTime now) =>
        db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now));

    private async Task<bool> DeliverAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimant = instance.Id + "/" + Guid.NewGuid().ToString("N")[..8];
        var claimed = await Due(db, now).Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockedBy, claimant)
            .SetProperty(m => m.LockedUntil, now.AddSeconds(options.LeaseSeconds))
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            await transport.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failed = message.Attempts >= options.MaxAttempts;
            var retryAt = clock.GetUtcNow().UtcDateTime.AddSeconds(options.RetryBaseSeconds * Math.Pow(2, message.Attempts - 1));
            logger.LogWarning(ex, "Email {Id} to {To}: attempt {Attempt} failed{Final}", id, message.To, message.Attempts, failed ? ", giving up" : "");
            var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == claimant).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
            return false;
        }

        await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == claimant).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        return true;
    }
}

/// <summary>Names this process among the instances sharing the database: host, process id and a random suffix.</summary>
public sealed class InstanceIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}
