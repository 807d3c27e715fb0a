using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CanadaKoreaMatch.ScaleOut.Tests;

/// <summary>
/// Two app processes on one PostgreSQL (and one SQLite process restarted), driven over HTTP, killed with SIGKILL.
/// Each test prints its figures (queued, delivered, duplicated, lost) to the test output.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_bearer_token_a_cookie_an_antiforgery_token_and_an_emailed_link_issued_by_one_instance_work_on_the_other()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);

        var (_, access, refresh) = await a.SignInAsync(Cluster.AdminEmail);
        var info = await b.BearerClient(access).GetAsync(new Uri("/api/v1/auth/manage/info", UriKind.Relative));
        info.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await info.Content.ReadAsStringAsync()).ShouldContain(Cluster.AdminEmail);
        (await b.Http.PostAsJsonAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative), new { refreshToken = refresh })).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var signIn = await PostFormAsync(browser, a, "/Account/Login", ("Email", Cluster.AdminEmail), ("Password", Cluster.Password));
        signIn.Headers.Location!.OriginalString.ShouldStartWith("/Account/LoginWith2fa");
        var secondStep = await PostFormAsync(browser, a, "/Account/LoginWith2fa", ("Code", cluster.Authenticators.CodeFor(Cluster.AdminEmail)!));
        secondStep.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync(new Uri(b.Url, "/Admin/Users"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The form (and its antiforgery token) comes from A; B accepts the post.
        var invitee = $"official-{Guid.NewGuid():N}@ckm.test";
        var token = await AntiforgeryTokenAsync(browser, a, "/Admin/Users");
        var invite = await browser.PostAsync(new Uri(b.Url, "/Admin/Users"), Form(("__RequestVerificationToken", token), ("Invite.DisplayName", "Ji-woo Han"),
            ("Invite.Email", invitee), ("Invite.Role", Roles.TradeOfficial), ("Invite.Organisation", "DAPA"), ("Invite.Language", "en")));
        invite.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The invitation link carries a token protected by B's request; A opens it and activates the account.
        var mail = await Cluster.EventuallyAsync(() => Task.FromResult(cluster.Delivered().Select(d => MimeKit.MimeMessage.Load(d.File))
                .FirstOrDefault(m => m.To.Mailboxes.Any(x => x.Address == invitee))), m => m is not null, Patience, "invitation delivered");
        var link = new HtmlParser().ParseDocument(mail!.HtmlBody ?? "").QuerySelector("a[href]")!.GetAttribute("href")!;
        var path = new Uri(link).PathAndQuery;
        using var invited = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        var accepted = await PostFormAsync(invited, a, path, ("Email", query["email"]!), ("Code", query["code"]!), ("Password", "a new passphrase for Ji-woo"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await accepted.Content.ReadAsStringAsync());
        (await b.Http.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email = invitee, password = "a new passphrase for Ji-woo" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_profile_edited_through_one_instance_shows_in_suggestions_once_whichever_instance_refreshed()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var (a, b) = (cluster.Instances[0], cluster.Instances[1]);
        var (adminA, _, _) = await a.SignInAsync(Cluster.AdminEmail);
        var (adminB, _, _) = await b.SignInAsync(Cluster.AdminEmail);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var imported = await adminA.PostAsync(new Uri("/api/v1/companies/import", UriKind.Relative), Csv(
            $"Hanwha Systems {marker},KR,Seoul,LARGE,,,KO;EN,SENS.SONAR:9;SENS.RADAR:8,MFG.ILS,CO_DEVELOPMENT,CPSP,ISO9001,Naval combat systems and sonar",
            $"Kraken Robotics {marker},CA,Newfoundland and Labrador,SME,,,EN,MAR.UNCREWED:8,LAND.ARMOUR,CO_PRODUCTION,,ISO9001,Uncrewed surface vessels and subsea batteries",
            $"Hyundai Rotem {marker},KR,Changwon,LARGE,,,KO,LAND.ARMOUR:9,MAT.METALS,CO_PRODUCTION,,ISO9001,Armoured vehicles"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var ids = (await imported.Content.ReadFromJsonAsync<JsonObject>())!["ids"]!.AsArray().Select(i => i!.GetValue<Guid>()).ToList();
        var (sonarPrime, kraken, rotem) = (ids[0], ids[1], ids[2]);

        await Cluster.EventuallyAsync(() => SuggestedAsync(adminB, kraken), list => list.Contains(rotem), Patience, "first suggestions");
        (await SuggestedAsync(adminB, kraken)).ShouldNotContain(sonarPrime);

        // Through A, the Canadian firm now seeks sonar: B serves the list that the refresh (on either instance) stored.
        var profile = (await adminA.GetFromJsonAsync<JsonObject>(new Uri($"/api/v1/companies/{kraken}", UriKind.Relative)))!;
        profile["seeks"] = new JsonArray(new JsonObject { ["code"] = "SENS.SONAR", ["trl"] = 8 });
        var put = await adminA.PutAsJsonAsync(new Uri($"/api/v1/companies/{kraken}", UriKind.Relative), profile);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var list = await Cluster.EventuallyAsync(() => SuggestedAsync(adminB, kraken), l => l.Contains(sonarPrime), Patience, "edit reflected on B");

        list.Count(id => id == sonarPrime).ShouldBe(1);
        list.Distinct().Count().ShouldBe(list.Count);
        await Cluster.EventuallyAsync(async () => { await using var db = cluster.Db(); return await db.SuggestionRefreshes.CountAsync(); }, n => n == 0, Patience, "refresh queue drained");
        await using var check = cluster.Db();
        var pairs = await check.Matches.Select(m => new { m.CanadianCompanyId, m.KoreanCompanyId }).ToListAsync();
        pairs.Distinct().Count().ShouldBe(pairs.Count);
        pairs.Count(p => p.CanadianCompanyId == kraken && p.KoreanCompanyId == sonarPrime).ShouldBeLessThanOrEqualTo(1);
        var ranks = await check.Suggestions.Where(s => s.CompanyId == kraken).Select(s => s.Rank).ToListAsync();
        ranks.Order().ShouldBe(Enumerable.Range(1, ranks.Count));
        var holder = (await check.JobLeases.SingleAsync(l => l.Name == "suggestion-refresh")).Holder;
        output.WriteLine($"profile edited on {a.Name} (pid {a.ProcessId}); last refresh by {holder}; {list.Count} suggestions, {pairs.Count} curation pairs, no duplicates");
    }

    [Fact]
    public async Task Two_hundred_messages_queued_at_once_are_each_delivered_exactly_once_by_two_instances()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var queued = await QueueAsync(cluster, 200);

        var sent = await Cluster.EventuallyAsync(() => SentCountAsync(cluster, queued), n => n == queued.Count, Patience, "all sent");

        var figures = await FiguresAsync(cluster, queued);
        output.WriteLine($"two instances, 200 queued at once: {figures}");
        figures.Delivered.ShouldBe(200);
        figures.Duplicated.ShouldBe(0);
        figures.Lost.ShouldBe(0);
        figures.Resent.ShouldBe(0);
        sent.ShouldBe(200);
    }

    [Fact]
    public async Task Killing_the_instance_that_is_delivering_loses_and_duplicates_nothing()
    {
        await using var cluster = await Cluster.StartAsync(2, settings: new() { ["Email__SendIntervalMilliseconds"] = "40" });
        var queued = await QueueAsync(cluster, 200);

        // Wait until one instance is mid-delivery (it holds a claim), then SIGKILL it.
        var claim = await Cluster.EventuallyAsync(async () =>
        {
            await using var db = cluster.Db();
            var now = DateTime.UtcNow;
            return await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.LockedUntil > now).Select(m => m.LockedBy).FirstOrDefaultAsync();
        }, c => c is not null, Patience, "a delivery in progress");
        var victim = cluster.Instances.Single(i => claim!.Contains($":{i.ProcessId}:", StringComparison.Ordinal));
        var deliveredBeforeKill = cluster.Delivered().Count;
        victim.KillHard();
        var survivor = cluster.Instances.Single(i => i != victim);

        await Cluster.EventuallyAsync(() => SentCountAsync(cluster, queued), n => n == queued.Count, Patience, "survivor finished");

        var figures = await FiguresAsync(cluster, queued);
        output.WriteLine($"killed {victim.Name} (pid {victim.ProcessId}) after {deliveredBeforeKill} files; {survivor.Name} finished: {figures}");
        figures.Delivered.ShouldBe(200);
        figures.Duplicated.ShouldBe(0);
        figures.Lost.ShouldBe(0);
        survivor.Exited.ShouldBeFalse();
    }

    [Fact]
    public async Task Killing_the_instance_that_is_refreshing_suggestions_lets_the_other_finish_with_nothing_duplicated()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var (admin, _, _) = await cluster.Instances[0].SignInAsync(Cluster.AdminEmail);
        var codes = new[] { "MAR.SHIP", "MAR.SUB", "MAR.MRO", "SENS.RADAR", "SENS.SONAR", "SENS.EO", "DIGI.AI", "DIGI.CYBER", "SPACE.SAT", "MAT.CRITICAL", "MFG.ILS", "SVC.TRAINING" };
        var rows = Enumerable.Range(0, 600).Select(i =>
            $"Firm {i:000} {Guid.NewGuid().ToString("N")[..4]},{(i % 2 == 0 ? "CA" : "KR")},Region,{(i % 3 == 0 ? "LARGE" : "SME")},,,EN," +
            $"{codes[i % codes.Length]}:7;{codes[(i * 5 + 1) % codes.Length]},{codes[(i * 7 + 3) % codes.Length]},CO_PRODUCTION,,ISO9001,Supplier number {i} of naval and sensor systems").ToArray();
        var imported = await admin.PostAsync(new Uri("/api/v1/companies/import", UriKind.Relative), Csv(rows));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var importedAt = DateTime.UtcNow;

        var holder = await Cluster.EventuallyAsync(async () =>
        {
            await using var db = cluster.Db();
            var now = DateTime.UtcNow;
            return await db.JobLeases.Where(l => l.Name == "suggestion-refresh" && l.ExpiresAt > now).Select(l => l.Holder).FirstOrDefaultAsync();
        }, h => h is not null, Patience, "a refresh in progress");
        var victim = cluster.Instances.Single(i => holder!.Contains($":{i.ProcessId}:", StringComparison.Ordinal));
        victim.KillHard();
        var killedAt = DateTime.UtcNow;
        var survivor = cluster.Instances.Single(i => i != victim);

        await using (var db = cluster.Db())
        {
            var firms = await db.Companies.CountAsync();
            await Cluster.EventuallyAsync(async () =>
            {
                await using var probe = cluster.Db();
                return (Pending: await probe.SuggestionRefreshes.CountAsync(),
                    Listed: await probe.Suggestions.Where(s => s.ComputedAt > importedAt).Select(s => s.CompanyId).Distinct().CountAsync());
            }, s => s.Pending == 0 && s.Listed == firms, Patience, "survivor refreshed every firm");
        }

        await using var check = cluster.Db();
        var lease = await check.JobLeases.SingleAsync(l => l.Name == "suggestion-refresh");
        lease.Holder.ShouldContain($":{survivor.ProcessId}:");
        var pairs = await check.Matches.Select(m => new { m.CanadianCompanyId, m.KoreanCompanyId }).ToListAsync();
        pairs.Distinct().Count().ShouldBe(pairs.Count);
        var ranks = await check.Suggestions.GroupBy(s => s.CompanyId).Select(g => new { Count = g.Count(), Distinct = g.Select(s => s.Rank).Distinct().Count(), Max = g.Max(s => s.Rank) }).ToListAsync();
        ranks.ShouldAllBe(r => r.Count == r.Distinct && r.Max == r.Count);
        var after = await check.Suggestions.Where(s => s.ComputedAt > killedAt).Select(s => s.CompanyId).Distinct().CountAsync();
        output.WriteLine($"600 firms imported; killed {victim.Name} (pid {victim.ProcessId}) holding the refresh lease; {survivor.Name} stored the lists of {after} firms after the kill; " +
            $"{pairs.Count} curation pairs, 0 duplicated; {ranks.Count} lists with ranks 1..n");
    }

    [Fact]
    public async Task A_single_SQLite_instance_restarted_with_messages_pending_delivers_them_once()
    {
        await using var cluster = await Cluster.StartAsync(0, provider: "Sqlite");
        var first = await cluster.StartInstanceAsync("A", new() { ["Jobs__Enabled"] = "false" });
        var emails = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var email = $"rep{i}-{Guid.NewGuid():N}@ckm.test";
            (await first.Http.PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { email, password = Cluster.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
            emails.Add(email);
        }

        var queued = await QueueAsync(cluster, 45);
        await using (var db = cluster.Db())
        {
            queued = await db.OutboxMessages.Select(m => m.Id).ToListAsync();
        }

        queued.Count.ShouldBe(50);
        cluster.Delivered().ShouldBeEmpty();
        first.KillHard();

        var second = await cluster.StartInstanceAsync("A");
        await Cluster.EventuallyAsync(() => SentCountAsync(cluster, queued), n => n == queued.Count, Patience, "sent after the restart");

        var figures = await FiguresAsync(cluster, queued);
        output.WriteLine($"SQLite, one instance killed with 50 pending (5 sign-ups + 45 queued), restarted as pid {second.ProcessId}: {figures}");
        figures.Delivered.ShouldBe(50);
        figures.Duplicated.ShouldBe(0);
        figures.Lost.ShouldBe(0);
        figures.Resent.ShouldBe(0);
        foreach (var email in emails)
        {
            cluster.Delivered().Select(d => MimeKit.MimeMessage.Load(d.File)).Count(m => m.To.Mailboxes.Any(x => x.Address == email)).ShouldBe(1);
        }
    }

    private static async Task<List<Guid>> QueueAsync(Cluster cluster, int count)
    {
        await using var db = cluster.Db();
        var now = DateTime.UtcNow;
        var messages = Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            Id = Guid.NewGuid(), To = $"bulk{i}@ckm.test", Subject = $"Agenda {i}", HtmlBody = $"<p>Message {i}</p>", Template = "test", Language = "en",
            Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        }).ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    }

    private static async Task<int> SentCountAsync(Cluster cluster, List<Guid> ids)
    {
        await using var db = cluster.Db();
        return await db.OutboxMessages.CountAsync(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sent);
    }

    private static async Task<Figures> FiguresAsync(Cluster cluster, List<Guid> queued)
    {
        var files = cluster.Delivered();
        var byMessage = files.GroupBy(f => Guid.ParseExact(f.MessageId.Split('@')[0], "N")).ToDictionary(g => g.Key, g => g.Count());
        await using var db = cluster.Db();
        var rows = await db.OutboxMessages.Where(m => queued.Contains(m.Id)).ToListAsync();
        var perInstance = rows.GroupBy(r => r.LockedBy?.Split(':')[1] ?? "?").ToDictionary(g => "pid " + g.Key, g => g.Count());
        return new Figures(
            Queued: queued.Count,
            Delivered: queued.Count(byMessage.ContainsKey),
            Duplicated: byMessage.Values.Sum(n => n - 1),
            Lost: queued.Count(id => !byMessage.ContainsKey(id)),
            Resent: rows.Count(r => r.Attempts > 1),
            Sender: string.Join(", ", perInstance.Select(p => $"{p.Key}: {p.Value}")));
    }

    private static async Task<List<Guid>> SuggestedAsync(HttpClient client, Guid company)
    {
        var response = await client.GetAsync(new Uri($"/api/v1/companies/{company}/suggestions?top=20", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(s => s!["companyId"]!.GetValue<Guid>()).ToList();
    }

    private static StringContent Csv(params string[] rows) =>
        new("name,country,region,size,website,ncage,languages,offers,seeks,modes,programmes,compliance,description\r\n" + string.Join("\r\n", rows) + "\r\n",
            Encoding.UTF8, "text/csv");

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, Instance instance, string path)
    {
        var page = await browser.GetStringAsync(new Uri(instance.Url, path));
        return new HtmlParser().ParseDocument(page).QuerySelector("form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, Instance instance, string path, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(browser, instance, path);
        return await browser.PostAsync(new Uri(instance.Url, path), Form([("__RequestVerificationToken", token), .. fields]));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private sealed record Figures(int Queued, int Delivered, int Duplicated, int Lost, int Resent, string Sender)
    {
        public override string ToString() =>
            $"queued {Queued}, delivered {Delivered}, duplicated {Duplicated}, lost {Lost}, sent again after a lease expired {Resent} (same file); by sender: {Sender}";
    }
}
