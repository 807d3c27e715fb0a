using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ForumSummary> Forums { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Forums = (await mediator.Send(new ListForums(), ct)).Items;
}
