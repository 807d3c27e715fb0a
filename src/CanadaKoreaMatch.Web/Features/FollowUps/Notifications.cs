using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.FollowUps;

public sealed record NotificationDto(Guid Id, string Kind, string Title, string? Link, DateTime CreatedAt, DateTime? ReadAt);

public sealed record NotificationList(IReadOnlyList<NotificationDto> Items, int Unread, int Total);

/// <summary>The signed-in user's notifications, newest first.</summary>
[Authorize]
public sealed record ListMyNotifications(int Take = 50) : IQuery<NotificationList>;

internal sealed class ListMyNotificationsHandler(AppDbContext db, ICurrentUser user) : IRequestHandler<ListMyNotifications, NotificationList>
{
    public async Task<NotificationList> Handle(ListMyNotifications request, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var items = await mine.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(request.Take, 1, 200))
            .Select(n => new NotificationDto(n.Id, n.Kind.ToString(), n.Title, n.Link, DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc), n.ReadAt))
            .ToListAsync(cancellationToken);
        return new NotificationList(items, await mine.CountAsync(n => n.ReadAt == null, cancellationToken), await mine.CountAsync(cancellationToken));
    }
}

/// <summary>Marks the signed-in user's notifications read.</summary>
[Authorize]
public sealed record MarkNotificationsRead : ICommand<int>;

