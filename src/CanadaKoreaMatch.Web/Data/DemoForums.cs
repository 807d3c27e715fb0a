using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using Microsoft.EntityFrameworkCore;
using Engine = CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>
/// Two demo forums: the Canada–Korea forum, published, in which every demo representative's firm has meetings, and CANSEC,
/// open for registration with a few firms already in.
/// </summary>
internal static class DemoForums
{
    private static readonly string[] KoreanOnly = ["Seonjin Precision", "Wavice", "Victek", "Daon Defence Simulation"];

    public static async Task SeedAsync(AppDbContext db, IReadOnlyList<Company> companies, string organiserId, DateTime now, CancellationToken cancellationToken)
    {
        var definitions = Definitions(now);
        var published = NewForum(definitions.Published, organiserId, now);
        published.Status = ForumStatus.Scheduling;
        var open = NewForum(definitions.Open, organiserId, now);
        open.Status = ForumStatus.Open;
        db.Forums.AddRange(published, open);

        foreach (var company in companies)
        {
            db.ForumRegistrations.Add(Registration(published, company, now));
        }

        var representedFirms = new[] { "Hanwha Ocean", "CAE", "Gastops" };
        foreach (var company in companies.Where(c => !representedFirms.Contains(c.Name)).Take(12))
        {
            db.ForumRegistrations.Add(Registration(open, company, now));
        }

        foreach (var request in Requests(published, companies, organiserId, now))
        {
            db.MeetingRequests.Add(request);
        }

        await db.SaveChangesAsync(cancellationToken);
        await ScheduleAndPublishAsync(db, published, now, cancellationToken);
    }

    /// <summary>
    /// The two forums' definitions, dated from <paramref name="now"/> so that they meet the rules an organiser's forum meets:
    /// the published forum in 45 days, its registration and requests closed; CANSEC next late May, at least a month away.
    /// </summary>
    internal static (ForumInput Published, ForumInput Open) Definitions(DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var published = ForumTemplates.Build("canada-korea", null, today.AddDays(45))! with
        {
            RegistrationOpens = today.AddDays(-60),
            RegistrationCloses = today.AddDays(-2),
            RequestDeadline = DateTime.SpecifyKind(now.AddDays(-1), DateTimeKind.Utc),
        };
        var open = ForumTemplates.Build("cansec", null, NextLateMay(today))! with { RegistrationOpens = today.AddDays(-7) };
        return (published, open);
    }

    private static Forum NewForum(ForumInput input, string organiserId, DateTime now)
    {
        var forum = new Forum { Id = Guid.NewGuid(), CreatedAt = now };
        forum.Apply(input, now);
        forum.Organisers.Add(new ForumOrganiser { UserId = organiserId });
        return forum;
    }

    /// <summary>The Wednesday on or before 27 May (CANSEC's usual week), this year's when it is at least a month away.</summary>
    private static DateOnly NextLateMay(DateOnly today)
    {
        var day = LateMay(today.Year);
        return day.DayNumber - today.DayNumber >= 30 ? day : LateMay(today.Year + 1);
    }

