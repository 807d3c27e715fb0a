using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Users;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;

namespace CanadaKoreaMatch.Web.Api;

internal static class ApiEndpoints
{
    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");

        var auth = api.MapGroup("/auth").WithTags("Authentication");
        auth.MapIdentityApi<AppUser>().RateLimitIdentityEndpoints();
        auth.AddEndpointFilter(OnRegister);
        auth.AddEndpointFilter(AccountRules.GuardAccountChangesAsync);

        api.MapGet("/taxonomy", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetTaxonomy(), ct))
            .WithTags("Taxonomy")
            .WithSummary("The reference codes (capabilities, modes, programmes, compliance, languages) with English, French and Korean labels.");

        api.MapCompaniesEndpoints();
        api.MapUsersEndpoints();
        api.MapMatchingEndpoints();
        api.MapForumsEndpoints();
        api.MapFollowUpsEndpoints();
        app.MapCalendarFeed();
    }

    /// <summary>
    /// People who sign up through the API are company representatives, as on the sign-up page. An address that already has an
    /// account gets the answer a new one gets, and its owner an e-mail, as on the sign-up page.
    /// </summary>
    private static async ValueTask<object?> OnRegister(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var at = context.Arguments.ToList().FindIndex(a => a is RegisterRequest);
        if (http.Request.Path.Value?.EndsWith("/register", StringComparison.OrdinalIgnoreCase) != true || at < 0)
        {
            return await next(context);
        }

        // The account keeps the address without the spaces typed around it, as on the sign-up page.
        var registration = (RegisterRequest)context.Arguments[at]!;
        registration = new RegisterRequest { Email = registration.Email?.Trim()!, Password = registration.Password };
        context.Arguments[at] = registration;
        var result = await next(context);

        var users = http.RequestServices.GetRequiredService<UserManager<AppUser>>();
        if (StatusOf(result) == StatusCodes.Status200OK)
        {
            if (await users.FindByEmailAsync(registration.Email) is { } user)
            {
                await users.AddToRoleAsync(user, Roles.CompanyRepresentative);
            }
        }
        else if (ProblemOf(result) is { Errors.Count: > 0 } problem
                 && problem.Errors.Keys.All(code => code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            await AccountExistsMail.SendAsync(users, http.RequestServices.GetRequiredService<IEmailOutbox>(),
                http.RequestServices.GetRequiredService<PublicUrls>(), registration.Email, http.RequestAborted);
            return TypedResults.Ok();
        }

        return result;
    }

    private static HttpValidationProblemDetails? ProblemOf(object? result) => result switch
    {
        INestedHttpResult nested => ProblemOf(nested.Result),
        ValidationProblem validation => validation.ProblemDetails,
        _ => null,
    };

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };
}
