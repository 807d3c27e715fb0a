using System.Text.Json.Nodes;

namespace CanadaKoreaMatch.Cli;

internal static class ForumRunner
{
    public static JsonObject Solve(Arguments args) => throw new FormatException("forum mode not available yet");
}
