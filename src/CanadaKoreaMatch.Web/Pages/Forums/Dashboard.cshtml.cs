using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class DashboardModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ForumDashboardDto Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new GetForumDashboard(Id), ct);
}
