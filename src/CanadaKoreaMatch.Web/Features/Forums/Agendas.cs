using System.Security.Cryptography;
using System.Text;
using CanadaKoreaMatch.Web.Common.Email;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Forums;

/// <summary>
/// Publishes the working timetable: each meeting keeps its id (the calendar UID), a changed one gets a higher SEQUENCE, a
/// removed one stays as cancelled. Only the representatives of firms whose meetings changed are told.
/// </summary>
[Authorize]
public sealed record PublishTimetable(Guid ForumId) : ICommand<PublishResult>, IOrganisesForum;

public sealed record PublishResult(Guid ForumId, int Revision, int Meetings, int Added, int Changed, int Cancelled, int FirmsNotified);

internal sealed class PublishTimetableHandler(AppDbContext db, IEmailOutbox outbox, PublicUrls urls, TimeProvider clock) : IRequestHandler<PublishTimetable, PublishResult>
{
    public async Task<PublishResult> Handle(PublishTimetable request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: true, cancellationToken);
        if (!ForumWorkflow.CanSchedule(forum.Status))
        {
            throw new ConflictException("Move the forum to scheduling and generate the timetable before publishing it.");
        }

        await MoveMeetingHandler.EnsureNoRunAsync(db, forum.Id, cancellationToken);
        var latest = await db.ScheduleRuns.AsNoTracking().Where(r => r.ForumId == forum.Id).OrderByDescending(r => r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        if (latest?.Status == ScheduleRunStatus.Failed)
        {
            throw new ConflictException("The last run failed, so there is nothing new to publish: {0} Start a new run first.", latest.Error);
        }

        var zone = forum.Zone();
        var grid = forum.Grid();
        var working = await db.ForumMeetings.Where(m => m.ForumId == forum.Id)
            .Join(db.MeetingRequests, m => m.Id, r => r.Id, (m, r) => new { Meeting = m, r.FromCompanyId, r.ToCompanyId }).ToListAsync(cancellationToken);
        var published = await db.PublishedMeetings.Where(m => m.ForumId == forum.Id).ToDictionaryAsync(m => m.Id, cancellationToken);
        if (latest is null && working.Count == 0)
        {
            throw new ConflictException("There is no timetable yet: generate one first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var interpreters = forum.Interpreters.ToDictionary(i => i.Id, i => i.Name);
        var affected = new HashSet<Guid>();
        int added = 0, changed = 0, cancelled = 0;
        foreach (var w in working)
        {
            var slot = grid.Find(w.Meeting.Day, w.Meeting.Slot) ?? throw new ConflictException("A meeting lies outside the grid: run the scheduler again.");
            var starts = ForumGrid.ToUtc(slot.Date, slot.Start, zone);
            var ends = ForumGrid.ToUtc(slot.Date, slot.End, zone);
            var interpreter = w.Meeting.InterpreterId is { } i ? interpreters.GetValueOrDefault(i) : null;
            if (!published.TryGetValue(w.Meeting.Id, out var p))
            {
                db.PublishedMeetings.Add(new PublishedMeeting
                {
                    Id = w.Meeting.Id, ForumId = forum.Id, FirstCompanyId = w.FromCompanyId, SecondCompanyId = w.ToCompanyId, Day = w.Meeting.Day, Slot = w.Meeting.Slot,
                    StartsAt = starts, EndsAt = ends, Table = w.Meeting.Table, Interpreter = interpreter, Sequence = 0, ChangedAt = now,
                });
                added++;
            }
            else if (p.Cancelled || p.StartsAt != starts || p.EndsAt != ends || p.Table != w.Meeting.Table || p.Interpreter != interpreter)
            {
                (p.Day, p.Slot, p.StartsAt, p.EndsAt, p.Table, p.Interpreter, p.Cancelled, p.ChangedAt) = (w.Meeting.Day, w.Meeting.Slot, starts, ends, w.Meeting.Table, interpreter, false, now);
                p.Sequence++;
                changed++;
            }
            else
            {
                continue;
            }

            affected.Add(w.FromCompanyId);
            affected.Add(w.ToCompanyId);
        }

        var kept = working.Select(w => w.Meeting.Id).ToHashSet();
        foreach (var p in published.Values.Where(p => !p.Cancelled && !kept.Contains(p.Id)))
        {
            p.Cancelled = true;
            p.Sequence++;
            p.ChangedAt = now;
            cancelled++;
            affected.Add(p.FirstCompanyId);
            affected.Add(p.SecondCompanyId);
        }

        var first = forum.PublishedAt is null;
        forum.Status = ForumStatus.Published;
        forum.PublishedAt = now;
        forum.Revision++;
        forum.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await FollowUps.FollowUpPlanner.SyncForumAsync(db, forum, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(forum, affected, first, cancellationToken);
        return new PublishResult(forum.Id, forum.Revision, working.Count, added, changed, cancelled, affected.Count);
    }

    private async Task NotifyAsync(Forum forum, HashSet<Guid> firms, bool first, CancellationToken cancellationToken)
    {
        var recipients = await db.CompanyMembers.InRole(db).Where(m => firms.Contains(m.CompanyId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.CompanyId, u.Email, u.Language, u.DisplayName })
            .Join(db.Companies, x => x.CompanyId, c => c.Id, (x, c) => new { x.CompanyId, x.Email, x.Language, x.DisplayName, Firm = c.Name })
            .ToListAsync(cancellationToken);
        foreach (var r in recipients.Where(r => r.Email is not null))
        {
            await outbox.EnqueueAsync(new Email(r.Email!, r.Language, first ? "agenda-published" : "agenda-changed", new Dictionary<string, object?>
            {
                ["name"] = r.DisplayName,
                ["firm"] = r.Firm,
                ["forum"] = forum.Name,
                ["venue"] = forum.Venue,
                ["link"] = urls.Page("/Forums/Agenda", new { id = forum.Id, companyId = r.CompanyId }),
            }), cancellationToken);
        }
    }
}

public sealed record CounterpartDto(Guid Id, string Name, string Country, string Region, string Summary, IReadOnlyList<DelegateDto> Delegates);

public sealed record AgendaItemDto(
    Guid MeetingId, DateTime StartsAt, DateTime EndsAt, int Day, int Slot, string ForumTime, string LocalTime, string LocalDate,
    CounterpartDto Counterpart, string Table, string? Interpreter, int Sequence);

public sealed record AgendaDto(
    Guid ForumId, string Forum, string Venue, string ForumTimeZone, Guid CompanyId, string Company, string TimeZone, string Status,
    DateTime? PublishedAt, IReadOnlyList<AgendaItemDto> Items);

/// <summary>A firm's published meetings at a forum, in UTC with the forum's and the firm's local times.</summary>
[Authorize]
public sealed record GetAgenda(Guid ForumId, Guid CompanyId) : IQuery<AgendaDto>, IReadsForumFirm;

internal sealed class GetAgendaHandler(AppDbContext db) : IRequestHandler<GetAgenda, AgendaDto>
{
    public async Task<AgendaDto> Handle(GetAgenda request, CancellationToken cancellationToken)
    {
        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CompanyId, cancellationToken) ?? throw new NotFoundException("The firm");
        var registration = await db.ForumRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.ForumId == forum.Id && r.CompanyId == company.Id, cancellationToken);
        var zoneId = registration?.TimeZone ?? RegisterForForumHandler.DefaultZone(company.Country);
        var meetings = await db.PublishedMeetings.AsNoTracking()
            .Where(m => m.ForumId == forum.Id && !m.Cancelled && (m.FirstCompanyId == company.Id || m.SecondCompanyId == company.Id))
            .OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        var others = meetings.Select(m => m.Other(company.Id)).ToList();
        var firms = await db.Companies.AsNoTracking().Where(c => others.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var delegates = await db.ForumRegistrations.AsNoTracking().Include(r => r.Delegates).Where(r => r.ForumId == forum.Id && others.Contains(r.CompanyId))
            .ToDictionaryAsync(r => r.CompanyId, r => r.Delegates.Select(d => new DelegateDto(d.Name, d.Languages, d.Remote)).ToList(), cancellationToken);
        var forumZone = forum.Zone();
        var ownZone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var items = meetings.Select(m =>
        {
            var other = firms[m.Other(company.Id)];
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.StartsAt, DateTimeKind.Utc), ownZone);
            var localEnd = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.EndsAt, DateTimeKind.Utc), ownZone);
            var atForum = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.StartsAt, DateTimeKind.Utc), forumZone);
            var atForumEnd = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.EndsAt, DateTimeKind.Utc), forumZone);
            return new AgendaItemDto(
                m.Id, DateTime.SpecifyKind(m.StartsAt, DateTimeKind.Utc), DateTime.SpecifyKind(m.EndsAt, DateTimeKind.Utc), m.Day, m.Slot,
                $"{atForum:HH:mm}–{atForumEnd:HH:mm}", $"{local:HH:mm}–{localEnd:HH:mm}", $"{local:yyyy-MM-dd}",
                new CounterpartDto(other.Id, other.Name, other.Country, other.Region, Summary(other.Description), delegates.GetValueOrDefault(other.Id) ?? []),
                m.Table, m.Interpreter, m.Sequence);
        }).ToList();
        return new AgendaDto(forum.Id, forum.Name, forum.Venue, forum.TimeZone, company.Id, company.Name, zoneId, forum.Status.ToString(),
            forum.PublishedAt is { } p ? DateTime.SpecifyKind(p, DateTimeKind.Utc) : null, items);
    }

    private static string Summary(string description) =>
        description.Length <= 240 ? description : description[..description[..240].LastIndexOf(' ')] + "…";
}

