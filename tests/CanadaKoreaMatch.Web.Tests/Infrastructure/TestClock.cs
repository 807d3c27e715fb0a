namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>
/// The application's clock in tests: the real time until a test moves it, then the real time shifted by the move (so
/// that time still passes). Timers and timestamps stay the system's.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    /// <summary>Back to the real time.</summary>
    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
