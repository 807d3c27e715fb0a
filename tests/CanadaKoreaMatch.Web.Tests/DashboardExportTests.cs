using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>The officials' dashboard as CSV: what organisers and firms typed cannot run as a formula in the official's spreadsheet.</summary>
public sealed class DashboardExportTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] Formulas = ["=SUM(1+2)", "+SUM(1+2)", "-2+3", "@SUM(1)"];

    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_forum_name_that_looks_like_a_spreadsheet_formula_is_escaped_in_the_dashboard_csv()
    {
        var (forumId, _, _, _) = await kit.PublishedMeetingAsync();
        var past = app.Clock.GetUtcNow().UtcDateTime.AddHours(-2);
        await app.WithDbAsync(db => db.PublishedMeetings.Where(m => m.ForumId == forumId).ExecuteUpdateAsync(s => s.SetProperty(m => m.StartsAt, past)));
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, await app.CreateUserAsync(Roles.TradeOfficial));

        foreach (var formula in Formulas)
        {
            var name = $"{formula} {Guid.NewGuid():N}"[..20];
            await app.WithDbAsync(db => db.Forums.Where(f => f.Id == forumId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Name, name)));

            foreach (var csv in new[] { await official.GetStringAsync("/api/v1/dashboard/export"), await browser.Http.GetStringAsync("/Officials/Dashboard?handler=Export") })
            {
                var lines = csv.Split("\r\n").Where(l => l.Contains(name[1..], StringComparison.Ordinal)).ToList();
                lines.ShouldNotBeEmpty(csv);
                foreach (var line in lines)
                {
                    var forum = line.Split(',')[1].Trim('"');
                    forum.ShouldEndWith(name, Case.Sensitive, line);
                    forum[0].ShouldNotBeOneOf('=', '+', '-', '@', '\t', '\r');
                }
            }
        }
    }
}
