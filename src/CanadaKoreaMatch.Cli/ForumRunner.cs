using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Cli;

internal static class ForumRunner
{
    public static JsonObject Solve(Arguments args)
    {
        var instance = ForumJson.Parse(File.ReadAllText(args.File));
        var previous = args.Previous is { } path ? ForumJson.ParseMeetings(File.ReadAllText(path)) : null;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(args.TimeLimitSeconds));
        var clock = Stopwatch.StartNew();
        var result = ForumSolver.Solve(instance, new ForumOptions
        {
            Seed = args.Seed,
            Previous = previous,
            Cancellation = budget.Token,
            Progress = args.Verbose
                ? p => Console.Error.WriteLine(FormattableString.Invariant(
                    $"{clock.Elapsed.TotalSeconds,7:F2} s  {p.Phase,-7} pass {p.Pass,4}  weight {p.ScheduledWeight} of bound {p.UpperBound} ({(p.UpperBound == 0 ? 1.0 : (double)p.ScheduledWeight / p.UpperBound):P2})"))
                : null,
        });
        var seconds = clock.Elapsed.TotalSeconds;
        return ToJson(instance, result, seconds, previous is not null);
    }

    public static JsonObject ToJson(ForumInstance instance, ForumResult result, double seconds, bool incremental)
    {
        var at = result.Meetings.ToDictionary(m => m.Request, StringComparer.Ordinal);
        var slotNumber = new Dictionary<(int Day, int Slot), int>();
        foreach (var (day, d) in instance.Days.Select((day, d) => (day, d)))
        {
            for (var s = 1; s <= day.Slots; s++)
            {
                slotNumber[(d + 1, s)] = slotNumber.Count + 1;
            }
        }
        var json = new JsonObject
        {
            ["instance"] = result.Instance,
            ["status"] = result.Status.ToString(),
            ["breaks"] = result.Breaks,
            ["lowerBound"] = null,
            ["seconds"] = Math.Round(seconds, 3),
            ["slots"] = new JsonArray(instance.Requests
                .Select(r => at.TryGetValue(r.Id, out var m) ? (JsonNode?)slotNumber[(m.Day, m.Slot)] : null).ToArray()),
            ["scheduledWeight"] = result.ScheduledWeight,
            ["requestedWeight"] = result.RequestedWeight,
            ["weightUpperBound"] = result.WeightUpperBound,
            ["weightFraction"] = result.WeightUpperBound == 0 ? 1.0 : Math.Round((double)result.ScheduledWeight / result.WeightUpperBound, 4),
            ["scheduledCount"] = result.Meetings.Count,
            ["unscheduledCount"] = result.Unscheduled.Count,
            ["maxSlotLoad"] = result.MaxSlotLoad,
        };
        if (incremental)
        {
            json["moved"] = result.Moved;
        }
        json["meetings"] = JsonSerializer.SerializeToNode(result.Meetings, ForumJson.Options);
        json["unscheduled"] = JsonSerializer.SerializeToNode(result.Unscheduled, ForumJson.Options);
        return json;
    }
}
