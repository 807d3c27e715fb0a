using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Forums;

public sealed record FirmRef(Guid Id, string Name, string Country);

public sealed record MeetingRequestDto(
    Guid Id, Guid ForumId, FirmRef From, FirmRef To, string Priority, string? CounterPriority, string Status, bool Mutual,
    bool AddedByOfficial, int Weight, string? Message, DateTime CreatedAt, DateTime? RespondedAt, Guid Version);

public sealed record MeetingRequestList(IReadOnlyList<MeetingRequestDto> Items, int Total);

/// <summary>
/// A representative asks another registered firm for a meeting. If that firm already asked for the same meeting, the two
/// requests become one mutual, accepted request.
/// </summary>
[Authorize]
public sealed record SendMeetingRequest(Guid ForumId, Guid FromCompanyId, Guid ToCompanyId, MeetingPriority Priority, string? Message = null)
    : ICommand<MeetingRequestDto>, IEditsCompany, IViewsForum
{
    public Guid CompanyId => FromCompanyId;
}

internal sealed class SendMeetingRequestValidator : AbstractValidator<SendMeetingRequest>
{
    public SendMeetingRequestValidator()
    {
        RuleFor(r => r.Priority).IsInEnum();
        RuleFor(r => r.Message).MaximumLength(MeetingRequest.MessageMaxLength);
        RuleFor(r => r.ToCompanyId).NotEqual(r => r.FromCompanyId).WithMessage("A firm cannot ask itself for a meeting.");
    }
}

internal sealed class SendMeetingRequestHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<SendMeetingRequest, MeetingRequestDto>
{
    public async Task<MeetingRequestDto> Handle(SendMeetingRequest request, CancellationToken cancellationToken)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == request.FromCompanyId && c.VerifiedAt != null, cancellationToken))
        {
            throw new ConflictException(Matches.UnverifiedFirm.CannotRequestMeetings);
        }

        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        MeetingRules.EnsureRequestsOpen(forum, now);
        var registered = await db.ForumRegistrations.Where(r => r.ForumId == forum.Id && (r.CompanyId == request.FromCompanyId || r.CompanyId == request.ToCompanyId))
            .Select(r => r.CompanyId).ToListAsync(cancellationToken);
        if (!registered.Contains(request.FromCompanyId))
        {
            throw InputException.For("fromCompanyId", "Register your firm for this forum before asking for meetings.");
        }

        var firms = await db.Companies.AsNoTracking().Where(c => c.Id == request.FromCompanyId || c.Id == request.ToCompanyId)
            .Select(c => new { c.Id, c.Country, Verified = c.VerifiedAt != null }).ToListAsync(cancellationToken);
        var to = firms.SingleOrDefault(f => f.Id == request.ToCompanyId && f.Verified);
        if (to is null || !registered.Contains(request.ToCompanyId))
        {
            throw InputException.For("toCompanyId", "That firm is not registered for this forum.");
        }

        if (to.Country == firms.Single(f => f.Id == request.FromCompanyId).Country)
        {
            throw InputException.For("toCompanyId", "Meetings at this forum pair a Canadian firm with a Korean firm.");
        }

        if (await MeetingRules.SetAsideAsync(db, request.FromCompanyId, request.ToCompanyId, cancellationToken))
        {
            throw new ConflictException("Your firm set this firm aside: take it back under \"Firms set aside\" to ask for a meeting.");
        }

        // The asking firm is not told that the other set it aside: its request waits unanswered, and the other firm is not shown it.
        var setAsideByThem = await MeetingRules.SetAsideAsync(db, request.ToCompanyId, request.FromCompanyId, cancellationToken);
        await RecordLocks.LockAsync(db, cancellationToken, "meeting-request", forum.Id, RecordLocks.Pair(request.FromCompanyId, request.ToCompanyId));
        var existing = await db.MeetingRequests.Where(r => r.ForumId == forum.Id
                && ((r.FromCompanyId == request.FromCompanyId && r.ToCompanyId == request.ToCompanyId) || (r.FromCompanyId == request.ToCompanyId && r.ToCompanyId == request.FromCompanyId)))
            .SingleOrDefaultAsync(cancellationToken);
        MeetingRequest meeting;
        if (existing is null || existing.Status == MeetingRequestStatus.Cancelled)
        {
            // A withdrawn or cancelled request of the pair is asked again as new: one record per pair and forum, so a meeting
            // published before keeps its identity in the firms' calendars.
            meeting = existing ?? db.MeetingRequests.Add(new MeetingRequest { Id = Guid.NewGuid(), ForumId = forum.Id }).Entity;
            (meeting.FromCompanyId, meeting.ToCompanyId, meeting.Priority, meeting.CounterPriority, meeting.Status, meeting.AddedByOfficial) =
                (request.FromCompanyId, request.ToCompanyId, request.Priority, null, MeetingRequestStatus.Pending, false);
            (meeting.CreatedAt, meeting.CreatedByUserId, meeting.RespondedAt) = (now, user.RequireUserId(), null);
            meeting.Message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim();
            if (!setAsideByThem)
            {
                await MeetingRequestNotices.PlanAsync(db, meeting, now, cancellationToken);
            }
        }
        else if (existing.FromCompanyId == request.FromCompanyId || existing.Status != MeetingRequestStatus.Pending)
        {
            throw new ConflictException(existing.Status switch
            {
                MeetingRequestStatus.Declined when existing.ToCompanyId == request.FromCompanyId => "Your firm declined this firm's request for a meeting.",
                MeetingRequestStatus.Declined => "This firm declined a meeting with your firm.",
                MeetingRequestStatus.Accepted => "These two firms have already agreed to meet.",
                _ => "Your firm has already asked this firm for a meeting.",
            });
        }
        else
        {
            meeting = existing;
            meeting.CounterPriority = request.Priority;
            meeting.Status = MeetingRequestStatus.Accepted;
            meeting.RespondedAt = now;
            await MeetingRequestNotices.PlanAsync(db, meeting, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (await MeetingRequestQueries.LoadAsync(db, forum.Id, [meeting.Id], cancellationToken)).Single();
    }
}

