using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using FluentValidation.Results;

namespace CanadaKoreaMatch.Web.Features.Forums;

/// <summary>A forum's full definition. <see cref="RequestDeadline"/> without an offset is the forum's local time.</summary>
public sealed record ForumInput(
    string Name,
    string? Venue,
    string TimeZone,
    DateOnly RegistrationOpens,
    DateOnly RegistrationCloses,
    DateTime RequestDeadline,
    IReadOnlyList<ForumDayInput> Days,
    IReadOnlyList<string> Tables,
    IReadOnlyList<InterpreterInput>? Interpreters);

/// <summary>A day: slots of <paramref name="SlotMinutes"/> from <paramref name="Start"/> to <paramref name="End"/>, skipping <paramref name="Breaks"/> ("12:00-13:00").</summary>
public sealed record ForumDayInput(DateOnly Date, TimeOnly Start, TimeOnly End, int SlotMinutes, IReadOnlyList<string>? Breaks);

/// <summary>An interpreter and the language pairs they cover ("ko-en", "ko-fr", "fr-en").</summary>
public sealed record InterpreterInput(string Name, IReadOnlyList<string> Pairs);

public static class LanguagePairs
{
    public static readonly IReadOnlyList<string> All = ["ko-en", "ko-fr", "fr-en"];

    /// <summary>"EN-ko" and "en-ko" both become "ko-en": the order of <see cref="All"/>.</summary>
    public static string? Normalize(string pair)
    {
        var parts = pair.Trim().ToLowerInvariant().Split(['-', '–', '/'], StringSplitOptions.TrimEntries);
        return parts.Length == 2 ? All.FirstOrDefault(p => p == $"{parts[0]}-{parts[1]}" || p == $"{parts[1]}-{parts[0]}") : null;
    }
}

internal sealed class ForumInputValidator : AbstractValidator<ForumInput>
{
    public ForumInputValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Give the forum a name.").MaximumLength(Forum.NameMaxLength);
        RuleFor(f => f.Venue).MaximumLength(Forum.VenueMaxLength);
        RuleFor(f => f.TimeZone).NotEmpty().Must(tz => Zone(tz) is not null)
            .WithRefusal("\"{0}\" is not a time zone: use an IANA name such as America/Toronto or Asia/Seoul.", f => f.TimeZone);
        RuleFor(f => f.RegistrationCloses).GreaterThanOrEqualTo(f => f.RegistrationOpens)
            .WithMessage("Registration must close on or after the day it opens.");
        RuleFor(f => f.Days).NotEmpty().WithMessage("A forum has at least one day.")
            .Must(d => d.Count <= Forum.MaxDays).WithRefusal("A forum has at most {0} days.", _ => Forum.MaxDays)
            .Must(d => d.Select(x => x.Date).Distinct().Count() == d.Count).WithMessage("Two days have the same date.");
        RuleForEach(f => f.Days).Custom((day, context) =>
        {
            foreach (var (field, refusal) in ForumGrid.Check(day.Date, day.Start, day.End, day.SlotMinutes, day.Breaks ?? [], Zone(context.InstanceToValidate.TimeZone)))
            {
                // The context's property chain already names the day ("Days[0]"): the failure adds only the field.
                context.AddFailure(field, refusal);
            }
        });
        RuleFor(f => f.Days).Must(days => TotalSlots(days) <= ForumGrid.MaxSlots)
            .WithRefusal("The days have {0} slots in all; the scheduler handles at most {1}. Use longer slots or fewer days.", f => TotalSlots(f.Days), _ => ForumGrid.MaxSlots)
            .When(f => f.Days.Count > 0);
        // Registration stays open through the whole of the day it closes, so it closes the day before the forum at the latest.
        RuleFor(f => f.RegistrationCloses).Must((f, closes) => f.Days.Count == 0 || closes < f.Days.Min(d => d.Date))
            .WithMessage("Registration must close before the first day of the forum.");
        RuleFor(f => f.RequestDeadline).Must((f, deadline) => !Zone(f.TimeZone)!.IsInvalidTime(deadline))
            .WithRefusal("{0:yyyy-MM-dd HH:mm} does not exist in the forum's time zone: the clocks change then.", f => f.RequestDeadline)
            .When(f => f.RequestDeadline.Kind == DateTimeKind.Unspecified && Zone(f.TimeZone) is not null);
        RuleFor(f => f.RequestDeadline).Must((f, _) => DeadlineAt(f) <= StartsAt(f))
            .WithRefusal("The deadline for meeting requests must be no later than the start of the forum ({0:yyyy-MM-dd HH:mm}).", f => LocalStart(f))
            .When(f => DeadlineAt(f) is not null && StartsAt(f) is not null);
        RuleFor(f => f.RequestDeadline).Must((f, _) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DeadlineAt(f)!.Value, Zone(f.TimeZone)!)) >= f.RegistrationOpens)
            .WithRefusal("The deadline for meeting requests must come after registration opens ({0:yyyy-MM-dd}).", f => f.RegistrationOpens)
            .When(f => DeadlineAt(f) is not null);
        RuleFor(f => f.Tables).NotEmpty().WithMessage("A forum has at least one table or room.")
            .Must(t => t.Count <= Forum.MaxTables).WithRefusal("A forum has at most {0} tables.", _ => Forum.MaxTables)
            .Must(t => t.Select(x => x.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == t.Count).WithMessage("Two tables have the same name.");
        RuleForEach(f => f.Tables).NotEmpty().MaximumLength(64);
        RuleFor(f => f.Interpreters).Must(i => i is null || i.Count <= Forum.MaxInterpreters)
            .WithRefusal("A forum has at most {0} interpreters.", _ => Forum.MaxInterpreters);
        RuleForEach(f => f.Interpreters).ChildRules(i =>
        {
            i.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
            i.RuleFor(x => x.Pairs).NotEmpty().WithMessage("An interpreter covers at least one language pair.");
            i.RuleForEach(x => x.Pairs).Must(p => LanguagePairs.Normalize(p) is not null)
                .WithRefusal("\"{0}\" is not a language pair: use ko-en, ko-fr or fr-en.", (_, p) => p);
        });
    }

    /// <summary>When the forum starts (UTC): its first day's start in its time zone; null when the definition cannot say.</summary>
    internal static DateTime? StartsAt(ForumInput f) =>
        Zone(f.TimeZone) is { } zone && LocalStart(f) is { } start && !zone.IsInvalidTime(start) ? TimeZoneInfo.ConvertTimeToUtc(start, zone) : null;

    private static DateTime? LocalStart(ForumInput f) =>
        f.Days.MinBy(d => d.Date) is { } first ? first.Date.ToDateTime(first.Start) : null;

    /// <summary>The request deadline in UTC; null when the time zone is unknown or the local time does not exist.</summary>
    private static DateTime? DeadlineAt(ForumInput f) =>
        Zone(f.TimeZone) is { } zone && !(f.RequestDeadline.Kind == DateTimeKind.Unspecified && zone.IsInvalidTime(f.RequestDeadline))
            ? ForumInputMapping.ToUtc(f.RequestDeadline, zone)
            : null;

    internal static TimeZoneInfo? Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    private static int TotalSlots(IEnumerable<ForumDayInput> days) =>
        days.Sum(d => d.End > d.Start && d.SlotMinutes > 0 ? ForumGrid.Slots(1, d.Date, d.Start, d.End, d.SlotMinutes, ForumGrid.ParseBreaks(d.Breaks ?? [])).Count : 0);
}

