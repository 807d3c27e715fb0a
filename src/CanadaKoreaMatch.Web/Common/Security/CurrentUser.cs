using System.Security.Claims;
using CanadaKoreaMatch.Web.Domain;

namespace CanadaKoreaMatch.Web.Common.Security;

public interface ICurrentUser
{
    string? UserId { get; }

    bool IsAuthenticated { get; }

    bool IsInRole(string role);
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}

public static class CurrentUserExtensions
{
    public static bool IsOfficialOrAdministrator(this ICurrentUser user) =>
        user.IsInRole(Roles.TradeOfficial) || user.IsInRole(Roles.Administrator);

    public static string RequireUserId(this ICurrentUser user) =>
        user.UserId ?? throw new Errors.UnauthenticatedException();
}
