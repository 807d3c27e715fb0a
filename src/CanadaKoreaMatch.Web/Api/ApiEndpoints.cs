using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;

namespace CanadaKoreaMatch.Web.Api;

internal static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");

        var auth = api.MapGroup("/auth").WithTags("Authentication");
        auth.MapIdentityApi<AppUser>();
        auth.AddEndpointFilter(GrantRepresentativeRoleOnRegister);
        auth.AddEndpointFilter(AccountRules.GuardAccountChangesAsync);

        api.MapGet("/taxonomy", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetTaxonomy(), ct))
            .WithTags("Taxonomy")
            .WithSummary("The reference codes (capabilities, modes, programmes, compliance, languages) with English, French and Korean labels.");

        api.MapCompaniesEndpoints();
        api.MapMatchingEndpoints();
        api.MapForumsEndpoints();
        api.MapFollowUpsEndpoints();
        app.MapCalendarFeed();
    }

    /// <summary>People who sign up through the API are company representatives, as on the sign-up page.</summary>
    private static async ValueTask<object?> GrantRepresentativeRoleOnRegister(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.Request.Path.Value?.EndsWith("/register", StringComparison.OrdinalIgnoreCase) == true
            && context.Arguments.OfType<RegisterRequest>().FirstOrDefault() is { } registration
            && StatusOf(result) == StatusCodes.Status200OK)
        {
            var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByEmailAsync(registration.Email) is { } user)
            {
                await users.AddToRoleAsync(user, Roles.CompanyRepresentative);
            }
        }

        return result;
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };
}
