using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CanadaKoreaMatch.Web.Api;
using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Common.Web;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var configuration = builder.Configuration;

services.AddSingleton(TimeProvider.System);
services.AddHttpContextAccessor();
var database = services.AddAppDatabase(configuration, builder.Environment.ContentRootPath);

// Every instance reads and writes one key ring in the database: cookies, bearer tokens, antiforgery tokens and
// e-mailed links issued by one instance are accepted by all, across restarts.
var dataProtection = services.AddDataProtection().SetApplicationName("CanadaKoreaMatch").PersistKeysToDbContext<AppDbContext>();
if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
{
    dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:CertificatePassword"]));
    if (configuration["DataProtection:PreviousCertificatePath"] is { Length: > 0 } previousPath)
    {
        // While the certificate is being replaced, keys encrypted with the previous one stay readable.
        dataProtection.UnprotectKeysWithAnyCertificate(
            X509CertificateLoader.LoadPkcs12FromFile(previousPath, configuration["DataProtection:PreviousCertificatePassword"]));
    }
}

services.AddAppIdentity();
services.AddScoped<ICurrentUser, HttpCurrentUser>();
services.AddScoped<CompanyAccess>();
services.AddScoped<ForumAccess>();
services.AddSingleton<FollowUpLinks>();
services.AddSingleton<TaxonomyCatalog>();
services.AddSingleton<ReasonText>();
services.AddScoped<DatabaseInitializer>();
services.AddSingleton<SuggestionRecomputer>();
services.AddBackgroundJobs(configuration, database);

services.AddMediatorWithBehaviours(typeof(Program).Assembly);

services.AddAppEmail(configuration, builder.Environment.ContentRootPath);

services.AddLocalization();
services.AddSingleton<JsonStringLocalizerFactory>();
services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<JsonStringLocalizerFactory>());
services.Configure<RequestLocalizationOptions>(options =>
{
    var cultures = SupportedCultures.All.Select(c => new CultureInfo(c)).ToList();
    options.DefaultRequestCulture = new RequestCulture("en");
    options.SupportedCultures = cultures;
    options.SupportedUICultures = cultures;
    options.RequestCultureProviders =
    [
        new QueryStringRequestCultureProvider(),
        new CookieRequestCultureProvider(),
        new AcceptLanguageHeaderRequestCultureProvider(),
    ];
});

services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/Admin", IdentitySetup.AdministratorPolicy);
        options.Conventions.AuthorizeFolder("/Officials", IdentitySetup.OfficialPolicy);
        options.Conventions.AuthorizePage("/Companies/Suggestions");
        options.Conventions.AuthorizePage("/Companies/Create");
        options.Conventions.AuthorizePage("/Companies/Edit");
        options.Conventions.AuthorizePage("/Companies/Import");
        options.Conventions.AuthorizePage("/Companies/Mine");
        options.Conventions.AuthorizeFolder("/Notifications");
        options.Conventions.AuthorizeFolder("/Forums");
    })
    .AddMvcOptions(options =>
    {
        options.Filters.Add<PageErrors>();
        // The slices' validators say what a field needs, in the reader's language; MVC's implicit "The X field is required." would repeat it in English.
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    })
    .AddViewLocalization();
services.AddAntiforgery();
services.AddTransport(configuration, builder.Environment);
services.AddAppRateLimits(configuration);
services.AddProblemDetails();
services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
services.AddOpenApi();
services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    options.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
        options.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), NullsRefused.Modify);
});
services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    await using (await StartupLock.AcquireAsync(db, database))
    {
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        app.ScheduleRecurringJobs();
    }
}

app.UseTransport();

// Before the error pages, so that an error page re-executed with a new query string keeps the reader's language.
app.UseRequestLocalization();
app.UseWhen(ApiRequests.Match, programs =>
{
    programs.UseExceptionHandler();
    programs.UseStatusCodePages();
});
app.UseWhen(http => !ApiRequests.Match(http), people =>
{
    people.UseExceptionHandler("/Error");
    people.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<TwoFactorSetupMiddleware>();
app.UseAuthorization();
app.UseAppRateLimits();
app.UseAntiforgery();

// docs/decisions/013-what-visitors-see.md: the API reference is public in Development, for signed-in users elsewhere
// (a cookie for people on the reference page, a cookie or a bearer token for the document; programs get a 401).
if (!configuration.GetValue("Api:PublicReference", app.Environment.IsDevelopment()))
{
    app.UseWhen(http => http.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || http.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase), reference => reference.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true || (await http.AuthenticateAsync(IdentityConstants.BearerScheme)).Succeeded)
        {
            await next(http);
        }
        else if (http.Request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase))
        {
            await http.ChallengeAsync();
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }));
}

app.MapOpenApi("/openapi/{documentName}.json");
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint("/openapi/v1.json", "CanadaKoreaMatch API v1");
    options.RoutePrefix = "api/docs";
});
app.MapHealthChecks(Transport.LiveProbe, new() { Predicate = _ => false });
app.MapHealthChecks(Transport.ReadyProbe, new() { Predicate = check => check.Tags.Contains("ready"), ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable } });
app.MapApi();
app.MapJobsDashboard();
app.MapPost("/culture", (HttpContext http, [FromForm] string culture, [FromForm] string? returnUrl) =>
    {
        if (SupportedCultures.All.Contains(culture))
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        }

        return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "/" : returnUrl);
    })
    .ExcludeFromDescription();

app.MapRazorPages();

await app.RunAsync();

public partial class Program;
