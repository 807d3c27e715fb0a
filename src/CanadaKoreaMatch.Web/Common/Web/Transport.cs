using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace CanadaKoreaMatch.Web.Common.Web;

/// <summary>
/// How the app meets the network: behind a TLS-terminating proxy (forwarded headers from configured proxies only),
/// HTTPS required in Production (redirection, HSTS, Secure cookies), the hosts it answers to, and the security headers
/// on every response. docs/operations.md explains the settings.
/// </summary>
public static class Transport
{
    private const string ToolsPolicy = "tools";

    /// <summary>Pages opened from an e-mailed link carry its token in their address: no Referer leaves them.</summary>
    private const string LinkPolicy = "link";

    /// <summary>The Hangfire dashboard and the API reference page are third-party pages that need inline script and style.</summary>
    private static readonly string[] ToolPaths = [Jobs.BackgroundJobsSetup.DashboardPath, "/api/docs"];

    public static bool HttpsRequired(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Https:Required", environment.IsProduction());

    public static IServiceCollection AddTransport(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue("Proxy:ForwardLimit", 1);
            foreach (var proxy in configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        var httpsRequired = HttpsRequired(configuration, environment);
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = httpsRequired ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddHttpsRedirection(options => options.HttpsPort = configuration.GetValue("Https:Port", 443));

        if (environment.IsProduction())
        {
            services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = AllowedHosts(configuration));

            // The web host filters hosts on every path; UseTransport filters them on all but the probes.
            var hostFilter = services.FirstOrDefault(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter")
                ?? throw new InvalidOperationException("The web host's host filter was not found; the probes' exemption needs it replaced.");
            services.Remove(hostFilter);
        }

        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(headers => Common(headers, httpsRequired).AddContentSecurityPolicy(csp =>
            {
                Shared(csp);
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
            }))
            .AddPolicy(ToolsPolicy, headers => Common(headers, httpsRequired).AddContentSecurityPolicy(csp =>
            {
                Shared(csp);
                csp.AddScriptSrc().Self().UnsafeInline();
                csp.AddStyleSrc().Self().UnsafeInline();
            }))
            .AddPolicy(LinkPolicy, headers => Common(headers, httpsRequired).AddReferrerPolicyNoReferrer().AddContentSecurityPolicy(csp =>
            {
                Shared(csp);
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
            }))
            .SetPolicySelector(context =>
                ToolPaths.Any(p => context.HttpContext.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? context.ConfiguredPolicies[ToolsPolicy]
                : context.HttpContext.Request.Path.StartsWithSegments("/feedback", StringComparison.OrdinalIgnoreCase) ? context.ConfiguredPolicies[LinkPolicy]
                : context.DefaultPolicy));
        return services;
    }

    /// <summary>
    /// The first middleware: the client's address and scheme as the proxy saw them, then the headers, then (in Production)
    /// the allowed hosts and HTTPS, except for the probes: an orchestrator calls them by the instance's own address over
    /// plain HTTP, and they answer a status only.
    /// </summary>
    public static void UseTransport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        var filterHosts = app.Environment.IsProduction();
        var httpsRequired = HttpsRequired(app.Configuration, app.Environment);
        app.UseWhen(context => !IsProbe(context.Request.Path), branch =>
        {
            if (filterHosts)
            {
                branch.UseHostFiltering();
            }

            if (httpsRequired)
            {
                branch.UseHttpsRedirection();
            }
        });
        app.UseCookiePolicy();
    }

    public const string LiveProbe = "/health/live";

    public const string ReadyProbe = "/health/ready";

    private static bool IsProbe(PathString path) =>
        path.Equals(LiveProbe, StringComparison.OrdinalIgnoreCase) || path.Equals(ReadyProbe, StringComparison.OrdinalIgnoreCase);

    /// <summary>In Production: the configured AllowedHosts, never "*", and always the host of App:BaseUrl.</summary>
    internal static List<string> AllowedHosts(IConfiguration configuration)
    {
        var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(h => h != "*").ToList();
        if (Uri.TryCreate(configuration["App:BaseUrl"], UriKind.Absolute, out var baseUrl))
        {
            hosts.Add(baseUrl.Host);
        }

        return hosts.Count > 0
            ? hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : throw new InvalidOperationException("In Production, set App:BaseUrl to the public address of the app (its host is allowed) and list any other host names in AllowedHosts; \"*\" is not accepted.");
    }

    /// <summary>The headers every response carries; HSTS (sent over HTTPS only) where HTTPS is required.</summary>
    private static HeaderPolicyCollection Common(HeaderPolicyCollection headers, bool httpsRequired) => (httpsRequired
            ? headers.AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 60 * 60)
            : headers)
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        .AddPermissionsPolicyWithDefaultSecureDirectives()
        .RemoveServerHeader();

    private static void Shared(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self();
        csp.AddConnectSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    }
}
