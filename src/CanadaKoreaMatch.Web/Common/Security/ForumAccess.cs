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

    /// <summary>The forum's organisers, officials, administrators and the representatives of the firm.</summary>
    public async Task EnsureCanReadFirmAsync(Guid forumId, Guid companyId, CompanyAccess companies, CancellationToken cancellationToken)
    {
        await EnsureCanViewAsync(forumId, cancellationToken);
        if (user.IsOfficialOrAdministrator() || await OrganisesAsync(forumId, cancellationToken) || await companies.IsMemberAsync(companyId, cancellationToken))
        {
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
