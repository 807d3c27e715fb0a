using CanadaKoreaMatch.Matching;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Suggestions;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CompanySize = CanadaKoreaMatch.Web.Domain.CompanySize;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// A directory where sonar is at first offered by one firm: a Korean submarine builder seeks sonar and training
/// simulators, and a Canadian sonar maker and a Canadian simulator maker each meet one of those needs.
/// </summary>
internal static class SonarPool
{
    private static readonly string[] Background = ["MAR.SHIP", "LAND.ARMOUR", "SENS.RADAR", "SPACE.SAT", "DIGI.CYBER", "MAT.CRITICAL", "MFG.PRECISION", "SVC.TRAINING"];

    public static List<Company> Initial(string tag)
    {
        var firms = new List<Company>
        {
            Firm($"Submarine builder {tag}", "KR", offers: ["MAR.SUB"], seeks: ["SENS.SONAR", "DIGI.SIM"]),
            Firm($"Sonar maker {tag}", "CA", offers: ["SENS.SONAR"], seeks: ["MAR.SUB"]),
            Firm($"Simulator maker {tag}", "CA", offers: ["DIGI.SIM"], seeks: ["MAR.SUB"]),
        };
        for (var i = 0; i < 37; i++)
        {
            var country = i % 2 == 0 ? "CA" : "KR";
            var offers = i < 6 ? new[] { "DIGI.SIM" } : new[] { Background[i % Background.Length] };
            firms.Add(Firm($"Background firm {i} {tag}", country, offers, seeks: [Background[(i + 3) % Background.Length]]));
        }

        return firms;
    }

    /// <summary>Korean firms that all offer sonar: they are nobody's new partner of the builder, but sonar stops being rare.</summary>
    public static List<Company> SonarNewcomers(string tag, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Firm($"Sonar newcomer {i} {tag}", "KR", offers: ["SENS.SONAR"], seeks: ["LAND.ARMOUR"]))];

    public static Company Firm(string name, string country, string[] offers, string[] seeks)
    {
        var id = Guid.NewGuid();
        return new Company
        {
            Id = id, Name = name, NormalizedName = Company.Normalize(name), Country = country, Region = country == "CA" ? "Ontario" : "Seoul",
            Size = CompanySize.Sme, Description = "", Languages = ["EN"], Modes = ["CO_PRODUCTION"], Compliance = [country == "CA" ? "CGP" : "DAPA"],
            Capabilities =
            [
                .. offers.Select(c => new CompanyCapability { CompanyId = id, Direction = CapabilityDirection.Offers, Code = c }),
                .. seeks.Select(c => new CompanyCapability { CompanyId = id, Direction = CapabilityDirection.Seeks, Code = c }),
            ],
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, VerifiedAt = DateTime.UtcNow, Version = Guid.NewGuid(),
        };
    }

    public static async Task AddAsync(AppFactory app, IEnumerable<Company> firms) =>
        await app.WithDbAsync(async db =>
        {
            db.Companies.AddRange(firms);
            await db.SaveChangesAsync();
        });

    /// <summary>Every firm's stored list: counterpart and score, in rank order.</summary>
    public static Task<Dictionary<Guid, List<(Guid, double)>>> StoredAsync(AppFactory app) =>
        app.WithDbAsync(async db => (await db.Suggestions.AsNoTracking().ToListAsync())
            .GroupBy(s => s.CompanyId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Rank).Select(s => (s.CounterpartId, s.Score)).ToList()));

    public static Task<List<MatchProfile>> ProfilesAsync(AppFactory app) =>
        app.WithDbAsync(async db => (await db.Companies.AsNoTracking().Include(c => c.Capabilities).ToListAsync())
            .Select(c => SuggestionRecomputer.ToProfile(c, [])).ToList());

    /// <summary>The lists the application stores, from <paramref name="engine"/>: every firm here is verified.</summary>
    public static Dictionary<Guid, List<(Guid, double)>> ListsOf(MatchingEngine engine, IEnumerable<Guid> ids) =>
        ids.Select(id => (id, List: engine.TopFor(id, SuggestionRecomputer.KeptTop).Take(SuggestionRecomputer.StoredTop)
                .Select(s => (s.CounterpartId, Math.Round(s.Score, 1))).ToList()))
            .Where(x => x.List.Count > 0)
            .ToDictionary(x => x.id, x => x.List);

    public static void ShouldEqual(Dictionary<Guid, List<(Guid, double)>> actual, Dictionary<Guid, List<(Guid, double)>> expected)
    {
        actual.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (id, list) in expected)
        {
            actual[id].ShouldBe(list, $"the list of {id}");
        }
    }

    public static bool Differ(Dictionary<Guid, List<(Guid, double)>> a, Dictionary<Guid, List<(Guid, double)>> b) =>
        a.Count != b.Count || a.Any(x => !b.TryGetValue(x.Key, out var other) || !x.Value.SequenceEqual(other));
}

