using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CanadaKoreaMatch.Web.Common;

public static class IdentitySetup
{
    public const int PasswordMinLength = 12;
    public const int MaxFailedSignIns = 5;
    public const string ApiPolicy = "Api";
    public const string AdministratorPolicy = "Administrators";
    public const string OfficialPolicy = "Officials";

    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                options.Password.RequiredLength = PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                // The sign-in name is the e-mail address, which the address rules check: any character they allow (o'neil@, é) is allowed.
                options.User.AllowedUserNameCharacters = "";
            })
            .AddRoles<IdentityRole>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<Security.AppSignInManager>();
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, Security.AddressNormalizer>());
        services.AddSessionRules();
        services.AddScoped<Security.SecurityEvents>();

        // People on pages are sent to the sign-in page; API endpoints name the bearer scheme in their policy and get a 401.
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
            options.DefaultForbidScheme = IdentityConstants.ApplicationScheme;
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "ckm.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.BearerScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new TwoFactorSetUpRequirement()))
            .AddPolicy(AdministratorPolicy, policy => policy.RequireRole(Roles.Administrator))
            .AddPolicy(OfficialPolicy, policy => policy.RequireRole(Roles.TradeOfficial, Roles.Administrator));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorProblemResultHandler>();
        return services;
    }
}