/// <summary>A firm's published meetings as iCalendar, cancelled ones included so calendars remove them.</summary>
[Authorize]
public sealed record GetAgendaCalendar(Guid ForumId, Guid CompanyId) : IQuery<string>, IReadsForumFirm;

internal sealed class GetAgendaCalendarHandler(AppDbContext db) : IRequestHandler<GetAgendaCalendar, string>
{
    public Task<string> Handle(GetAgendaCalendar request, CancellationToken cancellationToken) =>
        AgendaCalendar.BuildAsync(db, request.CompanyId, request.ForumId, cancellationToken);
}

internal static class AgendaCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Every published meeting of the firm (at one forum, or at all when <paramref name="forumId"/> is null).</summary>
    public static async Task<string> BuildAsync(AppDbContext db, Guid companyId, Guid? forumId, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken)
            ?? throw new NotFoundException("The firm");
        var meetings = await db.PublishedMeetings.AsNoTracking()
            .Where(m => (forumId == null || m.ForumId == forumId) && (m.FirstCompanyId == companyId || m.SecondCompanyId == companyId))
            .OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        var forumIds = meetings.Select(m => m.ForumId).Distinct().ToList();
        var forums = await db.Forums.AsNoTracking().Where(f => forumIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        var others = meetings.Select(m => m.Other(companyId)).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => others.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        var calendar = new Ical.Net.Calendar { ProductId = "-//CanadaKoreaMatch//Forum agendas//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", $"{company.Name}: forum meetings");
        foreach (var zone in forums.Values.Select(f => f.TimeZone).Distinct(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(zone);
        }

        foreach (var m in meetings)
        {
            var forum = forums[m.ForumId];
            var zone = forum.Zone();
            var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.StartsAt, DateTimeKind.Utc), zone);
            var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(m.EndsAt, DateTimeKind.Utc), zone);
            var other = names[m.Other(companyId)];
            var details = new StringBuilder($"{forum.Name}. {other}, {m.Table}");
            if (m.Interpreter is not null)
            {
                details.Append(", ").Append(m.Interpreter);
            }

            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{m.Id:N}@canadakoreamatch",
                Sequence = m.Sequence,
                DtStamp = new CalDateTime(DateTime.SpecifyKind(m.ChangedAt, DateTimeKind.Utc), "UTC", true),
                DtStart = new CalDateTime(DateOnly.FromDateTime(start), TimeOnly.FromDateTime(start), forum.TimeZone),
                DtEnd = new CalDateTime(DateOnly.FromDateTime(end), TimeOnly.FromDateTime(end), forum.TimeZone),
                Summary = $"{company.Name} – {other}",
                Location = string.IsNullOrEmpty(forum.Venue) ? m.Table : $"{m.Table}, {forum.Venue}",
                Description = details.ToString(),
                Status = m.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

