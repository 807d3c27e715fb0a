using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>
/// Runs a piece of work on one instance at a time across every instance on the database. The holder's lease is
/// renewed while it works; if the holder dies, the lease expires and the next run on any instance takes over.
/// The job storages' own distributed locks behave differently after a crash (docs/decisions/008-hangfire.md), so
/// this one lives in our tables.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, InstanceIdentity instance, IConfiguration configuration, TimeProvider clock, ILogger<JobLeases> logger)
{
    /// <summary>Jobs:LeaseSeconds (30 s): how long a dead holder blocks the work.</summary>
    public TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(configuration.GetValue("Jobs:LeaseSeconds", 30.0));

    /// <summary>Runs <paramref name="work"/> if the lease is free (or expired); returns false without running it otherwise.</summary>
    public async Task<bool> RunExclusiveAsync(string name, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var holder = instance.Id + "/" + Guid.NewGuid().ToString("N")[..8];
        if (!await TryTakeAsync(name, holder, cancellationToken))
        {
            logger.LogDebug("{Job} is running elsewhere", name);
            return false;
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(name, holder, lost, renewing.Token);
        try
        {
            await work(lost.Token);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            await ReleaseAsync(name, holder);
        }

        return true;
    }

    private async Task<bool> TryTakeAsync(string name, string holder, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var taken = await db.JobLeases.Where(l => l.Name == name && l.ExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, now + Lifetime), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = now + Lifetime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance created it first
        }
    }

    private async Task RenewAsync(string name, string holder, CancellationTokenSource lost, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lifetime / 3, clock, stop);
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + Lifetime;
                if (await db.JobLeases.Where(l => l.Name == name && l.Holder == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), stop) == 0)
                {
                    logger.LogWarning("{Job}: the lease was taken over; stopping", name);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReleaseAsync(string name, string holder)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var expired = clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, expired), CancellationToken.None);
    }
}
