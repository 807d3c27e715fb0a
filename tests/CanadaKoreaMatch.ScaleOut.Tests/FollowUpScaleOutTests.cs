using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace CanadaKoreaMatch.ScaleOut.Tests;

/// <summary>
/// Meeting reminders due all at once, carried out by the follow-up dispatch of real app processes (two on one PostgreSQL,
/// one of them killed mid-dispatch; one SQLite process restarted). Each test prints its figures (due, delivered, duplicated, lost).
/// </summary>
public sealed partial class FollowUpScaleOutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly Dictionary<string, string> Fast = new() { ["FollowUps__DispatchSeconds"] = "1", ["Email__DeliverySeconds"] = "1" };

    [Fact]
    public async Task Five_hundred_reminders_due_at_once_are_each_delivered_exactly_once_by_two_instances()
    {
        await using var cluster = await Cluster.StartAsync(2, settings: Fast);
        var due = await SeedAsync(cluster, cluster.Instances[0], 500);

        await WaitDeliveredAsync(cluster, due);

        var figures = await FiguresAsync(cluster, due);
        output.WriteLine($"follow-ups, two instances, 500 reminders due at once: {figures}");
        figures.ShouldBeExact(500);
    }

    [Fact]
    public async Task Killing_an_instance_mid_dispatch_loses_and_duplicates_no_reminder()
    {
        await using var cluster = await Cluster.StartAsync(2, settings: Fast);
        var due = await SeedAsync(cluster, cluster.Instances[0], 500);

        // As soon as reminders are being sent, SIGKILL an instance that is running the dispatch (the job's Processing state names its server).
        var (sentBeforeKill, dispatching) = await Cluster.EventuallyAsync(async () =>
        {
            var sent = await SentCountAsync(cluster);
            return (sent, sent > 0 ? await DispatchingPidsAsync(cluster) : []);
        }, s => s.sent == due.Count || s.Item2.Count > 0, Patience, "a dispatch in progress");
        sentBeforeKill.ShouldBeLessThan(due.Count, "the dispatch finished before an instance could be killed");
        var victim = cluster.Instances.First(i => dispatching.Contains(i.ProcessId));
        victim.KillHard();
        var survivor = cluster.Instances.Single(i => i != victim);
        int sentAtKill;
        await using (var db = cluster.Db())
        {
            sentAtKill = await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Sent);
        }

        await WaitDeliveredAsync(cluster, due);

        var figures = await FiguresAsync(cluster, due);
        output.WriteLine($"follow-ups, killed {victim.Name} (pid {victim.ProcessId}) while dispatching, {sentAtKill} of 500 sent at the kill; {survivor.Name} finished: {figures}");
        figures.ShouldBeExact(500);
        survivor.Exited.ShouldBeFalse();
    }

    [Fact]
    public async Task A_single_SQLite_instance_restarted_with_reminders_pending_delivers_each_once()
    {
        await using var cluster = await Cluster.StartAsync(0, provider: "Sqlite", settings: Fast);
        var first = await cluster.StartInstanceAsync("A", new() { ["Jobs__Enabled"] = "false" });
        var due = await SeedAsync(cluster, first, 200);
        await using (var db = cluster.Db())
        {
            (await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Scheduled)).ShouldBe(200);
            (await db.Notifications.CountAsync()).ShouldBe(0);
        }

        cluster.Delivered().ShouldBeEmpty();
        first.KillHard();

        var second = await cluster.StartInstanceAsync("A");
        await WaitDeliveredAsync(cluster, due);

        var figures = await FiguresAsync(cluster, due);
        output.WriteLine($"follow-ups, SQLite, one instance killed with 200 reminders due, restarted as pid {second.ProcessId}: {figures}");
        figures.ShouldBeExact(200);
    }

    /// <summary>
    /// A forum (from a template, through the API) and, written straight to the database, count/2 published meetings between
    /// pairs of firms each with one representative, and a 1-hour reminder for each representative, all due a second ago.
    /// </summary>
    private static async Task<List<FollowUp>> SeedAsync(Cluster cluster, Instance instance, int count)
    {
        var (admin, _, _) = await instance.SignInAsync(Cluster.AdminEmail);
        var created = await admin.PostAsJsonAsync(new Uri("/api/v1/forums", UriKind.Relative),
            new { template = "cansec", name = $"CANSEC reminders {Guid.NewGuid():N}"[..28], startDate = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var forumId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());

        var now = DateTime.UtcNow;
        var marker = Guid.NewGuid().ToString("N")[..6];
        await using var db = cluster.Db();
        var representativeRole = await db.Roles.Where(r => r.Name == Roles.CompanyRepresentative).Select(r => r.Id).SingleAsync();
        var followUps = new List<FollowUp>();
        for (var m = 0; m < count / 2; m++)
        {
            var firms = new Guid[2];
            for (var side = 0; side < 2; side++)
            {
                var korean = side == 1;
                var firmId = Guid.NewGuid();
                firms[side] = firmId;
                var name = $"Firm {m:0000}-{side} {marker}";
                db.Companies.Add(new Company
                {
                    Id = firmId, Name = name, NormalizedName = Company.Normalize(name), Country = korean ? "KR" : "CA", Region = "Region", Description = "Generated firm",
                    CreatedAt = now, UpdatedAt = now, VerifiedAt = now, Languages = ["EN"],
                });
                var email = $"rep{m:0000}-{side}-{marker}@ckm.test";
                var user = new AppUser
                {
                    Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
                    DisplayName = $"Representative {m}-{side}", CreatedAt = now, Language = (m % 3) switch { 0 => "en", 1 => "fr", _ => "ko" },
                };
                db.Users.Add(user);
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = representativeRole });
                db.CompanyMembers.Add(new CompanyMember { CompanyId = firmId, UserId = user.Id, JoinedAt = now });
                followUps.Add(new FollowUp { RecipientUserId = user.Id });
            }

            var meetingId = Guid.NewGuid();
            var startsAt = now.Date.AddDays(2).AddHours(9).AddMinutes(30 * (m % 16));
            db.PublishedMeetings.Add(new PublishedMeeting
            {
                Id = meetingId, ForumId = forumId, FirstCompanyId = firms[0], SecondCompanyId = firms[1], Day = 0, Slot = m % 16,
                StartsAt = startsAt, EndsAt = startsAt.AddMinutes(25), Table = $"T{m / 16 + 1}", Sequence = 0, ChangedAt = now,
            });
            foreach (var followUp in followUps.TakeLast(2))
            {
                followUp.Id = Guid.NewGuid();
                followUp.Kind = FollowUpKind.MeetingReminder1h;
                followUp.SubjectId = meetingId;
                followUp.ForumId = forumId;
                followUp.Status = FollowUpStatus.Scheduled;
                followUp.DueAt = now.AddSeconds(-1);
                followUp.CreatedAt = now;
                followUp.IdempotencyKey = FollowUp.KeyOf(followUp.Kind, meetingId, followUp.RecipientUserId);
            }
        }

        // Everything but the reminders first, then all the reminders in one transaction: they fall due at the same moment.
        await db.SaveChangesAsync();
        db.FollowUps.AddRange(followUps);
        await db.SaveChangesAsync();
        return followUps;
    }

    private static async Task<int> SentCountAsync(Cluster cluster)
    {
        await using var db = cluster.Db();
        return await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Sent);
    }

    /// <summary>Every reminder Sent and its e-mail out of the outbox (or a reminder ended otherwise, which the assertions then report).</summary>
    private static Task<(int Open, int Pending)> WaitDeliveredAsync(Cluster cluster, List<FollowUp> due) =>
        Cluster.EventuallyAsync(async () =>
        {
            await using var db = cluster.Db();
            var open = await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Scheduled);
            var pending = await db.OutboxMessages.CountAsync(m => m.Template == "meeting-reminder" && m.Status == OutboxStatus.Pending);
            return (Open: open, Pending: pending);
        }, s => s.Open == 0 && s.Pending == 0, Patience, $"{due.Count} reminders sent and delivered");

    /// <summary>The process ids of the servers running a follow-up dispatch now (Hangfire's Processing state names the server, whose name holds the pid).</summary>
    private static async Task<List<int>> DispatchingPidsAsync(Cluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%FollowUpDispatchJob%'",
            connection);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var match = ServerId().Match(reader.GetString(0));
            if (match.Success)
            {
                pids.Add(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return pids;
    }

    [GeneratedRegex("\"ServerId\"\\s*:\\s*\"[^\":]*:(\\d+):")]
    private static partial Regex ServerId();

    private static async Task<Figures> FiguresAsync(Cluster cluster, List<FollowUp> due)
    {
        await using var db = cluster.Db();
        var ids = due.Select(f => f.Id).ToList();
        var rows = await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.Id)).ToListAsync();
        var recipients = due.Select(f => f.RecipientUserId).ToList();
        var emails = await db.Users.Where(u => recipients.Contains(u.Id)).ToDictionaryAsync(u => u.Email!.ToLowerInvariant(), u => u.Id);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.FollowUpId != null && ids.Contains(n.FollowUpId.Value)).ToListAsync();
        var outbox = await db.OutboxMessages.AsNoTracking().Where(m => m.Template == "meeting-reminder").Select(m => new { m.Id, m.To, m.Status }).ToListAsync();

        var files = cluster.Delivered().Select(d => (d.MessageId, To: MimeKit.MimeMessage.Load(d.File).To.Mailboxes.Select(x => x.Address.ToLowerInvariant()).ToList())).ToList();
        var reminderFiles = files.Where(f => f.To.Any(emails.ContainsKey)).ToList();
        var filesPerRecipient = reminderFiles.SelectMany(f => f.To.Where(emails.ContainsKey)).GroupBy(a => a).ToDictionary(g => emails[g.Key], g => g.Count());
        var outboxIds = outbox.Select(m => m.Id.ToString("N")).ToHashSet();
        return new Figures(
            Due: due.Count,
            Sent: rows.Count(f => f.Status == FollowUpStatus.Sent),
            Notifications: notifications.Count,
            DistinctNotified: notifications.Select(n => n.FollowUpId).Distinct().Count(),
            Outbox: outbox.Count(m => emails.ContainsKey(m.To.ToLowerInvariant())),
            OutboxRecipients: outbox.Where(m => emails.ContainsKey(m.To.ToLowerInvariant())).Select(m => m.To.ToLowerInvariant()).Distinct().Count(),
            Files: reminderFiles.Count,
            DistinctMessageIds: reminderFiles.Select(f => f.MessageId).Distinct().Count(),
            FilesOfOutboxRows: reminderFiles.Count(f => outboxIds.Contains(f.MessageId.Split('@')[0])),
            Delivered: recipients.Count(filesPerRecipient.ContainsKey),
            Duplicated: filesPerRecipient.Values.Sum(n => n - 1) + Math.Max(0, notifications.Count - notifications.Select(n => n.FollowUpId).Distinct().Count()),
            Lost: recipients.Count(r => !filesPerRecipient.ContainsKey(r)),
            Attempts: rows.Sum(f => f.Attempts));
    }

    private sealed record Figures(int Due, int Sent, int Notifications, int DistinctNotified, int Outbox, int OutboxRecipients, int Files, int DistinctMessageIds,
        int FilesOfOutboxRows, int Delivered, int Duplicated, int Lost, int Attempts)
    {
        public void ShouldBeExact(int count)
        {
            Due.ShouldBe(count);
            Sent.ShouldBe(count, ToString());
            Notifications.ShouldBe(count, ToString());
            DistinctNotified.ShouldBe(count, ToString());
            Outbox.ShouldBe(count, ToString());
            OutboxRecipients.ShouldBe(count, ToString());
            Files.ShouldBe(count, ToString());
            DistinctMessageIds.ShouldBe(count, ToString());
            FilesOfOutboxRows.ShouldBe(count, ToString());
            Delivered.ShouldBe(count, ToString());
            Duplicated.ShouldBe(0, ToString());
            Lost.ShouldBe(0, ToString());
        }

        public override string ToString() =>
            $"due {Due}, delivered {Delivered}, duplicated {Duplicated}, lost {Lost} ({Sent} Sent, {DistinctNotified} notifications, {Outbox} outbox rows, " +
            $"{DistinctMessageIds} distinct Message-Ids in {Files} .eml files, {Attempts} claims)";
    }
}
