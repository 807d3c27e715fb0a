using CanadaKoreaMatch.Scheduling.B2bsp;

namespace CanadaKoreaMatch.Scheduling.Tests;

/// <summary>
/// The published benchmark instances, in ../shared/bench/b2bsp beside the repository (directory
/// overridable with CKM_B2BSP_DIR).
/// </summary>
internal static class Benchmarks
{
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("CKM_B2BSP_DIR") ?? Path.Combine(RepositoryRoot(), "..", "shared", "bench", "b2bsp");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CanadaKoreaMatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CanadaKoreaMatch.sln not found above " + AppContext.BaseDirectory);
    }

    public static B2bspInstance Load(string name) => DznReader.Load(Path.Combine(Directory, name + ".original.dzn"));
}
