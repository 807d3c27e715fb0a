using CanadaKoreaMatch.Web.Domain;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>
/// Who acts for a firm: a member of it who holds the representative role. A membership alone is not enough: a role
/// withdrawn before withdrawing it also ended the person's memberships left rows behind.
/// </summary>
public static class Representatives
{
    public static IQueryable<CompanyMember> InRole(this IQueryable<CompanyMember> members, AppDbContext db) =>
        members.Where(m => db.UserRoles.Any(ur => ur.UserId == m.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.CompanyRepresentative)));
}
