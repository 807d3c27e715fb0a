using System.Globalization;
using System.Net;
using System.Text;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Common.Email;

public sealed record EmailMessage(string To, string Subject, string HtmlBody);

public interface IEmailOutbox
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

public sealed class EmailOptions
{
    public string From { get; set; } = "no-reply@canadakoreamatch.local";

    /// <summary>Folder where messages are written as .eml files (the development and test delivery).</summary>
    public string PickupDirectory { get; set; } = "";
}

/// <summary>Writes each message as an RFC 5322 .eml file into the pickup folder, where a mail relay (or a person) picks it up.</summary>
internal sealed class PickupDirectoryOutbox(EmailOptions options, TimeProvider clock, ILogger<PickupDirectoryOutbox> logger) : IEmailOutbox
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.PickupDirectory);
        var now = clock.GetUtcNow();
        var file = Path.Combine(options.PickupDirectory, $"{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var builder = new StringBuilder()
            .Append("From: ").Append(options.From).Append("\r\n")
            .Append("To: ").Append(message.To).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject))).Append("?=\r\n")
            .Append("Date: ").Append(now.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(message.HtmlBody).Append("\r\n");
        await File.WriteAllTextAsync(file, builder.ToString(), new UTF8Encoding(false), cancellationToken);
        logger.LogInformation("Email to {To} written to {File}", message.To, file);
    }
}

internal sealed class IdentityEmailSender(IEmailOutbox outbox) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        outbox.SendAsync(new EmailMessage(email, "Confirm your CanadaKoreaMatch account",
            $"<p>Welcome to CanadaKoreaMatch.</p><p><a href=\"{confirmationLink}\">Confirm your email address</a> to finish signing up.</p>"));

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        outbox.SendAsync(new EmailMessage(email, "Reset your CanadaKoreaMatch password",
            $"<p><a href=\"{resetLink}\">Choose a new password</a>.</p>"));

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        outbox.SendAsync(new EmailMessage(email, "Your CanadaKoreaMatch password reset code",
            $"<p>Your reset code: <b>{WebUtility.HtmlEncode(resetCode)}</b></p>"));
}
