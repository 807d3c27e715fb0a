using System.Globalization;
using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Cli;

/// <summary><c>ckm schedule generate [--firms N] ... --out FORUM.json</c>: writes a CANSEC-like forum.</summary>
internal static class GenerateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var size = new ForumSize();
        var seed = 1;
        string? path = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            if (args[i] == "--out")
            {
                path = value;
                continue;
            }
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                error.WriteLine($"{args[i]} needs a non-negative integer");
                return 2;
            }
            switch (args[i])
            {
                case "--firms": size = size with { Firms = n }; break;
                case "--requests": size = size with { Requests = n }; break;
                case "--days": size = size with { Days = n }; break;
                case "--slots-per-day": size = size with { SlotsPerDay = n }; break;
                case "--tables": size = size with { Tables = n }; break;
                case "--interpreters": size = size with { Interpreters = n }; break;
                case "--pooled-interpreters": size = size with { PooledInterpreters = n }; break;
                case "--seed": seed = n; break;
                default:
                    error.WriteLine($"unexpected argument {args[i]}");
                    return 2;
            }
        }
        if (path is null || args.Length % 2 != 0)
        {
            error.WriteLine("usage: ckm schedule generate [--firms N] [--requests N] [--days N] [--slots-per-day N] [--tables N] [--interpreters N] [--pooled-interpreters N] [--seed N] --out FORUM.json");
            return 2;
        }
        var forum = ForumGenerator.Generate(size, seed);
        File.WriteAllText(path, ForumJson.Serialize(forum) + "\n");
        output.WriteLine($"wrote {path}: {forum.Participants.Count} firms, {forum.Requests.Count} requests");
        return 0;
    }
}
