using System.Globalization;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record VerifyCompany(Guid CompanyId) : ICommand<CompanyDto>, IViewsCompany;

internal sealed class VerifyCompanyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<VerifyCompany, CompanyDto>
{
    public async Task<CompanyDto> Handle(VerifyCompany request, CancellationToken cancellationToken)
    {
        var company = await db.Companies.Include(c => c.Capabilities)
            .SingleOrDefaultAsync(c => c.Id == request.CompanyId, cancellationToken)
            ?? throw new NotFoundException("The firm");
        if (company.IsVerified)
        {
            throw new ConflictException("This firm is already verified.");
        }

        company.VerifiedAt = clock.GetUtcNow().UtcDateTime;
        company.VerifiedByUserId = user.RequireUserId();
        company.VerificationWithheldAt = null;
        company.VerificationWithheldReason = null;
        company.VerificationWithheldByUserId = null;
        await FollowUpPlanner.CancelAsync(db, WithholdVerificationHandler.VerificationNotices, company.Id, null, cancellationToken);
        await FollowUpPlanner.NoticeAsync(db, FollowUpKind.FirmVerified, company.Id, company.Id, company.VerifiedAt.Value, cancellationToken,
            occasion: company.VerifiedAt.Value.Ticks.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return CompanyDto.From(company);
    }
}
