using System.Diagnostics;
using System.Text.Json;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Forums;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Engine = CanadaKoreaMatch.Scheduling.Forum;

namespace CanadaKoreaMatch.Benchmarks;

/// <summary>The large forum as it lies in the database, and the firm whose agenda is measured.</summary>
internal sealed record ForumPagesForum(
    Guid ForumId, int Firms, int Requests, int Tables, int Interpreters, int Meetings, int Unscheduled, int Interpreted,
    long ScheduledWeight, long UpperBound, double SolveSeconds, Guid AgendaFirmId, string AgendaFirm, string AgendaFirmCountry, int AgendaMeetings);

/// <summary>
/// Builds a CANSEC-size forum the way the app stores one: the generated forum (seed 11: 1,000 firms, 5,000 accepted
/// requests, 2 days × 16 slots, 120 tables) with 8 ko–en interpreters is solved by the engine, then its firms (verified),
/// registrations, requests (their priorities, mutual interest, officials' pairs and approved matches give the
/// generator's weights back), working timetable, published timetable and completed run are inserted with the app's
/// <see cref="AppDbContext"/>, as <c>DemoForums</c> does.
/// </summary>
internal static class ForumPagesData
{
    public const int Seed = 11;

    /// <summary>As the app stores a run's explanations (web defaults: camelCase).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] InterpreterNames =
        ["Ji-woo Han", "Min-seo Park", "Seo-yeon Kim", "Do-yun Lee", "Ha-eun Choi", "Joon-ho Jung", "Soo-ah Kang", "Eun-ji Yoon"];

    private static readonly string[] CanadianStems =
        ["Maple", "Laurentian", "Boreal", "Northern", "Aurora", "Cascadia", "Fundy", "Tundra", "Prairie", "Rideau", "Algonquin", "Huron",
         "Klondike", "Nunavik", "Saguenay", "Chinook", "Superior", "Pacific", "Atlantic", "Ottawa Valley", "Gatineau", "Kootenay", "Muskoka", "Yukon", "Acadia"];

    private static readonly string[] KoreanStems =
        ["Hanbit", "Daeyang", "Seonjin", "Hwaseong", "Mirae", "Saehan", "Dongbang", "Samjin", "Gukje", "Woori", "Jinhae", "Incheon",
         "Hanul", "Pyeonghwa", "Cheonji", "Gwangmyeong", "Sejong", "Taebaek", "Yeongnam", "Honam"];

    private static readonly string[] Trades =
        ["Aerospace", "Defence Systems", "Marine", "Photonics", "Robotics", "Composites", "Avionics", "Simulation", "Microwave",
         "Cyber", "Precision", "Energetics", "Sensors", "Shipyards", "Space", "Armour", "Electronics", "Logistics", "Optics", "Dynamics"];

    private static readonly string[] Domains =
        ["naval radar and sonar", "armoured vehicle sub-systems", "tactical communications", "training simulators", "space-qualified electronics",
         "unmanned aerial systems", "composite airframe parts", "night-vision optics", "ship repair and refit", "cyber-security for weapon systems"];

    private static readonly string[] CanadianRegions = ["Ontario", "Quebec", "British Columbia", "Nova Scotia", "Alberta", "Manitoba"];

    private static readonly string[] KoreanRegions = ["Gyeongnam", "Daejeon", "Seoul", "Gyeonggi", "Busan", "Gyeongbuk"];

    /// <summary>The generated forum with its busy periods (and their buffers) as unavailable slots, as the app stores them, and 8 ko–en interpreters.</summary>
    public static Engine.ForumInstance Instance(int tables = 120)
    {
        var generated = Engine.ForumGenerator.Generate(
            new Engine.ForumSize(Firms: 1000, Requests: 5000, Days: 2, SlotsPerDay: 16, Tables: tables, Interpreters: 0), Seed);
        var slotsPerDay = generated.Days[0].Slots;
        var participants = generated.Participants.Select(p =>
        {
            var blocked = new SortedSet<(int Day, int Slot)>();
            foreach (var r in p.Unavailable ?? [])
            {
                for (var s = r.From; s <= r.To; s++)
                {
                    blocked.Add((r.Day, s));
                }
            }

            foreach (var r in p.Busy ?? [])
            {
                for (var s = Math.Max(1, r.From - generated.BufferSlots); s <= Math.Min(slotsPerDay, r.To + generated.BufferSlots); s++)
                {
                    blocked.Add((r.Day, s));
                }
            }

            return new Engine.ForumParticipant(p.Id, p.Languages, blocked.Select(b => new Engine.SlotRange(b.Day, b.Slot, b.Slot)).ToList());
        }).ToList();
        return generated with
        {
            Participants = participants,
            BufferSlots = 0,
            InterpreterPool = Enumerable.Range(1, InterpreterNames.Length).Select(i => new Engine.ForumInterpreter($"{i}", ["ko-en"])).ToList(),
        };
    }

