using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;

namespace CanadaKoreaMatch.Web.Common.Email;

/// <summary>A message to send: a template (Common/Email/Templates/NAME.LANG.liquid), its values and the recipient's language.</summary>
public sealed record Email(string To, string Language, string Template, IReadOnlyDictionary<string, object?> Values);

/// <summary>Records outgoing mail in the database, in the caller's transaction; Jobs/MailDelivery.cs sends it after commit.</summary>
public interface IEmailOutbox
{
    Task EnqueueAsync(Email email, CancellationToken cancellationToken = default);
}

public sealed class EmailOptions
{
    public string From { get; set; } = "no-reply@canadakoreamatch.local";

    /// <summary>Folder where messages are written as .eml files (development and tests). Used when Smtp:Host is empty.</summary>
    public string PickupDirectory { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the delivery job looks for due messages.</summary>
    public int DeliverySeconds { get; set; } = 5;

    /// <summary>How long a delivery holds a claimed message before another instance may take it over.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts before a message is marked Failed; the wait doubles after each (RetryBaseSeconds, 2×, 4×, …).</summary>
    public int MaxAttempts { get; set; } = 8;

    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>Pause after each message an instance sends, for relays that limit the sending rate (0: none).</summary>
    public int SendIntervalMilliseconds { get; set; }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>StartTls (default), SslOnConnect, or None (only for a relay on the same host).</summary>
    public string Security { get; set; } = "StartTls";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";
}

internal sealed class DatabaseEmailOutbox(AppDbContext db, EmailTemplates templates, TimeProvider clock) : IEmailOutbox
{
    public async Task EnqueueAsync(Email email, CancellationToken cancellationToken = default)
    {
        var language = SupportedLanguage(email.Language);
        var (subject, body) = await templates.RenderAsync(email.Template, language, email.Values);
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(), To = email.To, Subject = subject, HtmlBody = body, Template = email.Template, Language = language,
            Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string SupportedLanguage(string? language) =>
        language is not null && Localization.SupportedCultures.All.Contains(language) ? language : "en";
}
