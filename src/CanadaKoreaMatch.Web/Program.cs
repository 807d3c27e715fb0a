using System.Globalization;
using CanadaKoreaMatch.Web.Api;
using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Features.Taxonomy;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Pages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Quartz;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
var configuration = builder.Configuration;

services.AddSingleton(TimeProvider.System);
if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keysDirectory)
{
    // Several instances must read each other's cookies and tokens: they share one key ring.
    services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysDirectory)).SetApplicationName("CanadaKoreaMatch");
}

services.AddHttpContextAccessor();
services.AddAppDatabase(configuration, builder.Environment.ContentRootPath);
services.AddAppIdentity();
services.AddScoped<ICurrentUser, HttpCurrentUser>();
services.AddScoped<CompanyAccess>();
services.AddSingleton<TaxonomyCatalog>();
services.AddScoped<DatabaseInitializer>();
services.AddSingleton<SuggestionRecomputer>();
if (configuration.GetValue("Jobs:Enabled", true))
{
    var refreshEvery = TimeSpan.FromSeconds(configuration.GetValue("Matching:RefreshSeconds", 3.0));
    services.AddQuartz(quartz =>
    {
        quartz.AddJob<SuggestionRefreshJob>(job => job.WithIdentity(SuggestionRefreshJob.Key));
        quartz.AddTrigger(trigger => trigger.ForJob(SuggestionRefreshJob.Key).StartNow()
            .WithSimpleSchedule(schedule => schedule.WithInterval(refreshEvery).RepeatForever()));
    });
    services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
}

services.AddMediatorWithBehaviours(typeof(Program).Assembly);

var email = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
if (string.IsNullOrWhiteSpace(email.PickupDirectory))
{
    email.PickupDirectory = Path.Combine(builder.Environment.ContentRootPath, "App_Data", "outbox");
}

services.AddSingleton(email);
services.AddSingleton<IEmailOutbox, PickupDirectoryOutbox>();
services.AddSingleton<IEmailSender<AppUser>, IdentityEmailSender>();

services.AddLocalization();
services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
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
    })
    .AddMvcOptions(options => options.Filters.Add<PageExceptionFilter>())
    .AddViewLocalization();
services.AddAntiforgery();
services.AddProblemDetails();
services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
services.AddOpenApi();
services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseRequestLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi("/openapi/{documentName}.json");
app.UseSwaggerUI(options =>
{
    options.SwaggerEndpoint("/openapi/v1.json", "CanadaKoreaMatch API v1");
    options.RoutePrefix = "api/docs";
});
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable } });
app.MapApi();
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