internal static class ForumInputMapping
{
    /// <summary>Writes the definition onto the forum, replacing its days and interpreters.</summary>
    public static void Apply(this Forum forum, ForumInput input, DateTime now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(input.TimeZone);
        forum.Name = input.Name.Trim();
        forum.Venue = input.Venue?.Trim() ?? "";
        forum.TimeZone = input.TimeZone;
        forum.RegistrationOpens = input.RegistrationOpens;
        forum.RegistrationCloses = input.RegistrationCloses;
        forum.RequestDeadline = ToUtc(input.RequestDeadline, zone);
        forum.Days.Clear();
        forum.Days.AddRange(input.Days.OrderBy(d => d.Date).Select(d => new ForumDay
        {
            Date = d.Date, Start = d.Start, End = d.End, SlotMinutes = d.SlotMinutes,
            Breaks = (d.Breaks ?? []).Select(b => b.Replace(" ", "", StringComparison.Ordinal)).Where(b => b.Length > 0).ToList(),
        }));
        forum.Tables = input.Tables.Select(t => t.Trim()).ToList();
        // Interpreters keep their rows (and ids, which scheduled meetings refer to) position by position.
        var interpreters = input.Interpreters ?? [];
        var existing = forum.Interpreters.OrderBy(i => i.Id).ToList();
        for (var i = 0; i < interpreters.Count; i++)
        {
            var interpreter = i < existing.Count ? existing[i] : new ForumInterpreter();
            interpreter.Name = interpreters[i].Name.Trim();
            interpreter.Pairs = interpreters[i].Pairs.Select(p => LanguagePairs.Normalize(p)!).Distinct().ToList();
            if (i >= existing.Count)
            {
                forum.Interpreters.Add(interpreter);
            }
        }

        foreach (var removed in existing.Skip(interpreters.Count))
        {
            forum.Interpreters.Remove(removed);
        }
        forum.UpdatedAt = now;
    }

