using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>Who may see and run a forum: the one place these rules live.</summary>
public sealed class ForumAccess(AppDbContext db, ICurrentUser user)
{
    /// <summary>Organisers of this forum and administrators.</summary>
    public async Task<bool> OrganisesAsync(Guid forumId, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.Administrator)
        || (user.IsInRole(Roles.ForumOrganiser) && user.UserId is { } userId
            && await db.ForumOrganisers.AnyAsync(o => o.ForumId == forumId && o.UserId == userId, cancellationToken));

    /// <summary>A draft is seen by its organisers, officials and administrators; any signed-in user sees the others.</summary>
    public async Task EnsureCanViewAsync(Guid forumId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        var status = await db.Forums.Where(f => f.Id == forumId).Select(f => (ForumStatus?)f.Status).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The forum");
        if (status == ForumStatus.Draft && !user.IsOfficialOrAdministrator() && !await OrganisesAsync(forumId, cancellationToken))
        {
            throw new NotFoundException("The forum");
        }
    }

    public async Task EnsureOrganisesAsync(Guid forumId, CancellationToken cancellationToken)
    {
        await EnsureCanViewAsync(forumId, cancellationToken);
        if (!await OrganisesAsync(forumId, cancellationToken))
        {
            throw new ForbiddenException("Only the forum's organisers and administrators may do this.");
        }
    }

    /// <summary>
    /// Officials, administrators, the representatives of the firm, and the forum's organisers for a firm registered for it: to
    /// them another firm is not at their forum, the same answer as a firm that does not exist.
    /// </summary>
    public async Task EnsureCanReadFirmAsync(Guid forumId, Guid companyId, CompanyAccess companies, CancellationToken cancellationToken)
    {
        await EnsureCanViewAsync(forumId, cancellationToken);
        if (user.IsOfficialOrAdministrator() || await companies.IsMemberAsync(companyId, cancellationToken))
        {
            return;
        }

        if (await OrganisesAsync(forumId, cancellationToken))
        {
            if (!await db.ForumRegistrations.AnyAsync(r => r.ForumId == forumId && r.CompanyId == companyId, cancellationToken))
            {
                throw new NotFoundException("The firm");
            }

            return;
        }

        throw new ForbiddenException("Only the firm's own representatives, the forum's organisers and trade officials may see this.");
    }

    public IQueryable<Forum> Visible(IQueryable<Forum> forums)
    {
        if (user.IsOfficialOrAdministrator())
        {
            return forums;
        }

        var userId = user.UserId;
        return forums.Where(f => f.Status != ForumStatus.Draft || f.Organisers.Any(o => o.UserId == userId));
    }
}
