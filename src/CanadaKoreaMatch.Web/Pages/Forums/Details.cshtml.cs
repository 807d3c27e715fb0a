using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class DetailsModel(IMediator mediator, TimeProvider clock) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ForumDto Forum { get; private set; } = null!;

    public IReadOnlyList<(CompanySummary Firm, RegistrationDto? Registration)> MyFirms { get; private set; } = [];

    public IReadOnlyList<RegisteredFirmDto> Registered { get; private set; } = [];

    public bool IsOfficial { get; private set; }

    /// <summary>Today in the forum's time zone, against which its registration window is read.</summary>
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostStatusAsync(ForumStatus to, CancellationToken ct)
    {
        await mediator.Send(new ChangeForumStatus(Id, to), ct);
        TempData["Flash"] = to switch
        {
            ForumStatus.Open => "The forum is open: firms can register and ask for meetings.",
            ForumStatus.Scheduling => "Requests are closed: generate the timetable.",
            ForumStatus.Closed => "The forum is closed.",
            _ => "The forum is back to draft.",
        };
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostMustMeetAsync(Guid firstCompanyId, Guid secondCompanyId, CancellationToken ct)
    {
        await mediator.Send(new AddMustMeetPair(Id, firstCompanyId, secondCompanyId), ct);
        TempData["Flash"] = "Must-meet pair added.";
        return RedirectToPage(new { id = Id });
    }

    public Task RedisplayAsync(Exception refusal, CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Forum = await mediator.Send(new GetForum(Id), ct);
        Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(Forum.TimeZone)));
        IsOfficial = User.IsInRole(Roles.TradeOfficial) || User.IsInRole(Roles.Administrator);
        if (User.IsInRole(Roles.CompanyRepresentative))
        {
            var firms = new List<(CompanySummary, RegistrationDto?)>();
            foreach (var firm in await ForumPages.MyFirmsAsync(mediator, ct))
            {
                firms.Add((firm, await mediator.Send(new GetRegistration(Id, firm.Id), ct)));
            }

            MyFirms = firms;
        }

        if (IsOfficial || Forum.IsOrganiser)
        {
            Registered = await mediator.Send(new ListRegistrations(Id), ct);
        }
    }
}
