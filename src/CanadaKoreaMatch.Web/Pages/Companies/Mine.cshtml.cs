using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages.Companies;

public sealed class MineModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<CompanySummary> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Companies = (await mediator.Send(new ListCompanies(PageSize: ListCompanies.MaxPageSize, MineOnly: true), ct)).Items;
}
