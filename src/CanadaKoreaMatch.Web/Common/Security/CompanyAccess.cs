using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>Who may see and change a firm: the one place these rules live.</summary>
public sealed class CompanyAccess(AppDbContext db, ICurrentUser user)
{
    /// <summary>The signed-in person represents the firm: a member of it, in the representative role.</summary>
    public Task<bool> IsMemberAsync(Guid companyId, CancellationToken cancellationToken) =>
        user.UserId is { } userId && user.IsInRole(Roles.CompanyRepresentative)
            ? db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == userId, cancellationToken)
            : Task.FromResult(false);

    public async Task EnsureCanViewAsync(Guid companyId, CancellationToken cancellationToken)
    {
        var verified = await db.Companies.Where(c => c.Id == companyId).Select(c => (bool?)(c.VerifiedAt != null)).SingleOrDefaultAsync(cancellationToken);
        if (verified is null)
        {
            throw new NotFoundException("The firm");
        }

        if (verified == true || user.IsOfficialOrAdministrator())
        {
            return;
        }

        if (!await IsMemberAsync(companyId, cancellationToken))
        {
            // An unverified firm is invisible to outsiders: the same answer as a firm that does not exist.
            throw new NotFoundException("The firm");
        }
    }

    public async Task EnsureCanEditAsync(Guid companyId, CancellationToken cancellationToken)
    {
        await EnsureCanViewAsync(companyId, cancellationToken);
        if (!user.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        if (user.IsInRole(Roles.Administrator) || await IsMemberAsync(companyId, cancellationToken))
        {
            return;
        }

        throw new ForbiddenException("Only the firm's own representatives and administrators may change it.");
    }

    public async Task EnsureCanReadPrivateAsync(Guid companyId, CancellationToken cancellationToken)
    {
        await EnsureCanViewAsync(companyId, cancellationToken);
        if (!user.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        if (!user.IsOfficialOrAdministrator() && !await IsMemberAsync(companyId, cancellationToken))
        {
            throw new ForbiddenException("Only the firm's own representatives, trade officials and administrators may see this.");
        }
    }

    public async Task EnsureCanViewMatchAsync(Guid matchId, CancellationToken cancellationToken)
    {
        var match = await db.Matches.Where(m => m.Id == matchId)
            .Select(m => new { m.CanadianCompanyId, m.KoreanCompanyId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The match");
        if (!user.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        if (user.IsOfficialOrAdministrator())
        {
            return;
        }

        var userId = user.UserId;
        var isParty = user.IsInRole(Roles.CompanyRepresentative) && await db.CompanyMembers.AnyAsync(
            m => m.UserId == userId && (m.CompanyId == match.CanadianCompanyId || m.CompanyId == match.KoreanCompanyId), cancellationToken);
        if (!isParty)
        {
            throw new NotFoundException("The match");
        }
    }

    public IQueryable<Company> Visible(IQueryable<Company> companies)
    {
        if (user.IsOfficialOrAdministrator())
        {
            return companies;
        }

        var userId = user.UserId;
        return companies.Where(c => c.VerifiedAt != null || c.Members.Any(m => m.UserId == userId));
    }
}
