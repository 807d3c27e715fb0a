using CanadaKoreaMatch.Web.Domain;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CanadaKoreaMatch.Web.Common.Email;

/// <summary>Hands one message to the outside world. Delivery is idempotent per message id as far as the transport allows.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

internal static class MimeMessages
{
    public static MimeMessage From(OutboxMessage message, EmailOptions options)
    {
        var from = MailboxAddress.Parse(options.From);
        var mime = new MimeMessage
        {
            // A stable Message-Id: a message sent again after a crash is recognisable as the same one.
            MessageId = $"{message.Id:N}@{from.Domain}",
            Subject = message.Subject,
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc)),
            Body = new BodyBuilder { HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }
}

/// <summary>Development and tests: each message becomes one .eml file named after it, so a second delivery rewrites the same file.</summary>
internal sealed class PickupDirectoryTransport(EmailOptions options, ILogger<PickupDirectoryTransport> logger) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.PickupDirectory);
        var file = Path.Combine(options.PickupDirectory, $"{message.CreatedAt:yyyyMMddHHmmssfff}-{message.Id:N}.eml");
        var temporary = Path.Combine(options.PickupDirectory, $".{message.Id:N}.tmp");
        await MimeMessages.From(message, options).WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, file, overwrite: true);
        logger.LogInformation("Email {Id} to {To} written to {File}", message.Id, message.To, file);
    }
}

/// <summary>Production: SMTP through MailKit (Email:Smtp:Host, Port, Security, UserName, Password).</summary>
internal sealed class SmtpTransport(EmailOptions options, ILogger<SmtpTransport> logger) : IMailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (smtp.UserName.Length > 0)
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
        }

        await client.SendAsync(MimeMessages.From(message, options), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Email {Id} to {To} sent through {Host}", message.Id, message.To, smtp.Host);
    }
}
