using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>
/// Who acts for a firm: a member of it who holds the representative role. A membership alone is not enough: a role
/// withdrawn before withdrawing it also ended the person's memberships left rows behind.
/// </summary>
public static class Representatives
{
    public static IQueryable<CompanyMember> InRole(this IQueryable<CompanyMember> members, AppDbContext db) =>
        members.Where(m => db.UserRoles.Any(ur => ur.UserId == m.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.CompanyRepresentative)));

    /// <summary>The user ids of the representatives of these firms.</summary>
    public static Task<List<string>> OfAsync(AppDbContext db, IReadOnlyCollection<Guid> firms, CancellationToken cancellationToken) =>
        db.CompanyMembers.InRole(db).Where(m => firms.Contains(m.CompanyId)).Select(m => m.UserId).Distinct().ToListAsync(cancellationToken);

    public static Task<bool> RepresentsAsync(AppDbContext db, string userId, Guid firm, CancellationToken cancellationToken) =>
        db.CompanyMembers.InRole(db).AnyAsync(m => m.UserId == userId && m.CompanyId == firm, cancellationToken);
}