/// <summary>The requested firm accepts or declines, before the deadline.</summary>
[Authorize]
public sealed record RespondToMeetingRequest(Guid ForumId, Guid RequestId, bool Accept) : ICommand<MeetingRequestDto>, IViewsForum;

internal sealed class RespondToMeetingRequestHandler(AppDbContext db, ICurrentUser user, CompanyAccess companies, ForumAccess forums, TimeProvider clock)
    : IRequestHandler<RespondToMeetingRequest, MeetingRequestDto>
{
    public async Task<MeetingRequestDto> Handle(RespondToMeetingRequest request, CancellationToken cancellationToken)
    {
        var meeting = await db.MeetingRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId && r.ForumId == request.ForumId, cancellationToken)
            ?? throw new NotFoundException("The meeting request");
        if (!user.IsInRole(Roles.Administrator) && !await companies.IsMemberAsync(meeting.ToCompanyId, cancellationToken))
        {
            // Those who see the request (the asking firm, officials, the forum's organisers) are told why; to others it does not exist.
            if (await companies.IsMemberAsync(meeting.FromCompanyId, cancellationToken) || user.IsOfficialOrAdministrator()
                || await forums.OrganisesAsync(request.ForumId, cancellationToken))
            {
                throw new ForbiddenException("Only the requested firm answers a meeting request.");
            }

            throw new NotFoundException("The meeting request");
        }

        var verified = await db.Companies.Where(c => (c.Id == meeting.FromCompanyId || c.Id == meeting.ToCompanyId) && c.VerifiedAt != null)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        if (!verified.Contains(meeting.FromCompanyId))
        {
            // The asking firm's verification was withdrawn: it has left the other firms' lists, and its requests with it.
            throw new NotFoundException("The meeting request");
        }

        if (request.Accept && !verified.Contains(meeting.ToCompanyId))
        {
            throw new ConflictException(Matches.UnverifiedFirm.CannotRequestMeetings);
        }

        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        MeetingRules.EnsureRequestsOpen(forum, now);
        if (meeting.Status != MeetingRequestStatus.Pending)
        {
            throw new ConflictException(meeting.Status switch
            {
                MeetingRequestStatus.Accepted => "This request has already been accepted.",
                MeetingRequestStatus.Cancelled => "The firm that asked withdrew this request.",
                _ => "This request has already been declined.",
            });
        }

        meeting.Status = request.Accept ? MeetingRequestStatus.Accepted : MeetingRequestStatus.Declined;
        meeting.RespondedAt = now;
        await MeetingRequestNotices.PlanAsync(db, meeting, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (await MeetingRequestQueries.LoadAsync(db, forum.Id, [meeting.Id], cancellationToken)).Single();
    }
}

/// <summary>
/// The asking firm withdraws a request not yet answered; either firm, or the forum's organisers, cancel an agreed meeting until it
/// starts. The meeting leaves the timetable at once, and, once published, the agendas and calendars too, with its reminders; the
/// other firm is told (both firms, when the organisers cancel).
/// </summary>
[Authorize]
public sealed record CancelMeeting(Guid ForumId, Guid RequestId) : ICommand<MeetingRequestDto>, IViewsForum;

