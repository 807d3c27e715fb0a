using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Forums;

public sealed record ForumSummary(Guid Id, string Name, string Venue, string TimeZone, string Status, DateOnly? FirstDay, DateOnly? LastDay, int Registrations);

public sealed record ForumList(IReadOnlyList<ForumSummary> Items, int Total);

public sealed record SlotDto(int Day, int Slot, string Start, string End, DateTime StartsAt, DateTime EndsAt, int Session);

public sealed record ForumDayDto(DateOnly Date, string Start, string End, int SlotMinutes, IReadOnlyList<string> Breaks, IReadOnlyList<SlotDto> Slots);

public sealed record InterpreterDto(int Id, string Name, IReadOnlyList<string> Pairs);

public sealed record ForumDto(
    Guid Id, string Name, string Venue, string TimeZone, string Status, DateOnly RegistrationOpens, DateOnly RegistrationCloses,
    DateTime RequestDeadline, IReadOnlyList<ForumDayDto> Days, IReadOnlyList<string> Tables, IReadOnlyList<InterpreterDto> Interpreters,
    int Registrations, int Requests, int Revision, DateTime? PublishedAt, bool IsOrganiser, IReadOnlyList<string> NextStatuses, Guid Version);

/// <summary>Forums the caller may see, newest first.</summary>
[Authorize]
public sealed record ListForums(ForumStatus? Status = null) : IQuery<ForumList>;

internal sealed class ListForumsHandler(AppDbContext db, ForumAccess access) : IRequestHandler<ListForums, ForumList>
{
    public async Task<ForumList> Handle(ListForums request, CancellationToken cancellationToken)
    {
        var query = access.Visible(db.Forums.AsNoTracking());
        if (request.Status is { } status)
        {
            query = query.Where(f => f.Status == status);
        }

        var rows = await query.Select(f => new
        {
            f.Id, f.Name, f.Venue, f.TimeZone, f.Status, f.CreatedAt,
            First = f.Days.Min(d => (DateOnly?)d.Date), Last = f.Days.Max(d => (DateOnly?)d.Date),
            Registrations = db.ForumRegistrations.Count(r => r.ForumId == f.Id),
        }).ToListAsync(cancellationToken);
        var items = rows.OrderByDescending(f => f.First).ThenByDescending(f => f.CreatedAt)
            .Select(f => new ForumSummary(f.Id, f.Name, f.Venue, f.TimeZone, f.Status.ToString(), f.First, f.Last, f.Registrations)).ToList();
        return new ForumList(items, items.Count);
    }
}

/// <summary>One forum with its grid (local times and UTC instants), tables and interpreters.</summary>
[Authorize]
public sealed record GetForum(Guid ForumId) : IQuery<ForumDto>, IViewsForum;

internal sealed class GetForumHandler(AppDbContext db, ForumAccess access) : IRequestHandler<GetForum, ForumDto>
{
    public async Task<ForumDto> Handle(GetForum request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        var registrations = await db.ForumRegistrations.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        var requests = await db.MeetingRequests.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        var organises = await access.OrganisesAsync(forum.Id, cancellationToken);
        return ForumDtos.From(forum, registrations, requests, organises);
    }
}

internal static class ForumLoader
{
    public static async Task<Forum> LoadAsync(AppDbContext db, Guid forumId, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Forums.Include(f => f.Days).Include(f => f.Interpreters).Include(f => f.Organisers).AsSplitQuery();
        return await (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(f => f.Id == forumId, cancellationToken)
            ?? throw new NotFoundException("The forum");
    }
}

internal static class ForumDtos
{
    public static ForumDto From(Forum forum, int registrations, int requests, bool organises)
    {
        var zone = forum.Zone();
        var grid = forum.Grid();
        var days = forum.Days.OrderBy(d => d.Date).Select((d, i) => new ForumDayDto(
            d.Date, d.Start.ToString("HH:mm"), d.End.ToString("HH:mm"), d.SlotMinutes, d.Breaks,
            grid.Days[i].Select(s => Slot(s, zone)).ToList())).ToList();
        return new ForumDto(
            forum.Id, forum.Name, forum.Venue, forum.TimeZone, forum.Status.ToString(), forum.RegistrationOpens, forum.RegistrationCloses,
            DateTime.SpecifyKind(forum.RequestDeadline, DateTimeKind.Utc), days, forum.Tables,
            forum.Interpreters.OrderBy(i => i.Id).Select(i => new InterpreterDto(i.Id, i.Name, i.Pairs)).ToList(),
            registrations, requests, forum.Revision, forum.PublishedAt is { } p ? DateTime.SpecifyKind(p, DateTimeKind.Utc) : null, organises,
            organises ? ForumWorkflow.Next(forum.Status).Select(s => s.ToString()).ToList() : [], forum.Version);
    }