public sealed record CalendarSubscriptionDto(bool Active, DateTime? CreatedAt, string? Url);

/// <summary>Whether the firm has a live calendar feed.</summary>
[Authorize]
public sealed record GetCalendarSubscription(Guid CompanyId) : IQuery<CalendarSubscriptionDto>, IEditsCompany;

internal sealed class GetCalendarSubscriptionHandler(AppDbContext db) : IRequestHandler<GetCalendarSubscription, CalendarSubscriptionDto>
{
    public async Task<CalendarSubscriptionDto> Handle(GetCalendarSubscription request, CancellationToken cancellationToken)
    {
        var active = await db.CalendarSubscriptions.AsNoTracking().Where(s => s.CompanyId == request.CompanyId && s.RevokedAt == null)
            .OrderByDescending(s => s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new CalendarSubscriptionDto(active is not null, active is null ? null : DateTime.SpecifyKind(active.CreatedAt, DateTimeKind.Utc), null);
    }
}

/// <summary>
/// Issues a new secret calendar URL for the firm (the previous one stops working). The URL is shown once: only its hash is kept.
/// </summary>
[Authorize]
public sealed record CreateCalendarSubscription(Guid CompanyId) : ICommand<CalendarSubscriptionDto>, IEditsCompany;

internal sealed class CreateCalendarSubscriptionHandler(AppDbContext db, PublicUrls urls, TimeProvider clock) : IRequestHandler<CreateCalendarSubscription, CalendarSubscriptionDto>
{
    public async Task<CalendarSubscriptionDto> Handle(CreateCalendarSubscription request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await CalendarTokens.RevokeAsync(db, request.CompanyId, now, cancellationToken);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.CalendarSubscriptions.Add(new CalendarSubscription { Id = Guid.NewGuid(), CompanyId = request.CompanyId, TokenHash = CalendarTokens.Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarSubscriptionDto(true, DateTime.SpecifyKind(now, DateTimeKind.Utc), new Uri(urls.BaseUrl, $"/calendar/{token}.ics").ToString());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Ends the firm's calendar feed at once.</summary>
[Authorize]
public sealed record RevokeCalendarSubscription(Guid CompanyId) : ICommand<CalendarSubscriptionDto>, IEditsCompany;

internal sealed class RevokeCalendarSubscriptionHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<RevokeCalendarSubscription, CalendarSubscriptionDto>
{
    public async Task<CalendarSubscriptionDto> Handle(RevokeCalendarSubscription request, CancellationToken cancellationToken)
    {
        await CalendarTokens.RevokeAsync(db, request.CompanyId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarSubscriptionDto(false, null, null);
    }
}

/// <summary>The feed behind a secret URL, for calendar applications (no sign-in): null when the token is unknown or revoked.</summary>
public sealed record GetSubscribedCalendar(string Token) : IQuery<string?>;

internal sealed class GetSubscribedCalendarHandler(AppDbContext db) : IRequestHandler<GetSubscribedCalendar, string?>
{
    public async Task<string?> Handle(GetSubscribedCalendar request, CancellationToken cancellationToken)
    {
        var hash = CalendarTokens.Hash(request.Token);
        var companyId = await db.CalendarSubscriptions.AsNoTracking().Where(s => s.TokenHash == hash && s.RevokedAt == null)
            .Select(s => (Guid?)s.CompanyId).SingleOrDefaultAsync(cancellationToken);
        return companyId is { } id ? await AgendaCalendar.BuildAsync(db, id, null, cancellationToken) : null;
    }
}

internal static class CalendarTokens
{
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static Task RevokeAsync(AppDbContext db, Guid companyId, DateTime now, CancellationToken cancellationToken) =>
        RevokeAsync(db, [companyId], now, cancellationToken);

    /// <summary>
    /// A person no longer acts for the firms they represent (removed, role withdrawn, account disabled): the calendar addresses
    /// of those firms end, since the person may have kept one. The firm's representatives make a new one.
    /// </summary>
    public static async Task RevokeForFirmsOfAsync(AppDbContext db, string userId, DateTime now, CancellationToken cancellationToken) =>
        await RevokeAsync(db, await db.CompanyMembers.Where(m => m.UserId == userId).Select(m => m.CompanyId).ToListAsync(cancellationToken), now, cancellationToken);

    private static async Task RevokeAsync(AppDbContext db, List<Guid> companyIds, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var s in await db.CalendarSubscriptions.Where(s => companyIds.Contains(s.CompanyId) && s.RevokedAt == null).ToListAsync(cancellationToken))
        {
            s.RevokedAt = now;
        }
    }
}