internal sealed class MarkNotificationsReadHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkNotificationsRead, int>
{
    public Task<int> Handle(MarkNotificationsRead request, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}

public sealed record FollowUpDto(Guid Id, string Kind, string RecipientUserId, string Recipient, Guid? SubjectId, Guid? ForumId, DateTime DueAt, string Status, int Attempts, DateTime? SentAt, string? LastError);

public sealed record FollowUpList(IReadOnlyList<FollowUpDto> Items, int Total);

/// <summary>A forum's follow-ups for its organisers and the trade officials (officials may list every forum's).</summary>
[Authorize(Roles.ForumOrganiser, Roles.TradeOfficial, Roles.Administrator)]
public sealed record ListFollowUps(Guid? ForumId, FollowUpKind? Kind = null, FollowUpStatus? Status = null, int Take = 500) : IQuery<FollowUpList>;

internal sealed class ListFollowUpsHandler(AppDbContext db, ICurrentUser user, ForumAccess forums) : IRequestHandler<ListFollowUps, FollowUpList>
{
    public async Task<FollowUpList> Handle(ListFollowUps request, CancellationToken cancellationToken)
    {
        if (request.ForumId is { } forumId)
        {
            await forums.EnsureCanViewAsync(forumId, cancellationToken);
            if (!user.IsOfficialOrAdministrator() && !await forums.OrganisesAsync(forumId, cancellationToken))
            {
                throw new ForbiddenException("Only the forum's organisers and trade officials see its follow-ups.");
            }
        }
        else if (!user.IsOfficialOrAdministrator())
        {
            throw InputException.For("forumId", "Name the forum whose follow-ups you organise.");
        }

        var query = db.FollowUps.AsNoTracking().Where(f => request.ForumId == null || f.ForumId == request.ForumId);
        if (request.Kind is { } kind)
        {
            query = query.Where(f => f.Kind == kind);
        }

        if (request.Status is { } status)
        {
            query = query.Where(f => f.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(f => f.DueAt).ThenBy(f => f.Id).Take(Math.Clamp(request.Take, 1, 5000))
            .Join(db.Users, f => f.RecipientUserId, u => u.Id, (f, u) => new FollowUpDto(
                f.Id, f.Kind.ToString(), f.RecipientUserId, u.DisplayName, f.SubjectId, f.ForumId, DateTime.SpecifyKind(f.DueAt, DateTimeKind.Utc), f.Status.ToString(),
                f.Attempts, f.SentAt, f.LastError))
            .ToListAsync(cancellationToken);
        return new FollowUpList(items, total);
    }
}

/// <summary>Sends a failed (or cancelled) follow-up again at once, if what it is about still exists.</summary>
[Authorize(Roles.ForumOrganiser, Roles.TradeOfficial, Roles.Administrator)]
public sealed record RetryFollowUp(Guid FollowUpId) : ICommand<FollowUpDto>;

/// <summary>Cancels a follow-up that has not been sent.</summary>
[Authorize(Roles.ForumOrganiser, Roles.TradeOfficial, Roles.Administrator)]
public sealed record CancelFollowUp(Guid FollowUpId) : ICommand<FollowUpDto>;

internal sealed class ChangeFollowUpHandler(AppDbContext db, ICurrentUser user, ForumAccess forums, TimeProvider clock)
    : IRequestHandler<RetryFollowUp, FollowUpDto>, IRequestHandler<CancelFollowUp, FollowUpDto>
{
    public Task<FollowUpDto> Handle(RetryFollowUp request, CancellationToken cancellationToken) =>
        ChangeAsync(request.FollowUpId, f =>
        {
            if (f.Status is not (FollowUpStatus.Failed or FollowUpStatus.Cancelled))
            {
                throw new ConflictException("Only a failed or cancelled follow-up is sent again; this one is {0}.", Term.Of("followup.status.", f.Status, lowerCase: true));
            }

            f.Status = FollowUpStatus.Scheduled;
            f.Attempts = 0;
            f.LastError = null;
            f.CancelledBy = null;
            f.DueAt = clock.GetUtcNow().UtcDateTime;
        }, cancellationToken);

    public Task<FollowUpDto> Handle(CancelFollowUp request, CancellationToken cancellationToken) =>
        ChangeAsync(request.FollowUpId, f =>
        {
            if (f.Status != FollowUpStatus.Scheduled)
            {
                throw new ConflictException("Only a follow-up still to be sent is cancelled; this one is {0}.", Term.Of("followup.status.", f.Status, lowerCase: true));
            }

            f.Status = FollowUpStatus.Cancelled;
            f.CancelledBy = user.UserId;
        }, cancellationToken);

    private async Task<FollowUpDto> ChangeAsync(Guid id, Action<FollowUp> change, CancellationToken cancellationToken)
    {
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("The follow-up");
        if (!user.IsOfficialOrAdministrator() && (followUp.ForumId is not { } forumId || !await forums.OrganisesAsync(forumId, cancellationToken)))
        {
            throw new NotFoundException("The follow-up");
        }

        change(followUp);
        await db.SaveChangesAsync(cancellationToken);
        var recipient = await db.Users.Where(u => u.Id == followUp.RecipientUserId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return new FollowUpDto(followUp.Id, followUp.Kind.ToString(), followUp.RecipientUserId, recipient, followUp.SubjectId, followUp.ForumId,
            DateTime.SpecifyKind(followUp.DueAt, DateTimeKind.Utc), followUp.Status.ToString(), followUp.Attempts, followUp.SentAt, followUp.LastError);
    }
}

public sealed record NotificationPreferences(string Language, IReadOnlyList<string> Muted);

/// <summary>The signed-in user's choices: the language of messages and the follow-up kinds turned off.</summary>
[Authorize]
public sealed record GetNotificationPreferences : IQuery<NotificationPreferences>;

internal sealed class GetNotificationPreferencesHandler(AppDbContext db, ICurrentUser user) : IRequestHandler<GetNotificationPreferences, NotificationPreferences>
{
    public async Task<NotificationPreferences> Handle(GetNotificationPreferences request, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Language, u.MutedFollowUps }).SingleAsync(cancellationToken);
        return new NotificationPreferences(me.Language, me.MutedFollowUps);
    }
}

[Authorize]
public sealed record SetNotificationPreferences(string Language, IReadOnlyList<string> Muted) : ICommand<NotificationPreferences>;

internal sealed class SetNotificationPreferencesValidator : AbstractValidator<SetNotificationPreferences>
{
    public SetNotificationPreferencesValidator()
    {
        RuleFor(p => p.Language).Must(l => Common.Localization.SupportedCultures.All.Contains(l)).WithMessage("Choose en, fr or ko.");
        RuleForEach(p => p.Muted).Must(k => Enum.TryParse<FollowUpKind>(k, out _)).WithRefusal("\"{0}\" is not a kind of follow-up.", (_, k) => k);
    }
}

internal sealed class SetNotificationPreferencesHandler(AppDbContext db, ICurrentUser user) : IRequestHandler<SetNotificationPreferences, NotificationPreferences>
{
    public async Task<NotificationPreferences> Handle(SetNotificationPreferences request, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        var me = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        me.Language = request.Language;
        me.MutedFollowUps = request.Muted.Distinct().Order(StringComparer.Ordinal).ToList();
        await db.SaveChangesAsync(cancellationToken);
        return new NotificationPreferences(me.Language, me.MutedFollowUps);
    }
}
