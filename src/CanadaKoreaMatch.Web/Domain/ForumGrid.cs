using System.Globalization;
using CanadaKoreaMatch.Web.Common.Errors;

namespace CanadaKoreaMatch.Web.Domain;

/// <summary>A slot of the grid: day and slot numbered from 1, its local times and the session (run between breaks) it belongs to.</summary>
public sealed record GridSlot(int Day, int Slot, DateOnly Date, TimeOnly Start, TimeOnly End, int Session)
{
    public string Key => $"{Day}-{Slot}";
}

/// <summary>The slots of every day, derived from each day's start, end, slot length and breaks.</summary>
public sealed class ForumGrid
{
    /// <summary>The scheduling engine handles up to this many slots over the whole forum.</summary>
    public const int MaxSlots = 64;

    private ForumGrid(IReadOnlyList<IReadOnlyList<GridSlot>> days) => Days = days;

    public IReadOnlyList<IReadOnlyList<GridSlot>> Days { get; }

    public IEnumerable<GridSlot> All => Days.SelectMany(d => d);

    public int SlotCount => Days.Sum(d => d.Count);

    public GridSlot? Find(int day, int slot) =>
        day >= 1 && day <= Days.Count && slot >= 1 && slot <= Days[day - 1].Count ? Days[day - 1][slot - 1] : null;

    public static ForumGrid Of(Forum forum) =>
        new(forum.Days.OrderBy(d => d.Date).Select((d, i) => Slots(i + 1, d.Date, d.Start, d.End, d.SlotMinutes, ParseBreaks(d.Breaks))).ToList());

    /// <summary>The slots of one day; breaks must already be valid (see <see cref="Check"/>).</summary>
    public static IReadOnlyList<GridSlot> Slots(int day, DateOnly date, TimeOnly start, TimeOnly end, int slotMinutes, IReadOnlyList<(TimeOnly From, TimeOnly To)> breaks)
    {
        var slots = new List<GridSlot>();
        if (slotMinutes <= 0)
        {
            return slots;
        }

        var ordered = breaks.OrderBy(b => b.From).ToList();
        var session = 1;
        var t = start.ToTimeSpan();
        var last = end.ToTimeSpan();
        var length = TimeSpan.FromMinutes(slotMinutes);
        var previousEnd = t;
        while (t + length <= last)
        {
            var inBreak = ordered.FirstOrDefault(b => t < b.To.ToTimeSpan() && t + length > b.From.ToTimeSpan());
            if (inBreak != default)
            {
                t = inBreak.To.ToTimeSpan();
                continue;
            }

            if (slots.Count > 0 && t != previousEnd)
            {
                session++;
            }

            slots.Add(new GridSlot(day, slots.Count + 1, date, TimeOnly.FromTimeSpan(t), TimeOnly.FromTimeSpan(t + length), session));
            previousEnd = t + length;
            t += length;
        }

        return slots;
    }

    public static IReadOnlyList<(TimeOnly From, TimeOnly To)> ParseBreaks(IEnumerable<string> breaks) =>
        breaks.Select(b => TryParseBreak(b, out var range) ? range : default).Where(r => r != default).ToList();

    public static bool TryParseBreak(string text, out (TimeOnly From, TimeOnly To) range)
    {
        range = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && (range = (from, to)) != default;
    }

    /// <summary>What is wrong with one day's grid, as messages for its fields; empty when it is valid.</summary>
    public static IEnumerable<(string Field, Refusal Message)> Check(DateOnly date, TimeOnly start, TimeOnly end, int slotMinutes, IReadOnlyList<string> breaks, TimeZoneInfo? zone)
    {
        if (end <= start)
        {
            yield return ("end", new Refusal("The day must end after it starts."));
            yield break;
        }

        if (slotMinutes is < 5 or > 240)
        {
            yield return ("slotMinutes", new Refusal("A slot lasts between 5 and 240 minutes."));
            yield break;
        }

        var parsed = new List<(TimeOnly From, TimeOnly To)>();
        foreach (var text in breaks)
        {
            if (!TryParseBreak(text, out var range) || range.To <= range.From)
            {
                yield return ("breaks", new Refusal("\"{0}\" is not a break: write it as 12:00-13:00.", text));
            }
            else if (range.From < start || range.To > end)
            {
                yield return ("breaks", new Refusal("The break {0} is outside the day ({1:HH:mm}–{2:HH:mm}).", text, start, end));
            }
            else if (parsed.FirstOrDefault(p => range.From < p.To && p.From < range.To) is var other && other != default)
            {
                yield return ("breaks", new Refusal("The break {0} overlaps the break {1:HH:mm}-{2:HH:mm}.", text, other.From, other.To));
            }
            else
            {
                parsed.Add(range);
            }
        }

        var slots = Slots(1, date, start, end, slotMinutes, parsed);
        if (slots.Count == 0)
        {
            yield return ("slotMinutes", new Refusal("No {0}-minute slot fits between {1:HH:mm} and {2:HH:mm} outside the breaks.", slotMinutes, start, end));
        }

        if (zone is not null && slots.FirstOrDefault(s => zone.IsInvalidTime(date.ToDateTime(s.Start)) || zone.IsInvalidTime(date.ToDateTime(s.End))) is { } gap)
        {
            yield return ("start", new Refusal("The slot at {0:HH:mm} does not exist on {1:yyyy-MM-dd}: the clocks change then.", gap.Start, date));
        }
    }

    /// <summary>The instant a local time of the forum's day occurs.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), zone);
}