    /// <summary>A time given in UTC, in the server's time or (without an offset) in the forum's <paramref name="zone"/>, in UTC.</summary>
    public static DateTime ToUtc(DateTime time, TimeZoneInfo zone) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(time, zone),
    };

    public static ForumInput ToInput(this Forum forum) => new(
        forum.Name, forum.Venue, forum.TimeZone, forum.RegistrationOpens, forum.RegistrationCloses,
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(forum.RequestDeadline, DateTimeKind.Utc), forum.Zone()),
        forum.Days.OrderBy(d => d.Date).Select(d => new ForumDayInput(d.Date, d.Start, d.End, d.SlotMinutes, d.Breaks)).ToList(),
        forum.Tables,
        forum.Interpreters.OrderBy(i => i.Id).Select(i => new InterpreterInput(i.Name, i.Pairs)).ToList());
}

/// <summary>
/// A forum is not created or moved into the past: every day that is new, or starts at another time than it did, must start
/// after now. The days a forum keeps as they were may have passed, so a forum that took place can still be corrected.
/// </summary>
internal static class ForumDaysInThePast
{
    public static IEnumerable<ValidationFailure> Check(ForumInput input, IReadOnlyCollection<(DateOnly Date, TimeOnly Start)> kept, DateTime now, string fieldPrefix)
    {
        if (ForumInputValidator.Zone(input.TimeZone) is not { } zone)
        {
            yield break;
        }

        for (var i = 0; i < input.Days.Count; i++)
        {
            var day = input.Days[i];
            var start = day.Date.ToDateTime(day.Start);
            if (kept.Contains((day.Date, day.Start)) || zone.IsInvalidTime(start) || TimeZoneInfo.ConvertTimeToUtc(start, zone) > now)
            {
                continue;
            }

            var refusal = new Refusal("{0:yyyy-MM-dd} {1:HH:mm} has already passed: a forum day cannot be added or moved into the past.", day.Date, day.Start);
            yield return new ValidationFailure($"{fieldPrefix}Days[{i}].Date", refusal.ToString()) { CustomState = refusal };
        }
    }
}

/// <summary>Starting points for the forums the partnership names.</summary>
public static class ForumTemplates
{
    public static readonly IReadOnlyList<string> Names = ["cansec", "adex", "canada-korea"];

    public static ForumInput? Build(string template, string? name, DateOnly start) => template switch
    {
        "cansec" => new ForumInput(
            name ?? $"CANSEC {start.Year} B2B meetings", "EY Centre, Ottawa", "America/Toronto",
            start.AddDays(-90), start.AddDays(-14), start.AddDays(-7).ToDateTime(new TimeOnly(17, 0)),
            Days(start, 2, new TimeOnly(9, 0), new TimeOnly(17, 0), 20, ["10:20-10:40", "12:00-13:20", "15:00-15:20"]),
            Tables("Table", 40),
            [.. Interpreters("KO–EN", "ko-en", 4), .. Interpreters("KO–FR", "ko-fr", 1), .. Interpreters("FR–EN", "fr-en", 1)]),
        "adex" => new ForumInput(
            name ?? $"ADEX {start.Year} Korea–Canada B2B", "Seoul Air Base, Seongnam", "Asia/Seoul",
            start.AddDays(-90), start.AddDays(-14), start.AddDays(-7).ToDateTime(new TimeOnly(18, 0)),
            Days(start, 3, new TimeOnly(9, 30), new TimeOnly(17, 30), 30, ["12:00-13:30"]),
            Tables("Booth", 30),
            [.. Interpreters("KO–EN", "ko-en", 6), .. Interpreters("KO–FR", "ko-fr", 2)]),
        "canada-korea" => new ForumInput(
            name ?? $"Canada–Korea Defence Industry Cooperation Forum {start.Year}", "Shaw Centre, Ottawa", "America/Toronto",
            start.AddDays(-60), start.AddDays(-10), start.AddDays(-5).ToDateTime(new TimeOnly(17, 0)),
            Days(start, 1, new TimeOnly(9, 0), new TimeOnly(17, 0), 30, ["12:00-13:30", "15:00-15:30"]),
            Tables("Room", 20),
            [.. Interpreters("KO–EN", "ko-en", 3), .. Interpreters("KO–FR", "ko-fr", 1), .. Interpreters("FR–EN", "fr-en", 1)]),
        _ => null,
    };

    private static List<ForumDayInput> Days(DateOnly start, int count, TimeOnly from, TimeOnly to, int minutes, string[] breaks) =>
        Enumerable.Range(0, count).Select(i => new ForumDayInput(start.AddDays(i), from, to, minutes, breaks)).ToList();

    private static List<string> Tables(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix} {i}").ToList();

    private static IEnumerable<InterpreterInput> Interpreters(string label, string pair, int count) =>
        Enumerable.Range(1, count).Select(i => new InterpreterInput($"{label} interpreter {i}", [pair]));
}
