using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Companies;

/// <summary>
/// A representative (or an administrator) removes a colleague from the firm. Membership is read on every request, so the
/// colleague loses the firm at once, on the pages and with tokens already issued, and the firm's calendar address ends, since
/// the colleague may have kept it. A firm keeps at least one representative.
/// </summary>
[Authorize]
public sealed record RemoveRepresentative(Guid CompanyId, string UserId) : ICommand<Unit>, IEditsCompany;

internal sealed class RemoveRepresentativeHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<RemoveRepresentative, Unit>
{
    public async Task<Unit> Handle(RemoveRepresentative request, CancellationToken cancellationToken)
    {
        var members = await db.CompanyMembers.Where(m => m.CompanyId == request.CompanyId).ToListAsync(cancellationToken);
        var member = members.SingleOrDefault(m => m.UserId == request.UserId) ?? throw new NotFoundException("The representative");
        if (members.Count == 1)
        {
            throw new ConflictException("A firm keeps at least one representative: add a colleague before you leave it.");
        }

        db.CompanyMembers.Remove(member);
        await CalendarTokens.RevokeAsync(db, request.CompanyId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
