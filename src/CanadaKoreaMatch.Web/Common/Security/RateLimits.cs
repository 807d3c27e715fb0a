using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.RateLimiting;
using CanadaKoreaMatch.Web.Common.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CanadaKoreaMatch.Web.Common.Security;

/// <summary>Attempts allowed per window, from one client (IP address) and for one account (the address in the form or body, or the signed-in user).</summary>
public sealed class RateLimitRule
{
    public int PerClient { get; set; }

    public int PerAccount { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>Configuration section RateLimits (docs/operations.md).</summary>
public sealed class RateLimitOptions
{
    public RateLimitRule SignIn { get; set; } = new() { PerClient = 60, PerAccount = 10, WindowSeconds = 300 };

    public RateLimitRule SignUp { get; set; } = new() { PerClient = 10, PerAccount = 3, WindowSeconds = 3600 };

    public RateLimitRule Confirmation { get; set; } = new() { PerClient = 10, PerAccount = 3, WindowSeconds = 3600 };

    public RateLimitRule PasswordReset { get; set; } = new() { PerClient = 10, PerAccount = 5, WindowSeconds = 3600 };

    public RateLimitRule Import { get; set; } = new() { PerClient = 30, PerAccount = 20, WindowSeconds = 3600 };

    public RateLimitRule For(string policy) => policy switch
    {
        RateLimits.SignIn => SignIn,
        RateLimits.SignUp => SignUp,
        RateLimits.Confirmation => Confirmation,
        RateLimits.PasswordReset => PasswordReset,
        RateLimits.Import => Import,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No such rate limit."),
    };
}

/// <summary>
/// ASP.NET Core's rate limiter on the endpoints an attacker would repeat: each named policy counts attempts per client, and a
/// global limiter counts the same endpoints per account. Only POSTs count; a refusal is a 429 with Retry-After (a problem
/// document on the API, a short page on the pages).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Confirmation = "confirmation";
    public const string PasswordReset = "password-reset";
    public const string Import = "import";

    private const string AccountKey = "ckm.rate-limit-account";
    private const int MaxBodyToRead = 64 * 1024;

    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["/Account/Login"] = SignIn,
        ["/Account/Register"] = SignUp,
        ["/Companies/Import"] = Import,
    };

    /// <summary>Identity's API endpoints (under /api/v1/auth) and their policies.</summary>
    private static readonly Dictionary<string, string> IdentityEndpoints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/login"] = SignIn,
        ["/register"] = SignUp,
        ["/resendConfirmationEmail"] = Confirmation,
        ["/forgotPassword"] = PasswordReset,
        ["/resetPassword"] = PasswordReset,
    };

    public static IServiceCollection AddAppRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection("RateLimits"));
        services.Configure<RazorPagesOptions>(options =>
        {
            foreach (var (page, policy) in Pages)
            {
                options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
            }
        });
        services.AddRateLimiter(options =>
        {
            foreach (var policy in new[] { SignIn, SignUp, Confirmation, PasswordReset, Import })
            {
                options.AddPolicy(policy, http => Partition(http, policy, "client", ClientOf(http), rule => rule.PerClient));
            }

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Items[AccountKey] is string account && PolicyOf(http) is { } policy
                    ? Partition(http, policy, "account", account, rule => rule.PerAccount)
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Names the account of each counted request, then applies the limits. After authorization (the import counts per signed-in user).</summary>
    public static WebApplication UseAppRateLimits(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (PolicyOf(http) is { } policy && HttpMethods.IsPost(http.Request.Method) && await AccountOfAsync(http, policy) is { Length: > 0 } account)
            {
                http.Items[AccountKey] = account;
            }

            await next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Puts Identity's sign-in, sign-up, confirmation and password endpoints under their policies.</summary>
    public static void RateLimitIdentityEndpoints(this IEndpointConventionBuilder identity) =>
        identity.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText is { } pattern
                && IdentityEndpoints.TryGetValue("/" + pattern.Split('/')[^1], out var policy))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(policy));
            }
        });

    private static RateLimitPartition<string> Partition(HttpContext http, string policy, string scope, string key, Func<RateLimitRule, int> limit)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var rule = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.For(policy);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}/{scope}/{key}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit(rule)),
            Window = TimeSpan.FromSeconds(Math.Max(1, rule.WindowSeconds)),
            QueueLimit = 0,
        });
    }

    private static string? PolicyOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task<string?> AccountOfAsync(HttpContext http, string policy)
    {
        if (policy == Import)
        {
            return http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        }

        var request = http.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            return Normalize(form["Email"].FirstOrDefault() ?? form["Input.Email"].FirstOrDefault());
        }

        if (request.ContentLength is > MaxBodyToRead || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        request.EnableBuffering(MaxBodyToRead);
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: http.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && (body.RootElement.TryGetProperty("email", out var email) || body.RootElement.TryGetProperty("Email", out email))
                && email.ValueKind == JsonValueKind.String
                ? Normalize(email.GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? Normalize(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToUpperInvariant();

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        seconds = Math.Max(1, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await TypedResults.Problem(
                    title: "Too many requests",
                    detail: $"Too many attempts. Try again in {seconds} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(http);
            return;
        }

        var title = WebUtility.HtmlEncode(t["Too many attempts"]);
        var message = WebUtility.HtmlEncode(t["Too many attempts from here or for this account. Try again in {0} seconds.", seconds]);
        var back = WebUtility.HtmlEncode(t["Back"]);
        var path = WebUtility.HtmlEncode(http.Request.Path.Value ?? "/");
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{SupportedCultures.Current}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            + $"<body><main><h1>{title}</h1><p role=\"alert\" data-testid=\"rate-limited\">{message}</p><p><a href=\"{path}\">{back}</a></p></main></body></html>",
            cancellationToken);
    }
}
