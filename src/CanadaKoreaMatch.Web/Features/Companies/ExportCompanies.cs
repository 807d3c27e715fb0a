using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>Every firm the caller may see, in the import layout.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record ExportCompanies(string? Country = null) : IQuery<string>;

internal sealed class ExportCompaniesHandler(AppDbContext db, CompanyAccess access) : IRequestHandler<ExportCompanies, string>
{
    public async Task<string> Handle(ExportCompanies request, CancellationToken cancellationToken)
    {
        var query = access.Visible(db.Companies.AsNoTracking().Include(c => c.Capabilities));
        if (request.Country is not null)
        {
            query = query.Where(c => c.Country == request.Country);
        }

        var companies = await query.OrderBy(c => c.Country).ThenBy(c => c.NormalizedName).ToListAsync(cancellationToken);
        return CompanyCsv.Write(companies);
    }
}