    public static (Engine.ForumResult Result, double Seconds) Solve(Engine.ForumInstance instance, double seconds)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var result = Engine.ForumSolver.Solve(instance, new Engine.ForumOptions { Cancellation = budget.Token });
        return (result, clock.Elapsed.TotalSeconds);
    }

    public static async Task<ForumPagesForum> InsertAsync(
        IServiceProvider services, Engine.ForumInstance instance, Engine.ForumResult result, double solveSeconds, string organiserId, string adminId)
    {
        var random = new Random(Seed);
        var now = DateTime.UtcNow;
        var firstDay = new DateOnly(2027, 5, 26);

        var forum = new Forum
        {
            Id = Guid.NewGuid(), Name = "CANSEC 2027 B2B meetings", Venue = "EY Centre, Ottawa", TimeZone = "America/Toronto",
            RegistrationOpens = firstDay.AddDays(-90), RegistrationCloses = firstDay.AddDays(-21), RequestDeadline = now.AddDays(-7),
            Status = ForumStatus.Published, CreatedAt = now, UpdatedAt = now, PublishedAt = now, Revision = 1,
            Days = Enumerable.Range(0, instance.Days.Count).Select(d => new ForumDay
            {
                Date = firstDay.AddDays(d), Start = new TimeOnly(9, 0), End = new TimeOnly(17, 30), SlotMinutes = 30, Breaks = ["13:00-13:30"],
            }).ToList(),
            Tables = instance.Tables.Select(t => t.Id).ToList(),
            Interpreters = InterpreterNames.Select(n => new ForumInterpreter { Name = n, Pairs = ["ko-en"] }).ToList(),
            Organisers = [new ForumOrganiser { UserId = organiserId }],
        };
        var grid = forum.Grid();
        if (grid.Days.Count != instance.Days.Count || grid.Days.Where((slots, d) => slots.Count != instance.Days[d].Slots
            || instance.Days[d].Sessions.Any(s => slots.Where(x => x.Slot >= s.From && x.Slot <= s.To).Select(x => x.Session).Distinct().Count() != 1)).Any())
        {
            throw new InvalidOperationException("The app's grid does not match the generated forum's days and sessions.");
        }

        var companies = new Dictionary<string, Company>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (p, i) in instance.Participants.Select((p, i) => (p, i)))
        {
            var korean = p.Id.StartsWith("kr", StringComparison.Ordinal);
            var stems = korean ? KoreanStems : CanadianStems;
            var name = $"{stems[i % stems.Length]} {Trades[i / stems.Length % Trades.Length]}";
            for (var n = 2; !names.Add(name); n++)
            {
                name = $"{stems[i % stems.Length]} {Trades[i / stems.Length % Trades.Length]} {n}";
            }

            var region = (korean ? KoreanRegions : CanadianRegions)[random.Next(6)];
            companies[p.Id] = new Company
            {
                Id = Guid.NewGuid(), Name = name, NormalizedName = Company.Normalize(name), Country = korean ? Countries.Korea : Countries.Canada,
                Region = region, Size = random.Next(4) == 0 ? CompanySize.Large : CompanySize.Sme, Website = $"https://{name.Replace(' ', '-').ToLowerInvariant()}.example",
                Description = $"{name} designs and builds {Domains[random.Next(Domains.Length)]} for naval, land and air programmes. Based in {region}, it supplies "
                    + $"prime contractors and looks for partners in {(korean ? "Canada" : "Korea")} for co-development, licensed production and through-life "
                    + $"support of {Domains[random.Next(Domains.Length)]}, with an eye to export programmes in both markets.",
                Languages = p.Languages.Select(l => l.ToUpperInvariant()).ToList(),
                CreatedAt = now, UpdatedAt = now, VerifiedAt = now, VerifiedByUserId = adminId,
            };
        }

        var interpreterIds = new Dictionary<string, int>();
        await WithDbAsync(services, async db =>
        {
            db.Forums.Add(forum);
            db.Companies.AddRange(companies.Values);
            await db.SaveChangesAsync();
            foreach (var (interpreter, i) in forum.Interpreters.Select((x, i) => (x, i)))
            {
                interpreterIds[$"{i + 1}"] = interpreter.Id;
            }
        });

        await WithDbAsync(services, db =>
        {
            foreach (var p in instance.Participants)
            {
                var company = companies[p.Id];
                var korean = company.Country == Countries.Korea;
                var delegates = new List<ForumAttendee> { new() { Name = korean ? "Business development lead" : "Director, international partnerships", Languages = [.. p.Languages] } };
                if (random.Next(3) == 0)
                {
                    delegates.Add(new ForumAttendee { Name = korean ? "Chief engineer" : "Programme manager", Languages = [.. p.Languages], Remote = random.Next(4) == 0 });
                }

                db.ForumRegistrations.Add(new ForumRegistration
                {
                    Id = Guid.NewGuid(), ForumId = forum.Id, CompanyId = company.Id, RegisteredAt = now.AddDays(-60), RegisteredByUserId = "",
                    TimeZone = korean ? "Asia/Seoul" : company.Region == "British Columbia" ? "America/Vancouver" : "America/Toronto",
                    Unavailable = (p.Unavailable ?? []).Select(s => $"{s.Day}-{s.From}").ToList(),
                    Delegates = delegates,
                });
            }

            return db.SaveChangesAsync();
        });

        var requestIds = new Dictionary<string, Guid>();
        var fromCompany = new Dictionary<Guid, (Guid From, Guid To)>();
        await WithDbAsync(services, db =>
        {
            foreach (var (r, i) in instance.Requests.Select((r, i) => (r, i)))
            {
                var canadian = companies[r.First];
                var korean = companies[r.Second];
                var (from, to) = random.Next(5) < 3 ? (canadian, korean) : (korean, canadian);
                var request = new MeetingRequest
                {
                    Id = Guid.NewGuid(), ForumId = forum.Id, FromCompanyId = from.Id, ToCompanyId = to.Id, Status = MeetingRequestStatus.Accepted,
                    CreatedByUserId = organiserId, CreatedAt = now.AddDays(-40).AddMinutes(i), RespondedAt = now.AddDays(-20).AddMinutes(i),
                };
                if (Decode(r.Weight, request, i))
                {
                    db.Matches.Add(new Match
                    {
                        Id = Guid.NewGuid(), CanadianCompanyId = canadian.Id, KoreanCompanyId = korean.Id, Status = MatchStatus.Approved, Score = 0.8,
                        Domain = "MAR", CreatedAt = now.AddDays(-90), StatusChangedAt = now.AddDays(-60), UpdatedAt = now.AddDays(-60),
                    });
                }

                requestIds[r.Id] = request.Id;
                fromCompany[request.Id] = (from.Id, to.Id);
                db.MeetingRequests.Add(request);
            }

            return db.SaveChangesAsync();
        });

        await WithDbAsync(services, db =>
        {
            var zone = forum.Zone();
            foreach (var m in result.Meetings)
            {
                var id = requestIds[m.Request];
                var slot = grid.Find(m.Day, m.Slot)!;
                int? interpreter = m.Interpreter is { } x ? interpreterIds[x] : null;
                db.ForumMeetings.Add(new ForumMeeting { Id = id, ForumId = forum.Id, Day = m.Day, Slot = m.Slot, Table = m.Table, InterpreterId = interpreter });
                db.PublishedMeetings.Add(new PublishedMeeting
                {
                    Id = id, ForumId = forum.Id, FirstCompanyId = fromCompany[id].From, SecondCompanyId = fromCompany[id].To, Day = m.Day, Slot = m.Slot,
                    StartsAt = ForumGrid.ToUtc(slot.Date, slot.Start, zone), EndsAt = ForumGrid.ToUtc(slot.Date, slot.End, zone), Table = m.Table,
                    Interpreter = m.Interpreter is { } n ? InterpreterNames[int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) - 1] : null, ChangedAt = now,
                });
            }

            var explanations = result.Unscheduled.Select(u => new UnscheduledExplanation(
                requestIds[u.Request], u.Weight, u.LowerPriority,
                u.Blockers.Select(b => new BlockerDto(
                    b.Kind.ToString(), b.Participant is { } p ? companies[p].Id : null,
                    b.Slots.Select(s => $"{s.Day}-{s.Slot}").ToList(), b.Competing.Select(c => requestIds[c]).ToList())).ToList())).ToList();
            db.ScheduleRuns.Add(new ScheduleRun
            {
                Id = Guid.NewGuid(), ForumId = forum.Id, Status = ScheduleRunStatus.Completed, Phase = "completed", QueuedAt = now, StartedAt = now, FinishedAt = now,
                RequestedByUserId = organiserId, Requests = instance.Requests.Count, Scheduled = result.Meetings.Count, Unscheduled = result.Unscheduled.Count,
                ScheduledWeight = result.ScheduledWeight, RequestedWeight = result.RequestedWeight, UpperBound = result.WeightUpperBound,
                UnscheduledJson = JsonSerializer.Serialize(explanations, Json),
            });
            return db.SaveChangesAsync();
        });

        // The measured agenda: the Korean firm with the most meetings (its page shows its own and the forum's time zone).
        var perFirm = result.Meetings.SelectMany(m => new[] { instance.Requests[RequestIndex(m.Request)].First, instance.Requests[RequestIndex(m.Request)].Second })
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var busiest = perFirm.Where(x => x.Key.StartsWith("kr", StringComparison.Ordinal)).OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).First();
        var firm = companies[busiest.Key];
        return new ForumPagesForum(
            forum.Id, companies.Count, instance.Requests.Count, forum.Tables.Count, forum.Interpreters.Count, result.Meetings.Count, result.Unscheduled.Count,
            result.Meetings.Count(m => m.Interpreter is not null), result.ScheduledWeight, result.WeightUpperBound, solveSeconds,
            firm.Id, firm.Name, firm.Country, busiest.Value);
    }

    /// <summary>The generator names requests r1, r2, … in order.</summary>
    private static int RequestIndex(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1;

    /// <summary>
    /// Sets the request's priorities (or makes it an officials' must-meet pair) so that the app's weight
    /// (<see cref="MeetingWeights"/>) equals the generated one; true when the pair needs an approved match (+3) for it.
    /// </summary>
    private static bool Decode(int weight, MeetingRequest request, int index)
    {
        int[] alone = [1, 2, 3, 4, 6, 7, 9, 12];
        var approved = !alone.Contains(weight);
        var rest = approved ? weight - MeetingWeights.ApprovedMatchBonus : weight;
        (request.Priority, request.CounterPriority, request.AddedByOfficial) = rest switch
        {
            1 => (MeetingPriority.IfPossible, (MeetingPriority?)null, false),
            2 => (MeetingPriority.IfPossible, MeetingPriority.IfPossible, false),
            3 => (MeetingPriority.WouldLike, null, false),
            4 => (MeetingPriority.WouldLike, MeetingPriority.IfPossible, false),
            6 => (MeetingPriority.MustMeet, null, false),
            7 => (MeetingPriority.MustMeet, MeetingPriority.IfPossible, false),
            9 => (MeetingPriority.MustMeet, MeetingPriority.WouldLike, false),
            12 when index % 3 == 0 => (MeetingPriority.MustMeet, MeetingPriority.MustMeet, false),
            12 => (MeetingPriority.MustMeet, null, true),
            _ => throw new InvalidOperationException($"No request has weight {weight}."),
        };
        if (MeetingWeights.Of(request, approved) != weight)
        {
            throw new InvalidOperationException($"Weight {weight} decoded as {MeetingWeights.Of(request, approved)}.");
        }

        return approved;
    }

    private static async Task WithDbAsync(IServiceProvider services, Func<AppDbContext, Task> action)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await action(db);
    }
}