    private static DateOnly LateMay(int year)
    {
        var day = new DateOnly(year, 5, 27);
        while (day.DayOfWeek != DayOfWeek.Wednesday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private static ForumRegistration Registration(Forum forum, Company company, DateTime now)
    {
        var korean = company.Country == Countries.Korea;
        var languages = KoreanOnly.Contains(company.Name) ? ["ko"] : company.Languages.Select(l => l.ToLowerInvariant()).Where(l => l is "en" or "fr" or "ko").ToList();
        return new ForumRegistration
        {
            Id = Guid.NewGuid(), ForumId = forum.Id, CompanyId = company.Id, RegisteredAt = now, RegisteredByUserId = "",
            TimeZone = korean ? "Asia/Seoul" : company.Region.Contains("British Columbia", StringComparison.Ordinal) ? "America/Vancouver" : "America/Toronto",
            Delegates = [new ForumAttendee { Name = korean ? "Business development lead" : "Director, international partnerships", Languages = languages.Count > 0 ? languages : ["en"] }],
        };
    }

    /// <summary>Each firm asks for the counterparts whose offers and needs fit its own best; most are accepted, a few declined or left unanswered.</summary>
    private static List<MeetingRequest> Requests(Forum forum, IReadOnlyList<Company> companies, string organiserId, DateTime now)
    {
        static int Fit(Company a, Company b) =>
            a.Capabilities.Count(x => x.Direction == CapabilityDirection.Offers && b.Capabilities.Any(y => y.Direction == CapabilityDirection.Seeks && y.Code == x.Code))
            + b.Capabilities.Count(x => x.Direction == CapabilityDirection.Offers && a.Capabilities.Any(y => y.Direction == CapabilityDirection.Seeks && y.Code == x.Code))
            + a.Programmes.Intersect(b.Programmes).Count();

        var pairs = new Dictionary<(Guid, Guid), MeetingRequest>();
        var index = 0;
        foreach (var from in companies)
        {
            var wanted = companies.Where(c => c.Country != from.Country).Select(c => (Firm: c, Fit: Fit(from, c)))
                .Where(x => x.Fit > 0).OrderByDescending(x => x.Fit).ThenBy(x => x.Firm.Name, StringComparer.Ordinal).Take(3);
            foreach (var (to, fit) in wanted)
            {
                var priority = fit >= 4 ? MeetingPriority.MustMeet : fit >= 2 ? MeetingPriority.WouldLike : MeetingPriority.IfPossible;
                if (pairs.TryGetValue((to.Id, from.Id), out var reverse))
                {
                    reverse.CounterPriority = priority;
                    reverse.Status = MeetingRequestStatus.Accepted;
                    continue;
                }

                index++;
                pairs[(from.Id, to.Id)] = new MeetingRequest
                {
                    Id = Guid.NewGuid(), ForumId = forum.Id, FromCompanyId = from.Id, ToCompanyId = to.Id, Priority = priority, CreatedAt = now.AddDays(-20).AddMinutes(index),
                    CreatedByUserId = organiserId, RespondedAt = now.AddDays(-10),
                    Status = index % 11 == 0 ? MeetingRequestStatus.Declined : index % 13 == 0 ? MeetingRequestStatus.Pending : MeetingRequestStatus.Accepted,
                };
            }
        }

        return [.. pairs.Values];
    }

    private static async Task ScheduleAndPublishAsync(AppDbContext db, Forum forum, DateTime now, CancellationToken cancellationToken)
    {
        var input = await EngineInputs.BuildAsync(db, forum, cancellationToken);
        var result = Engine.ForumSolver.Solve(input.Instance, new Engine.ForumOptions { MaxPasses = 20 });
        var requests = await db.MeetingRequests.Where(r => r.ForumId == forum.Id).ToDictionaryAsync(r => r.Id, cancellationToken);
        var zone = forum.Zone();
        var grid = forum.Grid();
        var interpreters = forum.Interpreters.ToDictionary(i => i.Id, i => i.Name);
        foreach (var m in result.Meetings)
        {
            var id = Guid.ParseExact(m.Request, "N");
            var slot = grid.Find(m.Day, m.Slot)!;
            int? interpreter = int.TryParse(m.Interpreter, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
            db.ForumMeetings.Add(new ForumMeeting { Id = id, ForumId = forum.Id, Day = m.Day, Slot = m.Slot, Table = m.Table, InterpreterId = interpreter });
            db.PublishedMeetings.Add(new PublishedMeeting
            {
                Id = id, ForumId = forum.Id, FirstCompanyId = requests[id].FromCompanyId, SecondCompanyId = requests[id].ToCompanyId, Day = m.Day, Slot = m.Slot,
                StartsAt = ForumGrid.ToUtc(slot.Date, slot.Start, zone), EndsAt = ForumGrid.ToUtc(slot.Date, slot.End, zone), Table = m.Table,
                Interpreter = interpreter is { } n ? interpreters.GetValueOrDefault(n) : null, ChangedAt = now,
            });
        }

        db.ScheduleRuns.Add(new ScheduleRun
        {
            Id = Guid.NewGuid(), ForumId = forum.Id, Status = ScheduleRunStatus.Completed, Phase = "completed", QueuedAt = now, StartedAt = now, FinishedAt = now,
            RequestedByUserId = forum.Organisers[0].UserId, Requests = input.Instance.Requests.Count, Scheduled = result.Meetings.Count, Unscheduled = result.Unscheduled.Count,
            ScheduledWeight = result.ScheduledWeight, RequestedWeight = result.RequestedWeight, UpperBound = result.WeightUpperBound,
            UnscheduledJson = System.Text.Json.JsonSerializer.Serialize(result.Unscheduled.Select(EngineInputs.Explain).ToList(), EngineInputs.Json),
        });
        forum.Status = ForumStatus.Published;
        forum.PublishedAt = now;
        forum.Revision = 1;
        await db.SaveChangesAsync(cancellationToken);
        await Features.FollowUps.FollowUpPlanner.SyncForumAsync(db, forum, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