internal sealed class CancelMeetingHandler(AppDbContext db, ICurrentUser user, CompanyAccess companies, ForumAccess forums, TimeProvider clock)
    : IRequestHandler<CancelMeeting, MeetingRequestDto>
{
    /// <summary>The occasion of the notices of a meeting the organisers cancelled: both firms are told it was the organisers.</summary>
    public const string ByOrganisers = "by-organisers";

    public async Task<MeetingRequestDto> Handle(CancelMeeting request, CancellationToken cancellationToken)
    {
        var meeting = await db.MeetingRequests.SingleOrDefaultAsync(r => r.Id == request.RequestId && r.ForumId == request.ForumId, cancellationToken)
            ?? throw new NotFoundException("The meeting request");
        var asker = await companies.IsMemberAsync(meeting.FromCompanyId, cancellationToken);
        var asked = await companies.IsMemberAsync(meeting.ToCompanyId, cancellationToken);
        var organiser = user.IsInRole(Roles.Administrator) || await forums.OrganisesAsync(request.ForumId, cancellationToken);
        if (!asker && !asked && !organiser)
        {
            if (user.IsOfficialOrAdministrator())
            {
                throw new ForbiddenException("Only the two firms and the forum's organisers cancel a meeting.");
            }

            throw new NotFoundException("The meeting request");
        }

        var forum = await db.Forums.SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (meeting.Status)
        {
            case MeetingRequestStatus.Pending when asker:
                break;
            case MeetingRequestStatus.Pending:
                throw new ConflictException(asked ? "Decline the request instead: it is not agreed yet." : "Only the firm that asked withdraws a request not yet answered.");
            case MeetingRequestStatus.Accepted:
                break;
            default:
                throw new ConflictException(meeting.Status == MeetingRequestStatus.Declined ? "This request was declined: there is no meeting to cancel." : "This meeting is already cancelled.");
        }

        if (forum.Status == ForumStatus.Closed)
        {
            throw new ConflictException("The forum is closed: its meetings are kept as they were.");
        }

        var published = await db.PublishedMeetings.SingleOrDefaultAsync(m => m.Id == meeting.Id && !m.Cancelled, cancellationToken);
        if (published is not null && published.StartsAt <= now)
        {
            throw new ConflictException("This meeting has already begun: say how it went in the feedback instead.");
        }

        await MoveMeetingHandler.EnsureNoRunAsync(db, forum.Id, cancellationToken);
        var wasAgreed = meeting.Status == MeetingRequestStatus.Accepted;
        meeting.Status = MeetingRequestStatus.Cancelled;
        await db.ForumMeetings.Where(m => m.Id == meeting.Id).ExecuteDeleteAsync(cancellationToken);
        await FollowUpPlanner.CancelAsync(db, [FollowUpKind.MeetingRequestReceived], meeting.Id, null, cancellationToken);
        if (published is not null)
        {
            published.Cancelled = true;
            published.Sequence++;
            published.ChangedAt = now;
        }

        if (wasAgreed)
        {
            var byOrganisers = !asker && !asked;
            var told = byOrganisers ? [meeting.FromCompanyId, meeting.ToCompanyId] : new[] { asker ? meeting.ToCompanyId : meeting.FromCompanyId };
            foreach (var firm in told)
            {
                var round = MeetingRequestNotices.Round(meeting);
                await FollowUpPlanner.NoticeAsync(db, FollowUpKind.MeetingCancelled, meeting.Id, firm, now, cancellationToken, byOrganisers ? $"{round}:{ByOrganisers}" : round);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (published is not null)
        {
            await FollowUpPlanner.SyncForumAsync(db, forum, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (await MeetingRequestQueries.LoadAsync(db, forum.Id, [meeting.Id], cancellationToken)).Single();
    }
}

/// <summary>A trade official adds a must-meet pair: accepted on both firms' behalf, and weighed highest by the scheduler.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record AddMustMeetPair(Guid ForumId, Guid FirstCompanyId, Guid SecondCompanyId, string? Message = null) : ICommand<MeetingRequestDto>, IViewsForum;

internal sealed class AddMustMeetPairValidator : AbstractValidator<AddMustMeetPair>
{
    public AddMustMeetPairValidator()
    {
        RuleFor(r => r.SecondCompanyId).NotEqual(r => r.FirstCompanyId).WithMessage("Choose two different firms.");
        RuleFor(r => r.Message).MaximumLength(MeetingRequest.MessageMaxLength);
    }
}

internal sealed class AddMustMeetPairHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddMustMeetPair, MeetingRequestDto>
{
    public async Task<MeetingRequestDto> Handle(AddMustMeetPair request, CancellationToken cancellationToken)
    {
        var forum = await db.Forums.AsNoTracking().SingleAsync(f => f.Id == request.ForumId, cancellationToken);
        if (forum.Status is ForumStatus.Draft or ForumStatus.Closed)
        {
            throw new ConflictException("Must-meet pairs are added while the forum is open or being scheduled.");
        }

        var firms = await db.ForumRegistrations.Where(r => r.ForumId == forum.Id && (r.CompanyId == request.FirstCompanyId || r.CompanyId == request.SecondCompanyId))
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new { c.Id, c.Country }).ToListAsync(cancellationToken);
        if (firms.Count != 2)
        {
            throw InputException.For(firms.Any(f => f.Id == request.FirstCompanyId) ? "secondCompanyId" : "firstCompanyId", "That firm is not registered for this forum.");
        }

        if (firms[0].Country == firms[1].Country)
        {
            throw InputException.For("secondCompanyId", "Meetings at this forum pair a Canadian firm with a Korean firm.");
        }

        await MeetingRules.EnsureNotExcludedAsync(db, request.FirstCompanyId, request.SecondCompanyId, cancellationToken);
        await RecordLocks.LockAsync(db, cancellationToken, "meeting-request", forum.Id, RecordLocks.Pair(request.FirstCompanyId, request.SecondCompanyId));
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.MeetingRequests.SingleOrDefaultAsync(r => r.ForumId == forum.Id
            && ((r.FromCompanyId == request.FirstCompanyId && r.ToCompanyId == request.SecondCompanyId) || (r.FromCompanyId == request.SecondCompanyId && r.ToCompanyId == request.FirstCompanyId)), cancellationToken);
        if (existing is { AddedByOfficial: true } && existing.Status != MeetingRequestStatus.Cancelled)
        {
            throw new ConflictException("This pair is already a must-meet pair.");
        }

        var meeting = existing ?? new MeetingRequest
        {
            Id = Guid.NewGuid(), ForumId = forum.Id, FromCompanyId = request.FirstCompanyId, ToCompanyId = request.SecondCompanyId,
            Priority = MeetingPriority.MustMeet, CreatedAt = now, CreatedByUserId = user.RequireUserId(),
        };
        if (existing?.Status == MeetingRequestStatus.Cancelled)
        {
            // Added again after a firm cancelled it: a new round, whose cancellation is told again.
            (meeting.CreatedAt, meeting.CreatedByUserId) = (now, user.RequireUserId());
        }

        meeting.AddedByOfficial = true;
        meeting.Status = MeetingRequestStatus.Accepted;
        meeting.RespondedAt = now;
        meeting.Message = string.IsNullOrWhiteSpace(request.Message) ? meeting.Message : request.Message.Trim();
        if (existing is null)
        {
            db.MeetingRequests.Add(meeting);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (await MeetingRequestQueries.LoadAsync(db, forum.Id, [meeting.Id], cancellationToken)).Single();
    }
}

/// <summary>A firm's requests (sent and received), or, for organisers and officials, all of the forum's.</summary>
[Authorize]
public sealed record ListMeetingRequests(Guid ForumId, Guid? CompanyId = null, MeetingRequestStatus? Status = null) : IQuery<MeetingRequestList>, IViewsForum;

internal sealed class ListMeetingRequestsHandler(AppDbContext db, ICurrentUser user, ForumAccess forums, CompanyAccess companies)
    : IRequestHandler<ListMeetingRequests, MeetingRequestList>
{
    public async Task<MeetingRequestList> Handle(ListMeetingRequests request, CancellationToken cancellationToken)
    {
        if (request.CompanyId is { } companyId)
        {
            await forums.EnsureCanReadFirmAsync(request.ForumId, companyId, companies, cancellationToken);
        }
        else if (!user.IsOfficialOrAdministrator() && !await forums.OrganisesAsync(request.ForumId, cancellationToken))
        {
            throw new ForbiddenException("Name your firm (companyId): only organisers and trade officials see every request.");
        }

        var query = db.MeetingRequests.AsNoTracking().Where(r => r.ForumId == request.ForumId);
        if (request.CompanyId is { } id)
        {
            query = query.Where(r => r.FromCompanyId == id || r.ToCompanyId == id);
            if (!user.IsOfficialOrAdministrator() && !await forums.OrganisesAsync(request.ForumId, cancellationToken))
            {
                // A firm whose verification was withdrawn has left the other firms' lists, and its unanswered requests with it;
                // the meetings agreed and requests declined before stay, as history.
                // Nor is the firm shown a request from a firm it set aside (the asking firm is not told).
                var verified = db.Companies.Where(c => c.VerifiedAt != null).Select(c => c.Id);
                var setAside = db.CompanyExclusions.Where(e => e.CompanyId == id).Select(e => e.ExcludedCompanyId);
                query = query.Where(r => r.Status != MeetingRequestStatus.Pending
                    || (r.FromCompanyId == id && verified.Contains(r.ToCompanyId))
                    || (r.ToCompanyId == id && verified.Contains(r.FromCompanyId) && !setAside.Contains(r.FromCompanyId)));
            }
        }

        if (request.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        var ids = await query.OrderByDescending(r => r.CreatedAt).Select(r => r.Id).ToListAsync(cancellationToken);
        var items = await MeetingRequestQueries.LoadAsync(db, request.ForumId, ids, cancellationToken);
        return new MeetingRequestList(items, items.Count);
    }
}

internal static class MeetingRules
{
    public static void EnsureRequestsOpen(Forum forum, DateTime now)
    {
        if (forum.Status != ForumStatus.Open)
        {
            throw new ConflictException("Meeting requests are sent and answered while the forum is open.");
        }

        if (now > forum.RequestDeadline)
        {
            throw new ConflictException("The deadline for meeting requests passed on {0:yyyy-MM-dd HH:mm} UTC.", forum.RequestDeadline);
        }
    }

    /// <summary>Whether <paramref name="firm"/> set <paramref name="other"/> aside ("not interested" or a named exclusion).</summary>
    public static Task<bool> SetAsideAsync(AppDbContext db, Guid firm, Guid other, CancellationToken cancellationToken) =>
        db.CompanyExclusions.AnyAsync(e => e.CompanyId == firm && e.ExcludedCompanyId == other, cancellationToken);

    public static async Task EnsureNotExcludedAsync(AppDbContext db, Guid a, Guid b, CancellationToken cancellationToken)
    {
        if (await db.CompanyExclusions.AnyAsync(e => (e.CompanyId == a && e.ExcludedCompanyId == b) || (e.CompanyId == b && e.ExcludedCompanyId == a), cancellationToken))
        {
            throw new ConflictException("One of the two firms has excluded the other.");
        }
    }
}

internal static class MeetingRequestQueries
{
    public static async Task<List<MeetingRequestDto>> LoadAsync(AppDbContext db, Guid forumId, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var requests = await db.MeetingRequests.AsNoTracking().Where(r => r.ForumId == forumId && ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var companyIds = requests.SelectMany(r => new[] { r.FromCompanyId, r.ToCompanyId }).Distinct().ToList();
        var firms = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new FirmRef(c.Id, c.Name, c.Country), cancellationToken);
        var approved = await ApprovedMatches.PairsAsync(db, companyIds, cancellationToken);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return requests.OrderBy(r => order[r.Id]).Select(r => new MeetingRequestDto(
            r.Id, r.ForumId, firms[r.FromCompanyId], firms[r.ToCompanyId], r.Priority.ToString(), r.CounterPriority?.ToString(), r.Status.ToString(),
            r.CounterPriority is not null, r.AddedByOfficial, MeetingWeights.Of(r, approved.Contains(ApprovedMatches.Key(r.FromCompanyId, r.ToCompanyId))),
            r.Message, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), r.RespondedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null, r.Version)).ToList();
    }
}

/// <summary>
/// Tells the firms about a request at once, through the follow-up dispatch (e-mail and notification centre): a new request
/// goes to the requested firm's representatives, an answer to the asking firm's. The notice is written when it is sent, from
/// the request as it then is: one answered meanwhile is not announced as waiting.
/// </summary>
internal static class MeetingRequestNotices
{
    public static async Task PlanAsync(AppDbContext db, MeetingRequest meeting, DateTime now, CancellationToken cancellationToken)
    {
        var (kind, firm) = meeting.Status == MeetingRequestStatus.Pending
            ? (FollowUpKind.MeetingRequestReceived, meeting.ToCompanyId)
            : (FollowUpKind.MeetingRequestAnswered, meeting.FromCompanyId);
        // Not filed under the forum: its organisers manage the forum's reminders and feedback requests, not the firms' exchanges.
        await FollowUpPlanner.NoticeAsync(db, kind, meeting.Id, firm, now, cancellationToken, Round(meeting));
    }

    /// <summary>A pair asked again after a cancellation is told again: its notices are keyed by when the request was made.</summary>
    public static string Round(MeetingRequest meeting) => meeting.CreatedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
