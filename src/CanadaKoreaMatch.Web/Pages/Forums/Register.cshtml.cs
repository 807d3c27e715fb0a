using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class RegisterModel(IMediator mediator) : PageModel, IFormPage
{
    private const int DelegateRows = 4;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }

    [BindProperty]
    public List<DelegateForm> Delegates { get; set; } = [];

    [BindProperty]
    public List<string> Unavailable { get; set; } = [];

    [BindProperty]
    public string? TimeZone { get; set; }

    public ForumDto Forum { get; private set; } = null!;

    public string CompanyName { get; private set; } = "";

    public bool Registered { get; private set; }

    /// <summary>The timetable is published (or the forum closed): the registration is shown, and no longer changes here.</summary>
    public bool Locked => Registered && Forum.Status is not (nameof(ForumStatus.Open) or nameof(ForumStatus.Scheduling));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CompanyId = await ForumPages.FirmAsync(mediator, CompanyId, ct);
        if (CompanyId is null)
        {
            return RedirectToPage("/Companies/Create");
        }

        var registration = await LoadAsync(ct);
        if (registration is not null)
        {
            Delegates = registration.Delegates.Select(d => new DelegateForm { Name = d.Name, Languages = [.. d.Languages], Remote = d.Remote }).ToList();
            Unavailable = [.. registration.Unavailable];
            TimeZone = registration.TimeZone;
        }

        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CompanyId is null)
        {
            return BadRequest();
        }

        await mediator.Send(new RegisterForForum(Id, CompanyId.Value,
            Delegates.Where(d => !string.IsNullOrWhiteSpace(d.Name)).Select(d => new DelegateInput(d.Name!, d.Languages, d.Remote)).ToList(),
            Unavailable, string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone), ct);
        TempData["Flash"] = "Registration saved.";
        return Redirect($"/Forums/{Id}/Firms?companyId={CompanyId}");
    }

    public async Task RedisplayAsync(Exception refusal, CancellationToken ct)
    {
        await LoadAsync(ct);
        Pad();
    }

    private async Task<RegistrationDto?> LoadAsync(CancellationToken ct)
    {
        Forum = await mediator.Send(new GetForum(Id), ct);
        var registration = await mediator.Send(new GetRegistration(Id, CompanyId!.Value), ct);
        Registered = registration is not null;
        CompanyName = registration?.CompanyName ?? (await mediator.Send(new Features.Companies.GetCompany(CompanyId.Value), ct)).Company.Name;
        return registration;
    }

    /// <summary>Empty rows for more delegates, while the registration can still change.</summary>
    private void Pad()
    {
        while (!Locked && Delegates.Count < DelegateRows)
        {
            Delegates.Add(new DelegateForm());
        }
    }
}

public sealed class DelegateForm
{
    public string? Name { get; set; }

    public List<string> Languages { get; set; } = [];

    public bool Remote { get; set; }
}
