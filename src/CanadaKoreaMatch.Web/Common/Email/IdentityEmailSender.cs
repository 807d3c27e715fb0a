using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Common.Email;

/// <summary>
/// Identity's messages (its API endpoints and our sign-up), through the outbox, with links under App:BaseUrl.
/// Identity resolves this sender once, at start; each message goes into the outbox of the current request's scope,
/// so it joins that request's transaction.
/// </summary>
internal sealed class IdentityEmailSender(IHttpContextAccessor http, IServiceScopeFactory scopes, PublicUrls urls) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        EnqueueAsync(new Email(email, user.Language, confirmationLink.Contains("changedEmail=", StringComparison.Ordinal) ? "confirm-email-change" : "confirm-email",
            new Dictionary<string, object?> { ["name"] = user.DisplayName, ["link"] = urls.Rebase(System.Net.WebUtility.HtmlDecode(confirmationLink)) }));

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        EnqueueAsync(new Email(email, user.Language, "reset-password",
            new Dictionary<string, object?> { ["name"] = user.DisplayName, ["link"] = urls.Rebase(System.Net.WebUtility.HtmlDecode(resetLink)) }));

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        EnqueueAsync(new Email(email, user.Language, "reset-code",
            new Dictionary<string, object?> { ["name"] = user.DisplayName, ["code"] = resetCode }));

    private async Task EnqueueAsync(Email message)
    {
        if (http.HttpContext?.RequestServices is { } requestServices)
        {
            await requestServices.GetRequiredService<IEmailOutbox>().EnqueueAsync(message);
            return;
        }

        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(message);
    }
}