public sealed class StatisticsFollowTheGrowingPoolTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    [Fact]
    public async Task Once_the_pool_has_grown_by_the_set_share_the_stored_lists_are_those_of_an_engine_built_on_the_whole_pool()
    {
        var recomputer = app.Services.GetRequiredService<SuggestionRecomputer>();
        var initial = SonarPool.Initial("growth");
        await SonarPool.AddAsync(app, initial);
        await recomputer.RunOnceAsync();
        var snapshot = await SonarPool.ProfilesAsync(app);
        var (builder, sonar, simulator) = (initial[0].Id, initial[1].Id, initial[2].Id);
        var first = (await SonarPool.StoredAsync(app))[builder].Select(s => s.Item1).ToList();
        first.IndexOf(sonar).ShouldBeLessThan(first.IndexOf(simulator), "sonar is rarer than simulators at first");
        var atStart = new MatchingEngine(snapshot);
        var queued = await app.WithDbAsync(db => db.Matches.AsNoTracking().SingleAsync(m => m.CanadianCompanyId == sonar && m.KoreanCompanyId == builder));
        var (builderReads, sonarReads) = (atStart.Score(builder, sonar)!.Score, atStart.Score(sonar, builder)!.Score);
        builderReads.ShouldNotBe(sonarReads, "each firm reads the pair by its own needs");
        queued.Score.ShouldBe(Math.Round((builderReads + sonarReads) / 2, 1), "the curation queue serves both firms: the mean of what each reads");

        await SonarPool.AddAsync(app, SonarPool.SonarNewcomers("growth", 30));
        await recomputer.RunOnceAsync();

        var all = await SonarPool.ProfilesAsync(app);
        var fresh = SonarPool.ListsOf(new MatchingEngine(all), all.Select(p => p.Id));
        var stored = await SonarPool.StoredAsync(app);
        SonarPool.ShouldEqual(stored, fresh);
        var now = stored[builder].Select(s => s.Item1).ToList();
        now.IndexOf(simulator).ShouldBeLessThan(now.IndexOf(sonar), "thirty more sonar makers made sonar the commoner need met");

        var stale = new MatchingEngine(snapshot);
        foreach (var profile in all.Where(p => !stale.Contains(p.Id)))
        {
            stale.Upsert(profile);
        }

        SonarPool.Differ(SonarPool.ListsOf(stale, all.Select(p => p.Id)), fresh).ShouldBeTrue("statistics kept from the start would have ranked otherwise");
    }
}

public sealed class StatisticsFollowTheCalendarTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    [Fact]
    public async Task Edits_keep_the_statistics_until_the_next_period_and_then_the_stored_lists_are_those_of_a_fresh_engine()
    {
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(now.Date.AddDays(1).AddHours(12) - now.UtcDateTime);
        var recomputer = app.Services.GetRequiredService<SuggestionRecomputer>();
        var initial = SonarPool.Initial("calendar");
        await SonarPool.AddAsync(app, initial);
        await recomputer.RunOnceAsync();
        var snapshot = await SonarPool.ProfilesAsync(app);

        // Half the background firms now also offer sonar: the pool keeps its size, so only the calendar refreshes.
        var backgroundIds = initial.Skip(3).Take(18).Select(c => c.Id).ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var firm in await db.Companies.Include(c => c.Capabilities).Where(c => backgroundIds.Contains(c.Id)).ToListAsync())
            {
                firm.Capabilities.Add(new CompanyCapability { CompanyId = firm.Id, Direction = CapabilityDirection.Offers, Code = "SENS.SONAR" });
                firm.Version = Guid.NewGuid();
            }

            await db.SaveChangesAsync();
        });
        await recomputer.RunOnceAsync();

        var all = await SonarPool.ProfilesAsync(app);
        var stale = new MatchingEngine(snapshot);
        stale.ComputeAll(SuggestionRecomputer.KeptTop);
        foreach (var profile in all.Where(p => backgroundIds.Contains(p.Id)))
        {
            stale.Upsert(profile);
        }

        var ids = all.Select(p => p.Id).ToList();
        var fresh = SonarPool.ListsOf(new MatchingEngine(all), ids);
        var staleLists = SonarPool.ListsOf(stale, ids);
        SonarPool.Differ(staleLists, fresh).ShouldBeTrue("the edits change the statistics");
        SonarPool.ShouldEqual(await SonarPool.StoredAsync(app), staleLists);

        app.Clock.Advance(TimeSpan.FromHours(24));
        await recomputer.RunOnceAsync();

        SonarPool.ShouldEqual(await SonarPool.StoredAsync(app), fresh);
    }
}
