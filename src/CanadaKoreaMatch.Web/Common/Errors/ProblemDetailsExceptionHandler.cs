using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Common.Errors;

/// <summary>Requests from programs (the JSON API and its document) get problem documents; people's pages get the error page.</summary>
public static class ApiRequests
{
    public static bool Match(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !http.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase)
        || http.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);
}

internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ApiRequests.Match(httpContext) ? ToProblem(exception) : null;
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(ValidationErrors(validation))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
        },
        Features.Companies.ImportRejectedException import => new HttpValidationProblemDetails(
            import.Rows.GroupBy(r => $"line {r.Line}: {r.Column}").ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = import.Message,
            Extensions = { ["rows"] = import.Rows },
        },
        InputException input => new HttpValidationProblemDetails(input.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = input.Message,
        },
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is malformed.",
            Detail = bad.Message,
        },
        NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message },
        ForbiddenException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = forbidden.Message },
        UnauthenticatedException unauthenticated => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = unauthenticated.Message },
        ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message },
        _ when UniqueViolation.Is(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = Refusal.SavedAtTheSameMoment.ToString(),
        },
        DbUpdateConcurrencyException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = Refusal.ChangedSinceLoaded.ToString(),
        },
        _ => null,
    };

    public static Dictionary<string, string[]> ValidationErrors(ValidationException validation) =>
        validation.Errors
            .GroupBy(e => JsonFieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    private static string JsonFieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
