using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class TablePlanModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public TimetableDto Timetable { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Timetable = await mediator.Send(new GetTimetable(Id), ct);
}