    public static SlotDto Slot(GridSlot s, TimeZoneInfo zone) => new(
        s.Day, s.Slot, s.Start.ToString("HH:mm"), s.End.ToString("HH:mm"),
        ForumGrid.ToUtc(s.Date, s.Start, zone), ForumGrid.ToUtc(s.Date, s.End, zone), s.Session);
}

/// <summary>
/// A forum organiser (or administrator) creates a forum, from a full definition or from a template; they become its organiser.
/// </summary>
[Authorize(Roles.ForumOrganiser, Roles.Administrator)]
public sealed record CreateForum(ForumInput? Definition, string? Template = null, string? Name = null, DateOnly? StartDate = null) : ICommand<ForumDto>;

internal sealed class CreateForumValidator : AbstractValidator<CreateForum>
{
    private static readonly DateOnly FirstDayFrom = new(2000, 1, 1);
    private static readonly DateOnly FirstDayTo = new(2099, 12, 31);

    public CreateForumValidator(TimeProvider clock)
    {
        RuleFor(c => c.Template).Must(t => ForumTemplates.Names.Contains(t!))
            .WithRefusal("Unknown template: use {0}.", _ => string.Join(", ", ForumTemplates.Names)).When(c => c.Template is not null);
        RuleFor(c => c.StartDate).NotNull().WithMessage("Give the forum's first day.")
            .InclusiveBetween(FirstDayFrom, FirstDayTo).WithMessage("Give a first day in the years 2000 to 2099.").When(c => c.Template is not null);
        RuleFor(c => c.StartDate)
            .Must((c, start) => ForumInputValidator.StartsAt(ForumTemplates.Build(c.Template!, null, start!.Value)!) > clock.GetUtcNow().UtcDateTime)
            .WithMessage("The forum cannot start in the past: choose a first day still to come.")
            .When(c => c.Template is not null && ForumTemplates.Names.Contains(c.Template) && c.StartDate >= FirstDayFrom && c.StartDate <= FirstDayTo);
        RuleFor(c => c.Definition).NotNull().WithMessage("Send a full definition or a template.").When(c => c.Template is null);
        // The definition is the request body itself: its errors name the body's fields ("timeZone", "days[0].breaks"), without a prefix.
        RuleFor(c => c.Definition!).Custom((definition, context) =>
        {
            foreach (var failure in new ForumInputValidator().Validate(definition).Errors
                .Concat(ForumDaysInThePast.Check(definition, [], clock.GetUtcNow().UtcDateTime, fieldPrefix: "")))
            {
                context.AddFailure(failure);
            }
        }).When(c => c.Definition is not null && c.Template is null);
        RuleFor(c => c.Name).MaximumLength(Forum.NameMaxLength);
    }
}

internal sealed class CreateForumHandler(AppDbContext db, ICurrentUser user, ForumAccess access, TimeProvider clock) : IRequestHandler<CreateForum, ForumDto>
{
    public async Task<ForumDto> Handle(CreateForum request, CancellationToken cancellationToken)
    {
        var input = request.Template is { } template
            ? ForumTemplates.Build(template, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name, request.StartDate!.Value)!
            : request.Definition!;
        var now = clock.GetUtcNow().UtcDateTime;
        var forum = new Forum { Id = Guid.NewGuid(), Status = ForumStatus.Draft, CreatedAt = now };
        forum.Apply(input, now);
        forum.Organisers.Add(new ForumOrganiser { UserId = user.RequireUserId() });
        db.Forums.Add(forum);
        await db.SaveChangesAsync(cancellationToken);
        return ForumDtos.From(forum, 0, 0, await access.OrganisesAsync(forum.Id, cancellationToken));
    }
}

/// <summary>
/// Changes a forum's definition. The grid and its time zone may not change once meetings are scheduled in it; a day added or moved must still be to
/// come, while the days a forum keeps may have passed (a forum that took place can still be corrected).
/// </summary>
[Authorize]
public sealed record UpdateForum(Guid ForumId, ForumInput Definition, Guid? Version = null) : ICommand<ForumDto>, IOrganisesForum;

internal sealed class UpdateForumValidator : AbstractValidator<UpdateForum>
{
    public UpdateForumValidator(AppDbContext db, TimeProvider clock)
    {
        RuleFor(c => c.Definition).SetValidator(new ForumInputValidator());
        RuleFor(c => c.Definition).CustomAsync(async (definition, context, ct) =>
        {
            var kept = await db.ForumDays.Where(d => d.ForumId == context.InstanceToValidate.ForumId).Select(d => new { d.Date, d.Start }).ToListAsync(ct);
            foreach (var failure in ForumDaysInThePast.Check(definition, kept.Select(d => (d.Date, d.Start)).ToList(), clock.GetUtcNow().UtcDateTime, fieldPrefix: "Definition."))
            {
                context.AddFailure(failure);
            }
        });
    }
}

internal sealed class UpdateForumHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<UpdateForum, ForumDto>
{
    public async Task<ForumDto> Handle(UpdateForum request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: true, cancellationToken);
        if (request.Version is { } version && version != forum.Version)
        {
            throw new ConflictException("Someone else changed this forum since you loaded it. Reload it and apply your change again.");
        }

