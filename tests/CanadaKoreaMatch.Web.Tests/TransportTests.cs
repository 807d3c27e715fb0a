using System.Net;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Security headers on every response; in Production: HTTPS, HSTS, Secure cookies, the allowed hosts and the trusted proxy.</summary>
public sealed class TransportTests(TransportTests.ProductionFactory production) : IClassFixture<TransportTests.ProductionFactory>
{
    private const string Proxy = "10.0.0.5";

    [Theory]
    [InlineData("/")]
    [InlineData("/Companies")]
    [InlineData("/Account/Login")]
    [InlineData("/No/Such/Page")]
    [InlineData("/api/v1/taxonomy")]
    [InlineData("/api/v1/companies/00000000-0000-0000-0000-000000000001")]
    public async Task Every_response_carries_a_strict_content_security_policy_and_the_other_security_headers(string path)
    {
        var response = await Https().GetAsync(new Uri(path, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("style-src 'self'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
        Header(response, "Permissions-Policy").ShouldContain("camera=()");
        Header(response, "Strict-Transport-Security").ShouldContain("max-age=31536000");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://match.ckm.test") });

        var response = await client.GetAsync(new Uri("/Companies", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().ShouldBe("https://match.ckm.test/Companies");
    }

    [Fact]
    public async Task Cookies_are_secure_and_http_only()
    {
        var response = await Https().GetAsync(new Uri("/Account/Login", UriKind.Relative));

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        cookies.ShouldNotBeEmpty();
        cookies.ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        cookies.ShouldAllBe(c => c.Contains("; httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("localhost")]
    public async Task A_host_that_is_not_allowed_is_refused(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;

        var response = await Https().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Probes_answer_an_orchestrator_calling_the_instance_by_its_own_address_over_plain_http(string path)
    {
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://10.1.2.3:8080") });

        var probe = await client.GetAsync(new Uri(path, UriKind.Relative));
        var page = await client.GetAsync(new Uri("/", UriKind.Relative));

        probe.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await probe.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_scheme_and_client_address_come_from_the_configured_proxy_only()
    {
        var fromProxy = await SendAsync(Proxy, "https", "203.0.113.9");
        fromProxy.Response.StatusCode.ShouldBe(StatusCodes.Status200OK);
        fromProxy.Connection.RemoteIpAddress!.ToString().ShouldBe("203.0.113.9");
        fromProxy.Request.IsHttps.ShouldBeTrue();

        var fromElsewhere = await SendAsync("198.51.100.7", "https", "203.0.113.9");
        fromElsewhere.Response.StatusCode.ShouldBe(StatusCodes.Status307TemporaryRedirect);
        fromElsewhere.Connection.RemoteIpAddress!.ToString().ShouldBe("198.51.100.7");
    }

    private HttpClient Https() =>
        production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://match.ckm.test") });

    private Task<HttpContext> SendAsync(string remoteAddress, string forwardedProto, string forwardedFor) =>
        production.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("match.ckm.test");
            context.Request.Path = "/Account/Login";
            context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new ShouldAssertException($"{response.RequestMessage?.RequestUri}: no {name} header");

    /// <summary>The app as deployed: Production, behind one proxy at 10.0.0.5, public at https://match.ckm.test.</summary>
    public sealed class ProductionFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("App:BaseUrl", "https://match.ckm.test/");
            builder.UseSetting("AllowedHosts", "*");
            builder.UseSetting("Proxy:KnownProxies:0", Proxy);
            builder.UseSetting("Jobs:Enabled", "false");
        }
    }
}
