namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>Polls a condition beside a running search and cancels it once the condition holds.</summary>
internal static class Watch
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks <paramref name="condition"/> every 100 ms and cancels <paramref name="source"/> when it holds.</summary>
    public static Timer CancelWhen(Func<bool> condition, CancellationTokenSource source) =>
        new(_ =>
        {
            if (!condition())
            {
                return;
            }
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The search has already ended.
            }
        }, null, Period, Period);
}
