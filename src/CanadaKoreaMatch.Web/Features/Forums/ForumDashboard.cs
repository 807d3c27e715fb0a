using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Forums;

public sealed record FirmMeetingsDto(Guid CompanyId, string Name, string Country, int Meetings, int AcceptedRequests);

public sealed record ForumDashboardDto(
    Guid ForumId, string Forum, string Status, int Registrations, int CanadianFirms, int KoreanFirms,
    int RequestsSent, int Accepted, int Declined, int Unanswered, int AcceptedScheduled, double? ShareScheduled,
    int Meetings, IReadOnlyList<FirmMeetingsDto> MeetingsPerFirm, IReadOnlyList<InterpreterLoadDto> Interpreters,
    FollowUps.ForumFollowUpFiguresDto? AfterTheMeetings);

/// <summary>The organisers' figures: registrations, the fate of requests, how much of the accepted demand the timetable meets, and once meetings have started, feedback, no-shows and outcomes.</summary>
[Authorize]
public sealed record GetForumDashboard(Guid ForumId) : IQuery<ForumDashboardDto>, IOrganisesForum;

internal sealed class GetForumDashboardHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<GetForumDashboard, ForumDashboardDto>
{
    public async Task<ForumDashboardDto> Handle(GetForumDashboard request, CancellationToken cancellationToken)
    {
        var forum = await ForumLoader.LoadAsync(db, request.ForumId, tracking: false, cancellationToken);
        var firms = await db.ForumRegistrations.AsNoTracking().Where(r => r.ForumId == forum.Id)
            .Join(db.Companies, r => r.CompanyId, c => c.Id, (r, c) => new { c.Id, c.Name, c.Country }).ToListAsync(cancellationToken);
        var requests = await db.MeetingRequests.AsNoTracking().Where(r => r.ForumId == forum.Id)
            .Select(r => new { r.Id, r.Status, r.FromCompanyId, r.ToCompanyId }).ToListAsync(cancellationToken);
        var meetings = await db.ForumMeetings.AsNoTracking().Where(m => m.ForumId == forum.Id).Select(m => new { m.Id, m.InterpreterId }).ToListAsync(cancellationToken);
        var scheduled = meetings.Select(m => m.Id).ToHashSet();
        var accepted = requests.Where(r => r.Status == MeetingRequestStatus.Accepted).ToList();
        var acceptedScheduled = accepted.Count(r => scheduled.Contains(r.Id));
        var perFirm = firms.Select(f => new FirmMeetingsDto(f.Id, f.Name, f.Country,
                accepted.Count(r => scheduled.Contains(r.Id) && (r.FromCompanyId == f.Id || r.ToCompanyId == f.Id)),
                accepted.Count(r => r.FromCompanyId == f.Id || r.ToCompanyId == f.Id)))
            .OrderByDescending(f => f.Meetings).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var slots = forum.Grid().SlotCount;
        var after = (await FollowUps.ForumFollowUpFigures.ComputeAsync(db, clock.GetUtcNow().UtcDateTime, forum.Id, cancellationToken)).SingleOrDefault();
        return new ForumDashboardDto(
            forum.Id, forum.Name, forum.Status.ToString(), firms.Count, firms.Count(f => f.Country == Countries.Canada), firms.Count(f => f.Country == Countries.Korea),
            requests.Count, accepted.Count, requests.Count(r => r.Status == MeetingRequestStatus.Declined), requests.Count(r => r.Status == MeetingRequestStatus.Pending),
            acceptedScheduled, accepted.Count == 0 ? null : Math.Round((double)acceptedScheduled / accepted.Count, 4), meetings.Count, perFirm,
            forum.Interpreters.OrderBy(i => i.Id).Select(i => new InterpreterLoadDto(i.Id, i.Name, i.Pairs, meetings.Count(m => m.InterpreterId == i.Id), slots)).ToList(), after);
    }
}
