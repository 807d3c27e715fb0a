using System.Net;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// Commands that check for a row and then add it, sent twice at the same moment (a double click, two firms asking each other):
/// the second waits for the first (Data/RecordLocks.cs) and finds its row. On SQLite writing transactions take turns anyway;
/// PostgreSQL (CKM_TEST_DB=Postgres) is where the lock is needed.
/// </summary>
public sealed class SimultaneousSubmissionTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private const int Rounds = 8;

    private readonly ForumKit kit = new(app);

    /// <summary>The unique index covers one direction only, (ForumId, From, To): the lock on the pair keeps the other direction out.</summary>
    [Fact]
    public async Task Two_firms_asking_each_other_at_once_end_with_one_request_and_the_pair_stays_usable()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var pairs = new List<(ForumFirm Ca, ForumFirm Kr)>();
        for (var i = 0; i < Rounds; i++)
        {
            var ca = await kit.FirmAsync("CA");
            var kr = await kit.FirmAsync("KR");
            await ForumKit.RegisterAsync(ca, forum);
            await ForumKit.RegisterAsync(kr, forum);
            pairs.Add((ca, kr));
        }

        var responses = await Task.WhenAll(pairs.SelectMany(p => new[]
        {
            ForumKit.SendRequestAsync(p.Ca.Rep, forum, p.Ca.Id, p.Kr.Id),
            ForumKit.SendRequestAsync(p.Kr.Rep, forum, p.Kr.Id, p.Ca.Id),
        }));

        responses.Select(r => (int)r.StatusCode).ShouldAllBe(s => s < 500);
        var official = await kit.OfficialAsync();
        foreach (var (ca, kr) in pairs)
        {
            var rows = await app.WithDbAsync(db => db.MeetingRequests.CountAsync(r => r.ForumId == forum
                && ((r.FromCompanyId == ca.Id && r.ToCompanyId == kr.Id) || (r.FromCompanyId == kr.Id && r.ToCompanyId == ca.Id))));
            var mustMeet = await official.PostAsJsonAsync($"/api/v1/forums/{forum}/must-meet", new { firstCompanyId = ca.Id, secondCompanyId = kr.Id });
            ((int)mustMeet.StatusCode).ShouldBeLessThan(500, $"must-meet on a pair with {rows} request rows");
            rows.ShouldBe(1, "one request per pair of firms");
        }
    }

    [Fact]
    public async Task A_double_click_on_not_interested_answers_204_twice()
    {
        var ca = await kit.FirmAsync("CA");
        var others = new List<ForumFirm>();
        for (var i = 0; i < Rounds; i++)
        {
            others.Add(await kit.FirmAsync("KR"));
        }

        var responses = await Task.WhenAll(others.SelectMany(kr => Enumerable.Range(0, 2).Select(_ =>
            ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/not-interested", new { reason = "NotOurField" }))));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_registration_submitted_twice_at_once_registers_the_firm_once_and_both_succeed()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var firms = new List<ForumFirm>();
        for (var i = 0; i < Rounds; i++)
        {
            firms.Add(await kit.FirmAsync("CA"));
        }

        var responses = await Task.WhenAll(firms.SelectMany(f => Enumerable.Range(0, 2).Select(_ => ForumKit.RegisterAsync(f.Rep, forum, f.Id, ["en"]))));

        responses.ShouldAllBe(r => r.IsSuccessStatusCode);
        foreach (var firm in firms)
        {
            (await app.WithDbAsync(db => db.ForumRegistrations.CountAsync(r => r.ForumId == forum && r.CompanyId == firm.Id))).ShouldBe(1);
        }
    }
}
