namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>The best feasible schedule found so far by any of the searches running side by side.</summary>
internal sealed class Incumbent(Action<string>? progress = null)
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly TaskCompletionSource found = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int[]? slots;
    private int breaks = int.MaxValue;
    private int bound;
    private long improvedAt;
    private CoreProgress? cores;

    /// <summary>Breaks of the best schedule, or <see cref="int.MaxValue"/> before the first.</summary>
    public int Breaks => Volatile.Read(ref breaks);

    /// <summary>The highest lower bound any search has proved so far.</summary>
    public int Bound => Volatile.Read(ref bound);

    /// <summary>Time since the best schedule last improved (or since the solve began).</summary>
    public TimeSpan SinceImprovement => clock.Elapsed - TimeSpan.FromTicks(Volatile.Read(ref improvedAt));

    /// <summary>The latest state of the core search with the busy count, for another search to replay.</summary>
    public CoreProgress? Cores => Volatile.Read(ref cores);

    /// <summary>Publishes the state of the core search with the busy count after its bound rose.</summary>
    public void Publish(CoreProgress progress) => Volatile.Write(ref cores, progress);

    /// <summary>Records a lower bound proved by one of the searches.</summary>
    public void RaiseBound(int proved)
    {
        lock (gate)
        {
            bound = Math.Max(bound, proved);
        }
    }

    /// <summary>Keeps <paramref name="schedule"/> when it has fewer breaks than the best so far.</summary>
    public void Offer(int scheduleBreaks, int[] schedule, string source)
    {
        lock (gate)
        {
            if (scheduleBreaks >= breaks)
            {
                return;
            }
            slots = (int[])schedule.Clone();
            Volatile.Write(ref breaks, scheduleBreaks);
            Volatile.Write(ref improvedAt, clock.Elapsed.Ticks);
        }
        Report($"{source}: {scheduleBreaks} breaks");
        found.TrySetResult();
    }

    /// <summary>Passes a line of progress, stamped with the seconds since the solve began, to the caller.</summary>
    public void Report(string line) => progress?.Invoke($"{clock.Elapsed.TotalSeconds,7:F2}s {line}");

    public (int Breaks, int[]? Slots) Best()
    {
        lock (gate)
        {
            return (breaks, slots);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a first schedule; false when none came or <paramref name="cancellation"/> fired.</summary>
    public bool WaitForFirst(TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            return found.Task.Wait(timeout, cancellation);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
