using System.Text.Json;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Engine = CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>
/// Runs the scheduling engine for one queued run: claims it (one instance only), reports progress to the run's row, and
/// replaces the forum's working timetable with the result in one transaction.
/// </summary>
public sealed class ForumScheduleJob(IServiceScopeFactory scopes, IConfiguration configuration, InstanceIdentity instance, TimeProvider clock, ILogger<ForumScheduleJob> logger)
{
    public const string SweepId = "forum-schedule-sweep";

    private TimeSpan Budget => TimeSpan.FromSeconds(configuration.GetValue("Forums:ScheduleSeconds", 30.0));

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.ScheduleRuns.Where(r => r.Id == runId && r.Status == ScheduleRunStatus.Queued)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, ScheduleRunStatus.Running).SetProperty(x => x.StartedAt, now)
                .SetProperty(x => x.HeartbeatAt, now).SetProperty(x => x.Phase, "preparing").SetProperty(x => x.RunBy, instance.Id), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var run = await db.ScheduleRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        using var stop = new CancellationTokenSource();
        var heartbeat = BeatAsync(runId, stop.Token);
        try
        {
            var forum = await db.Forums.AsNoTracking().Include(f => f.Days).Include(f => f.Interpreters).AsSplitQuery().SingleAsync(f => f.Id == run.ForumId, cancellationToken);
            var input = await EngineInputs.BuildAsync(db, forum, cancellationToken);
            var result = await SolveAsync(runId, input, cancellationToken);
            await SaveAsync(db, forum, run.Id, input, result, cancellationToken);
            logger.LogInformation("Schedule run {Run} of forum {Forum}: {Scheduled} scheduled, {Unscheduled} left out, weight {Weight} of bound {Bound}",
                runId, forum.Id, result.Meetings.Count, result.Unscheduled.Count, result.ScheduledWeight, result.WeightUpperBound);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Schedule run {Run} failed", runId);
            db.ChangeTracker.Clear();
            var message = ex is FormatException ? $"The forum cannot be scheduled as defined: {ex.Message}" : "The engine stopped with an error; the timetable was not changed. Start the run again, or ask an administrator to look at the log.";
            await db.ScheduleRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, ScheduleRunStatus.Failed)
                .SetProperty(x => x.FinishedAt, clock.GetUtcNow().UtcDateTime).SetProperty(x => x.Phase, "failed").SetProperty(x => x.Error, message), CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>
    /// Keeps the run's heartbeat fresh for as long as this instance works on it, preparation and saving included, so that the
    /// sweep fails only runs whose instance stopped.
    /// </summary>
    private async Task BeatAsync(Guid runId, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Forums:StallSeconds", 120.0) / 4, 0.25, 10));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop);
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().ScheduleRuns.Where(r => r.Id == runId && r.Status == ScheduleRunStatus.Running)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.HeartbeatAt, clock.GetUtcNow().UtcDateTime), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Heartbeat of schedule run {Run} failed; trying again", runId);
            }
        }
    }

    private async Task<Engine.ForumResult> SolveAsync(Guid runId, EngineInput input, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        Engine.ForumProgress? latest = null;
        var solve = Task.Run(() => Engine.ForumSolver.Solve(input.Instance, new Engine.ForumOptions
        {
            Previous = input.Previous,
            Cancellation = budget.Token,
            Progress = p => Volatile.Write(ref latest, p),
        }), CancellationToken.None);
        while (!solve.IsCompleted)
        {
            await Task.WhenAny(solve, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
            if (Volatile.Read(ref latest) is { } progress)
            {
                await ReportAsync(runId, progress);
            }
        }

        return await solve;
    }

    private async Task ReportAsync(Guid runId, Engine.ForumProgress progress)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.ScheduleRuns.Where(r => r.Id == runId && r.Status == ScheduleRunStatus.Running).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Phase, progress.Phase).SetProperty(x => x.ScheduledWeight, progress.ScheduledWeight)
            .SetProperty(x => x.UpperBound, progress.UpperBound).SetProperty(x => x.HeartbeatAt, clock.GetUtcNow().UtcDateTime));
    }

    private async Task SaveAsync(AppDbContext db, Forum forum, Guid runId, EngineInput input, Engine.ForumResult result, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ForumMeetings.Where(m => m.ForumId == forum.Id).ExecuteDeleteAsync(cancellationToken);
        db.ForumMeetings.AddRange(result.Meetings.Select(m =>
        {
            var id = Guid.ParseExact(m.Request, "N");
            return new ForumMeeting
            {
                Id = id, ForumId = forum.Id, Day = m.Day, Slot = m.Slot, Table = m.Table, Locked = input.Locked.Contains(id),
                InterpreterId = int.TryParse(m.Interpreter, System.Globalization.CultureInfo.InvariantCulture, out var interpreter) ? interpreter : null,
            };
        }));
        var run = await db.ScheduleRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        run.Status = ScheduleRunStatus.Completed;
        run.Phase = "completed";
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        run.Requests = input.Instance.Requests.Count;
        run.Scheduled = result.Meetings.Count;
        run.Unscheduled = result.Unscheduled.Count;
        run.ScheduledWeight = result.ScheduledWeight;
        run.RequestedWeight = result.RequestedWeight;
        run.UpperBound = result.WeightUpperBound;
        run.Moved = result.Moved;
        run.UnscheduledJson = JsonSerializer.Serialize(result.Unscheduled.Select(EngineInputs.Explain).ToList(), EngineInputs.Json);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Starts runs whose job was lost before it began (e.g. the instance stopped right after queuing) and fails runs whose
    /// instance stopped mid-run, so that the organiser can start again.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        var now = clock.GetUtcNow().UtcDateTime;
        var queuedBefore = now.AddMinutes(-1);
        var stalled = now.AddSeconds(-configuration.GetValue("Forums:StallSeconds", 120.0));
        foreach (var id in await db.ScheduleRuns.Where(r => r.Status == ScheduleRunStatus.Queued && r.QueuedAt < queuedBefore).Select(r => r.Id).ToListAsync(cancellationToken))
        {
            jobs.Enqueue<ForumScheduleJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        await db.ScheduleRuns.Where(r => r.Status == ScheduleRunStatus.Running && r.HeartbeatAt < stalled)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, ScheduleRunStatus.Failed).SetProperty(x => x.FinishedAt, now).SetProperty(x => x.Phase, "failed")
                .SetProperty(x => x.Error, "The instance running this run stopped before it finished; the timetable was not changed. Start the run again."), cancellationToken);
    }
}
