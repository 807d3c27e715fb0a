using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>The published benchmark instances (directory overridable with CKM_B2BSP_DIR).</summary>
internal static class Benchmarks
{
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("CKM_B2BSP_DIR") ?? "/work/shared/bench/b2bsp";

    public static B2bspInstance Load(string name) => DznReader.Load(Path.Combine(Directory, name + ".original.dzn"));
}
