namespace CanadaKoreaMatch.Benchmarks;

internal static class SchedulingBenchmark
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("not built yet");
        return 1;
    }
}
