using System.Globalization;
using System.Text.RegularExpressions;

namespace CanadaKoreaMatch.Scheduling.B2bsp;

/// <summary>Reads B2BSP instances in the MiniZinc data format of the benchmark.</summary>
public static partial class DznReader
{
    /// <summary>Parses the text of a <c>.dzn</c> file.</summary>
    public static B2bspInstance Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Assignment().Matches(StripComments(text)))
        {
            fields[match.Groups[1].Value] = match.Groups[2].Value.Trim();
        }

        var participants = Int(fields, "nBusiness");
        var rows = Ints(Required(fields, "requested"));
        if (rows.Count % 3 != 0)
        {
            throw new FormatException("requested must have three numbers per meeting.");
        }
        var meetingCount = fields.ContainsKey("nMeetings") ? Int(fields, "nMeetings") : rows.Count / 3;
        if (rows.Count / 3 != meetingCount)
        {
            throw new FormatException($"requested has {rows.Count / 3} rows but nMeetings = {meetingCount}.");
        }
        var fixedSlots = fields.TryGetValue("fixed", out var f) ? Ints(f) : [];
        var precedences = fields.TryGetValue("precedences", out var p) ? Sets(p) : [];
        var forbidden = fields.TryGetValue("forbidden", out var fb)
            ? Sets(fb).Select(s => (IReadOnlyCollection<int>)s.Where(x => x > 0).ToArray()).ToList()
            : Enumerable.Range(0, participants).Select(_ => (IReadOnlyCollection<int>)[]).ToList();

        var meetings = new List<B2bspMeeting>(meetingCount);
        for (var i = 0; i < meetingCount; i++)
        {
            var session = rows[3 * i + 2];
            if (session is < 1 or > 3)
            {
                throw new FormatException($"meeting {i + 1} has session {session}; expected 1, 2 or 3.");
            }
            meetings.Add(new B2bspMeeting(
                rows[3 * i], rows[3 * i + 1], (Session)session,
                i < fixedSlots.Count ? fixedSlots[i] : 0,
                i < precedences.Count ? precedences[i] : []));
        }

        var instance = new B2bspInstance
        {
            Name = name,
            ParticipantCount = participants,
            SlotCount = Int(fields, "nTotalSlots"),
            MorningSlots = Int(fields, "nMorningSlots"),
            Tables = Int(fields, "nTables"),
            Meetings = meetings,
            Forbidden = forbidden,
        };
        instance.Validate();
        return instance;
    }

    /// <summary>Reads a <c>.dzn</c> file; the instance is named after the file.</summary>
    public static B2bspInstance Load(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".dzn", ".original" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }
        return Parse(File.ReadAllText(path), name);
    }

    /// <summary>Writes an instance in the same format (used to store generated variants).</summary>
    public static string Format(B2bspInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var w = new System.Text.StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        w.Append(inv, $"nBusiness = {instance.ParticipantCount};\n");
        w.Append(inv, $"nMeetings = {instance.Meetings.Count};\n");
        w.Append(inv, $"nTables = {instance.Tables};\n");
        w.Append(inv, $"nTotalSlots = {instance.SlotCount};\n");
        w.Append(inv, $"nMorningSlots = {instance.MorningSlots};\n");
        w.Append("requested = [");
        foreach (var m in instance.Meetings)
        {
            w.Append(inv, $"|{m.First}, {m.Second},{(int)m.Session},\n");
        }
        w.Append("|];\n");
        w.Append("forbidden = [");
        w.AppendJoin(",\n", instance.Forbidden.Select(s => "{" + string.Join(',', s.Count == 0 ? [0] : s) + "}"));
        w.Append("];\n");
        w.Append("fixed = [").AppendJoin(',', instance.Meetings.Select(m => m.FixedSlot)).Append("];\n");
        w.Append("precedences = [");
        w.AppendJoin(",\n", instance.Meetings.Select(m => "{" + string.Join(',', m.Predecessors) + "}"));
        w.Append("];\n");
        return w.ToString();
    }

    private static string StripComments(string text) => Comment().Replace(text, "");

    private static string Required(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) ? value : throw new FormatException($"missing field {key}.");

    private static int Int(Dictionary<string, string> fields, string key) =>
        int.TryParse(Required(fields, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{key} is not an integer.");

    private static List<int> Ints(string value) =>
        Number().Matches(value).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();

    private static List<int[]> Sets(string value) =>
        SetLiteral().Matches(value).Select(m => Ints(m.Groups[1].Value).ToArray()).ToList();

    [GeneratedRegex(@"(\w+)\s*=\s*([^;]*);", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"%[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex(@"-?\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex SetLiteral();
}
