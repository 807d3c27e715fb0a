using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class EditModel(IMediator mediator) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ForumForm Definition { get; set; } = new();

    [BindProperty]
    public Guid Version { get; set; }

    public string ForumName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var forum = await mediator.Send(new GetForum(Id), ct);
        if (!forum.IsOrganiser)
        {
            return Forbid();
        }

        ForumName = forum.Name;
        Version = forum.Version;
        Definition = ForumForm.From(forum);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new UpdateForum(Id, Definition.ToInput(), Version), ct);
        TempData["Flash"] = "Forum saved.";
        return Redirect($"/Forums/{Id}");
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct) => ForumName = (await mediator.Send(new GetForum(Id), ct)).Name;
}

/// <summary>The forum's definition as the edit form holds it: up to five day rows, tables one per line, interpreters "Name: ko-en, ko-fr".</summary>
public sealed class ForumForm
{
    public string Name { get; set; } = "";

    public string? Venue { get; set; }

    public string TimeZone { get; set; } = "America/Toronto";

    public DateOnly RegistrationOpens { get; set; }

    public DateOnly RegistrationCloses { get; set; }

    public DateTime RequestDeadline { get; set; }

    public List<DayForm> Days { get; set; } = [];

    public string Tables { get; set; } = "";

    public string Interpreters { get; set; } = "";

    public static ForumForm From(ForumDto forum)
    {
        var form = new ForumForm
        {
            Name = forum.Name, Venue = forum.Venue, TimeZone = forum.TimeZone, RegistrationOpens = forum.RegistrationOpens, RegistrationCloses = forum.RegistrationCloses,
            RequestDeadline = TimeZoneInfo.ConvertTimeFromUtc(forum.RequestDeadline, TimeZoneInfo.FindSystemTimeZoneById(forum.TimeZone)),
            Days = forum.Days.Select(d => new DayForm
            {
                Date = d.Date, Start = TimeOnly.Parse(d.Start, System.Globalization.CultureInfo.InvariantCulture), End = TimeOnly.Parse(d.End, System.Globalization.CultureInfo.InvariantCulture),
                SlotMinutes = d.SlotMinutes, Breaks = string.Join(", ", d.Breaks),
            }).ToList(),
            Tables = string.Join('\n', forum.Tables),
            Interpreters = string.Join('\n', forum.Interpreters.Select(i => $"{i.Name}: {string.Join(", ", i.Pairs)}")),
        };
        while (form.Days.Count < Forum.MaxDays)
        {
            form.Days.Add(new DayForm());
        }

        return form;
    }

    public ForumInput ToInput() => new(
        Name, Venue, TimeZone, RegistrationOpens, RegistrationCloses, DateTime.SpecifyKind(RequestDeadline, DateTimeKind.Unspecified),
        Days.Where(d => d.Date is not null).Select(d => new ForumDayInput(d.Date!.Value, d.Start, d.End, d.SlotMinutes,
            (d.Breaks ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList(),
        Lines(Tables),
        Lines(Interpreters).Select(line =>
        {
            var colon = line.LastIndexOf(':');
            return colon < 0
                ? new InterpreterInput(line, [])
                : new InterpreterInput(line[..colon].Trim(), line[(colon + 1)..].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }).ToList());

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

public sealed class DayForm
{
    public DateOnly? Date { get; set; }

    public TimeOnly Start { get; set; } = new(9, 0);

    public TimeOnly End { get; set; } = new(17, 0);

    public int SlotMinutes { get; set; } = 30;

    public string? Breaks { get; set; }
}