        if (forum.Status == ForumStatus.Closed)
        {
            throw new ConflictException("The forum is closed.");
        }

        var zoneBefore = forum.TimeZone;
        var gridBefore = forum.Grid().All.Select(s => (s.Day, s.Slot, s.Date, s.Start)).ToList();
        var tablesBefore = forum.Tables.ToList();
        var interpretersBefore = forum.Interpreters.Select(i => (i.Name, string.Join(',', i.Pairs))).ToList();
        var scheduled = await db.ForumMeetings.AnyAsync(m => m.ForumId == forum.Id, cancellationToken)
            || await db.PublishedMeetings.AnyAsync(m => m.ForumId == forum.Id, cancellationToken);
        forum.Apply(request.Definition, clock.GetUtcNow().UtcDateTime);
        if (scheduled && (!gridBefore.SequenceEqual(forum.Grid().All.Select(s => (s.Day, s.Slot, s.Date, s.Start)))
            || !tablesBefore.SequenceEqual(forum.Tables)
            || !interpretersBefore.SequenceEqual(forum.Interpreters.Select(i => (i.Name, string.Join(',', i.Pairs))))))
        {
            throw InputException.For("days", "Meetings are already scheduled in this grid: the days, slots, tables and interpreters can no longer change. Clear the timetable first.");
        }

        if (scheduled && forum.TimeZone != zoneBefore)
        {
            throw InputException.For("definition.timeZone", "Meetings are already scheduled: the forum's time zone can no longer change, since every meeting would move. Clear the timetable first.");
        }

        await db.SaveChangesAsync(cancellationToken);
        var registrations = await db.ForumRegistrations.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        var requests = await db.MeetingRequests.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        return ForumDtos.From(forum, registrations, requests, organises: true);
    }
}

/// <summary>Moves a forum along draft → open → scheduling (→ published by publishing) → closed.</summary>
[Authorize]
public sealed record ChangeForumStatus(Guid ForumId, ForumStatus To) : ICommand<ForumDto>, IOrganisesForum;

internal sealed class ChangeForumStatusHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<ChangeForumStatus, ForumDto>
{
    public async Task<ForumDto> Handle(ChangeForumStatus request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: true, cancellationToken);
        if (request.To == ForumStatus.Published)
        {
            throw new ConflictException("Publish the timetable to publish the forum.");
        }

        if (!ForumWorkflow.CanMove(forum.Status, request.To))
        {
            throw new ConflictException("A forum cannot go from {0} to {1}.", Term.Of("forum.", forum.Status), Term.Of("forum.", request.To));
        }

        if (request.To == ForumStatus.Draft && await db.ForumRegistrations.AnyAsync(r => r.ForumId == forum.Id, cancellationToken))
        {
            throw new ConflictException("Firms have registered: the forum cannot go back to draft.");
        }

        forum.Status = request.To;
        forum.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var registrations = await db.ForumRegistrations.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        var requests = await db.MeetingRequests.CountAsync(r => r.ForumId == forum.Id, cancellationToken);
        return ForumDtos.From(forum, registrations, requests, organises: true);
    }
}
