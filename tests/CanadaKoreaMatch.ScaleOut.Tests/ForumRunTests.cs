using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Scheduling.Forum;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CanadaKoreaMatch.ScaleOut.Tests;

/// <summary>Schedule runs carried out by Hangfire in real app processes, one of them killed mid-run.</summary>
public sealed class ForumRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_run_whose_instance_is_killed_is_failed_by_the_other_with_the_timetable_untouched_and_the_next_run_completes()
    {
        await using var cluster = await Cluster.StartAsync(2, settings: new()
        {
            ["Forums__ScheduleSeconds"] = "20",
            ["Forums__StallSeconds"] = "6",
            ["Forums__SweepSeconds"] = "1",
        });
        var (admin, _, _) = await cluster.Instances[0].SignInAsync(Cluster.AdminEmail);
        var created = await admin.PostAsJsonAsync(new Uri("/api/v1/forums", UriKind.Relative),
            new { template = "cansec", name = "CANSEC scale-out", startDate = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd") });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var forumId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var requests = await SeedAsync(cluster, forumId);
        (await admin.PostAsJsonAsync(new Uri($"/api/v1/forums/{forumId}/status", UriKind.Relative), new { status = "Open" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(new Uri($"/api/v1/forums/{forumId}/status", UriKind.Relative), new { status = "Scheduling" })).EnsureSuccessStatusCode();

        var first = await StartRunAsync(admin, forumId);
        var running = await Cluster.EventuallyAsync(() => RunAsync(cluster, first), r => r?.Status is ScheduleRunStatus.Running or ScheduleRunStatus.Completed or ScheduleRunStatus.Failed,
            Patience, "the first run started");
        running!.Status.ShouldBe(ScheduleRunStatus.Running);
        var victim = cluster.Instances.Single(i => running.RunBy!.Contains($":{i.ProcessId}:", StringComparison.Ordinal));
        victim.KillHard();
        var survivor = cluster.Instances.Single(i => i != victim);
        var failed = await Cluster.EventuallyAsync(() => RunAsync(cluster, first), r => r!.Status != ScheduleRunStatus.Running, Patience, "the sweep failed the orphaned run");
        failed!.Status.ShouldBe(ScheduleRunStatus.Failed);
        failed.Error!.ShouldContain("stopped");
        await using (var db = cluster.Db())
        {
            (await db.ForumMeetings.CountAsync(m => m.ForumId == forumId)).ShouldBe(0);
        }

        var (adminB, _, _) = await survivor.SignInAsync(Cluster.AdminEmail);
        var second = await StartRunAsync(adminB, forumId);
        var done = await Cluster.EventuallyAsync(() => RunAsync(cluster, second), r => r!.Status is ScheduleRunStatus.Completed or ScheduleRunStatus.Failed, Patience, "the second run finished");
        done!.Status.ShouldBe(ScheduleRunStatus.Completed);
        done.RunBy!.ShouldContain($":{survivor.ProcessId}:");
        await using var check = cluster.Db();
        var meetings = await check.ForumMeetings.Where(m => m.ForumId == forumId).ToListAsync();
        meetings.Count.ShouldBe(done.Scheduled);
        (done.Scheduled + done.Unscheduled).ShouldBe(requests);
        meetings.GroupBy(m => (m.Day, m.Slot, m.Table)).ShouldAllBe(g => g.Count() == 1);
        var api = await adminB.GetFromJsonAsync<JsonObject>(new Uri($"/api/v1/forums/{forumId}/schedule-runs/{second}", UriKind.Relative));
        api!["status"]!.GetValue<string>().ShouldBe("Completed");
        output.WriteLine($"forum of {requests} accepted requests: run 1 claimed by {victim.Name} (pid {victim.ProcessId}), killed; marked Failed by {survivor.Name}'s sweep, " +
            $"timetable untouched (0 meetings); run 2 on {survivor.Name}: {done.Scheduled} scheduled, {done.Unscheduled} left out, weight {done.ScheduledWeight} of bound {done.UpperBound}");
    }

    private static async Task<Guid> StartRunAsync(HttpClient client, Guid forumId)
    {
        var response = await client.PostAsync(new Uri($"/api/v1/forums/{forumId}/schedule-runs", UriKind.Relative), null);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        response.Headers.Location.ShouldNotBeNull();
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private static async Task<ScheduleRun?> RunAsync(Cluster cluster, Guid runId)
    {
        await using var db = cluster.Db();
        return await db.ScheduleRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId);
    }

    /// <summary>A generated CANSEC-sized forum written straight to the database: verified firms, registrations and accepted requests.</summary>
    private static async Task<int> SeedAsync(Cluster cluster, Guid forumId)
    {
        var generated = ForumGenerator.Generate(new ForumSize(Firms: 600, Requests: 3000, Days: 2, SlotsPerDay: 16, Tables: 40, Interpreters: 4), seed: 7);
        var now = DateTime.UtcNow;
        await using var db = cluster.Db();
        var ids = new Dictionary<string, Guid>();
        foreach (var (participant, index) in generated.Participants.Select((p, i) => (p, i)))
        {
            var korean = participant.Languages.Contains("ko");
            var id = Guid.NewGuid();
            ids[participant.Id] = id;
            var name = $"Firm {index:0000} {participant.Id}";
            db.Companies.Add(new Company
            {
                Id = id, Name = name, NormalizedName = Company.Normalize(name), Country = korean ? "KR" : "CA", Region = "Region", Description = "Generated firm",
                CreatedAt = now, UpdatedAt = now, VerifiedAt = now, Languages = ["EN"],
            });
            db.ForumRegistrations.Add(new ForumRegistration
            {
                Id = Guid.NewGuid(), ForumId = forumId, CompanyId = id, TimeZone = korean ? "Asia/Seoul" : "America/Toronto", RegisteredAt = now,
                Delegates = [new ForumAttendee { Name = "Delegate", Languages = participant.Languages.ToList() }],
            });
        }

        var pairs = new HashSet<(Guid, Guid)>();
        foreach (var request in generated.Requests)
        {
            var (from, to) = (ids[request.First], ids[request.Second]);
            if (pairs.Add((from, to)) && !pairs.Contains((to, from)))
            {
                db.MeetingRequests.Add(new MeetingRequest
                {
                    Id = Guid.NewGuid(), ForumId = forumId, FromCompanyId = from, ToCompanyId = to, Priority = (MeetingPriority)(request.Weight % 3),
                    Status = MeetingRequestStatus.Accepted, CreatedAt = now, RespondedAt = now,
                });
            }
        }

        await db.SaveChangesAsync();
        return await db.MeetingRequests.CountAsync(r => r.ForumId == forumId);
    }
}
