using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Matches;

/// <summary>
/// A representative asks the trade officials to introduce their firm to a suggested counterpart. A firm no trade official has
/// verified yet cannot ask (409): its name and message reach no other firm before verification. Whether the counterpart set
/// the firm aside is not told: the request goes to the officials as any other, and they do not introduce such a pair
/// (<see cref="ChangeMatchStatusHandler.SetAside"/>).
/// </summary>
[Authorize]
public sealed record RequestIntroduction(Guid CompanyId, Guid CounterpartId, string? Message = null) : ICommand<MatchDto>, IEditsCompany;

internal sealed class RequestIntroductionValidator : AbstractValidator<RequestIntroduction>
{
    public RequestIntroductionValidator() => RuleFor(r => r.Message).MaximumLength(Match.TextMaxLength);
}

internal sealed class RequestIntroductionHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RequestIntroduction, MatchDto>
{
    public async Task<MatchDto> Handle(RequestIntroduction request, CancellationToken cancellationToken)
    {
        var firms = await db.Companies.Where(c => c.Id == request.CompanyId || c.Id == request.CounterpartId)
            .Select(c => new { c.Id, c.Country, Verified = c.VerifiedAt != null }).ToListAsync(cancellationToken);
        var own = firms.Single(f => f.Id == request.CompanyId);
        if (!own.Verified)
        {
            throw new ConflictException(UnverifiedFirm.CannotRequestIntroductions);
        }

        var other = firms.SingleOrDefault(f => f.Id == request.CounterpartId && f.Verified)
            ?? throw InputException.For("counterpartId", "There is no such verified firm.");
        if (own.Country == other.Country)
        {
            throw InputException.For("counterpartId", "Introductions pair a Canadian firm with a Korean firm.");
        }

        if (await db.CompanyExclusions.AnyAsync(e => e.CompanyId == own.Id && e.ExcludedCompanyId == other.Id, cancellationToken))
        {
            throw new ConflictException("Your firm set this firm aside: take it back under \"Firms set aside\" to ask for an introduction.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var match = await MatchPairs.FindOrSuggestAsync(db, own.Id, other.Id, user.UserId, now, cancellationToken);
        match.MoveTo(MatchStatus.Requested, user.UserId, now);
        match.RequestedByCompanyId = own.Id;
        match.RequestMessage = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return (await MatchLoader.LoadAsync(db, match.Id, forOfficials: false, cancellationToken, reader: own.Id)).AsSeenBy(own.Id);
    }
}

public static class UnverifiedFirm
{
    public static readonly Refusal CannotRequestIntroductions = new Refusal("A trade official must verify your firm before it can request introductions.");

    public static readonly Refusal CannotRequestMeetings = new Refusal("A trade official must verify your firm before it can ask for meetings.");
}
