using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanadaKoreaMatch.Scheduling.Forum;

/// <summary>Reads and writes the JSON forum format (see docs/scheduling.md).</summary>
public static class ForumJson
{
    /// <summary>Serializer settings of the format: camelCase, enums as strings, nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Parses a forum; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static ForumInstance Parse(string json)
    {
        try
        {
            var instance = JsonSerializer.Deserialize<ForumInstance>(json, Options)
                ?? throw new FormatException("the file holds no forum.");
            ForumModel.Compile(instance);
            return instance;
        }
        catch (JsonException e)
        {
            throw new FormatException($"invalid forum JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes a forum.</summary>
    public static string Serialize(ForumInstance instance) => JsonSerializer.Serialize(instance, Options);

    /// <summary>Reads the meetings of a result file written by the command line (for an incremental re-solve).</summary>
    public static IReadOnlyList<ScheduledMeeting> ParseMeetings(string resultJson)
    {
        using var document = JsonDocument.Parse(resultJson);
        if (!document.RootElement.TryGetProperty("meetings", out var meetings))
        {
            throw new FormatException("the previous result has no meetings.");
        }
        return meetings.Deserialize<List<ScheduledMeeting>>(Options) ?? [];
    }
}
