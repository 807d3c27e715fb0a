using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Common.Email;

public static class EmailSetup
{
    /// <summary>The outbox, its templates and the transport (SMTP when Email:Smtp:Host is set, else the pickup folder); links under App:BaseUrl.</summary>
    public static IServiceCollection AddAppEmail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var email = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        if (string.IsNullOrWhiteSpace(email.PickupDirectory))
        {
            email.PickupDirectory = Path.Combine(contentRoot, "App_Data", "outbox");
        }

        var baseUrl = configuration["App:BaseUrl"] is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var parsed)
            ? parsed
            : throw new InvalidOperationException("App:BaseUrl must be the absolute public address of the app (https://match.example.org/); e-mailed links are built from it.");

        services.AddSingleton(email);
        services.AddSingleton<EmailTemplates>();
        services.AddScoped<IEmailOutbox, DatabaseEmailOutbox>();
        services.AddSingleton<IEmailSender<AppUser>, IdentityEmailSender>();
        services.AddSingleton(sp => new PublicUrls(sp.GetRequiredService<LinkGenerator>(), baseUrl));
        if (email.Smtp.Host.Length > 0)
        {
            services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, PickupDirectoryTransport>();
        }

        return services;
    }
}
