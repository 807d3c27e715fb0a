using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CanadaKoreaMatch.Web.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public int CanadianFirms { get; private set; }

    public int KoreanFirms { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanadianFirms = (await mediator.Send(new ListCompanies(PageSize: 1, Country: Countries.Canada, Verified: true), ct)).Total;
        KoreanFirms = (await mediator.Send(new ListCompanies(PageSize: 1, Country: Countries.Korea, Verified: true), ct)).Total;
    }
}
