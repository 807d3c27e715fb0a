using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Users;

[Authorize(Roles.Administrator)]
public sealed record ListUsers : IQuery<IReadOnlyList<UserDto>>;

internal sealed class ListUsersHandler(AppDbContext db) : IRequestHandler<ListUsers, IReadOnlyList<UserDto>>
{
    public async Task<IReadOnlyList<UserDto>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => new UserDto(u.Id, u.DisplayName, u.Email!, u.Organisation, byUser[u.Id].ToList(), u.EmailConfirmed, UserAccounts.IsDisabled(u.LockoutEnd))).ToList();
    }
}
