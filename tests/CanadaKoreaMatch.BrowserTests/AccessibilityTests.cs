using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CanadaKoreaMatch.BrowserTests;

/// <summary>
/// axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page of the application, signed in as each role that may see it,
/// in English, French and Korean, on the demo data.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    public const string DemoPassword = "Maple-Hanok-2025";
    public const string PublishedForum = "Canada–Korea Defence Industry Cooperation Forum";

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly string[] Cultures = ["en", "fr", "ko"];
    private static readonly ConditionalWeakTable<BrowserFixture, Lazy<Task<DemoIds>>> Ids = [];

    /// <summary>Page files that render no view of their own (Logout only answers a POST with a redirect).</summary>
    private static readonly string[] WithoutView = ["Account/Logout"];

    public static TheoryData<string, string> RolesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Enum.GetNames<Visitor>())
        {
            foreach (var culture in Cultures)
            {
                data.Add(role, culture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_page_a_role_may_see_has_no_WCAG_2_1_AA_violation(string role, string culture)
    {
        var visitor = Enum.Parse<Visitor>(role);
        var ids = await DemoIdsAsync();
        var page = await SignedInPageAsync(visitor, culture);
        var failures = new StringBuilder();
        var checkedPages = 0;

        foreach (var visit in Plan(ids).Where(v => v.Visitors.Contains(visitor)))
        {
            var response = await page.GotoAsync(visit.Path);
            if (visit.Then is { } then)
            {
                await then(page);
            }

            var status = visit.Then is null ? response!.Status : 200;
            if (status != visit.Status)
            {
                failures.AppendLine($"{visit.Path}: status {status}, expected {visit.Status} for {visitor}");
                continue;
            }

            var lang = await page.GetAttributeAsync("html", "lang");
            if (lang != culture)
            {
                failures.AppendLine($"{visit.Path}: <html lang=\"{lang}\">, expected \"{culture}\"");
            }

            if (visit.Screenshot && visitor == visit.Visitors[0])
            {
                await BrowserFixture.ScreenshotAsync(page, $"a11y-{culture}-{visitor}-{visit.Page.Replace('/', '-')}{(visit.Variant is null ? "" : "-" + visit.Variant)}{(visit.Then is null ? "" : "-errors")}");
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            failures.Append(await AxeFailuresAsync(page, visit.Path));
            output.WriteLine($"{visit.Path}: axe in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
            checkedPages++;
        }

        checkedPages.ShouldBeGreaterThan(3);
        failures.ToString().ShouldBeEmpty($"axe found problems for {visitor} in {culture}:\n{failures}");
    }

    [Fact]
    public void The_plan_visits_every_page_of_the_application()
    {
        var pagesDirectory = Path.Combine(RepositoryRoot(), "src", "CanadaKoreaMatch.Web", "Pages");
        var pages = Directory.GetFiles(pagesDirectory, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadLines(f).FirstOrDefault()?.StartsWith("@page", StringComparison.Ordinal) == true)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(pagesDirectory, f), null).Replace('\\', '/'))
            .ToList();
        var planned = Plan(DemoIds.Placeholder).Select(v => v.Page).ToHashSet();

        pages.ShouldNotBeEmpty();
        pages.Where(p => !planned.Contains(p) && !WithoutView.Contains(p)).ShouldBeEmpty("pages the accessibility run does not visit");
    }

    /// <summary>Runs axe on what the page shows now and describes each violation so that a reader can fix it.</summary>
    public static async Task<string> AxeFailuresAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var text = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            text.AppendLine($"{where}: [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.AppendLine($"    {node.Target}  {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine("      " + check.Message);
                }
            }
        }

        return text.ToString();
    }

    private async Task<IPage> SignedInPageAsync(Visitor visitor, string culture)
    {
        var page = await fixture.NewPageAsync(culture switch { "fr" => "fr-CA", "ko" => "ko-KR", _ => "en-CA" });
        if (Email(visitor) is { } email)
        {
            await BrowserFixture.SignInAsync(page, email, DemoPassword);
        }

        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = fixture.BaseUrl }]);
        return page;
    }

    private static string? Email(Visitor visitor) => visitor switch
    {
        Visitor.Representative => "rep.cae@ckm.demo",
        Visitor.TradeOfficial => "official.ccc@ckm.demo",
        Visitor.ForumOrganiser => "organiser@ckm.demo",
        Visitor.Administrator => "admin@ckm.demo",
        _ => null,
    };

    private static IEnumerable<Visit> Plan(DemoIds ids)
    {
        const Visitor anonymous = Visitor.Anonymous, rep = Visitor.Representative, official = Visitor.TradeOfficial,
            organiser = Visitor.ForumOrganiser, admin = Visitor.Administrator;
        Visitor[] everyone = [anonymous, rep, official, organiser, admin];
        Visitor[] signedIn = [rep, official, organiser, admin];
        Visitor[] officials = [official, admin];
        Visitor[] organisers = [organiser, admin];
        var forum = $"/Forums/{ids.PublishedForum}";
        var cae = ids.Cae;

        yield return new("Index", "/", everyone, Screenshot: true);
        yield return new("Account/Login", "/Account/Login", [anonymous]);
        yield return new("Account/Login", "/Account/Login", [anonymous], Then: SubmitAsync("form.stack button[type=submit]", "wrong@ckm.test", "not the password"), Screenshot: true);
        yield return new("Account/Register", "/Account/Register", [anonymous]);
        yield return new("Account/Register", "/Account/Register", [anonymous], Then: SubmitAsync("form.stack button[type=submit]"));
        yield return new("Account/RegisterConfirmation", "/Account/RegisterConfirmation?email=new.person%40example.com", [anonymous]);
        yield return new("Account/ConfirmEmail", "/Account/ConfirmEmail?userId=nobody&code=bad", [anonymous]);
        yield return new("Account/AcceptInvitation", "/Account/AcceptInvitation?email=invited%40example.com&code=bad", [anonymous]);
        yield return new("Account/AcceptRepresentativeInvitation", "/Account/AcceptRepresentativeInvitation?token=not-a-token", [anonymous, rep], Screenshot: true);
        yield return new("Account/AccessDenied", "/Admin/Users", [rep, official, organiser], Status: 403);
        yield return new("Error", $"/Companies/Details/{Guid.Empty}", [anonymous, rep, official, organiser, admin], Status: 404, Screenshot: true);
        yield return new("Feedback/Index", "/feedback/not-a-valid-link", [anonymous]);

        yield return new("Companies/Index", "/Companies", everyone);
        yield return new("Companies/Index", "/Companies?awaiting=true", officials);
        yield return new("Companies/Details", $"/Companies/Details/{cae}", everyone, Screenshot: true);
        yield return new("Companies/Details", $"/Companies/Details/{ids.Hanwha}", [rep]);
        yield return new("Companies/Mine", "/Companies/Mine", [rep]);
        yield return new("Companies/Create", "/Companies/Create", [rep]);
        yield return new("Companies/Create", "/Companies/Create", [rep], Then: SubmitAsync("main form button[type=submit]"), Screenshot: true);
        yield return new("Companies/Edit", $"/Companies/Edit/{cae}", [rep, admin]);
        yield return new("Companies/Suggestions", $"/Companies/Suggestions/{cae}", [rep, official, admin], Screenshot: true);
        yield return new("Companies/Suggestions", $"/Companies/Suggestions/{cae}?view=looking-for-you", [rep, official], Screenshot: true, Variant: "looking-for-you");
        yield return new("Companies/Import", "/Companies/Import", officials);
        yield return new("Matches/Details", $"/Matches/{ids.CaeMatch}", [rep, official, admin]);

        yield return new("Officials/Curation", "/Officials/Curation", officials);
        yield return new("Officials/Dashboard", "/Officials/Dashboard", officials, Screenshot: true);
        yield return new("Officials/FollowUps", "/Officials/FollowUps", officials);
        yield return new("Officials/Audit", "/Officials/Audit", [admin]);
        yield return new("Admin/Users", "/Admin/Users", [admin]);
        yield return new("Notifications/Index", "/Notifications", signedIn);

        yield return new("Forums/Index", "/Forums", signedIn);
        yield return new("Forums/Create", "/Forums/Create", organisers);
        yield return new("Forums/Details", forum, signedIn);
        yield return new("Forums/Details", $"/Forums/{ids.OpenForum}", signedIn);
        yield return new("Forums/Edit", $"{forum}/Edit", organisers);
        yield return new("Forums/Schedule", $"{forum}/Schedule", organisers, Screenshot: true);
        yield return new("Forums/Schedule", $"/Forums/{ids.OpenForum}/Schedule", [organiser]);
        yield return new("Forums/TablePlan", $"{forum}/TablePlan", organisers);
        yield return new("Forums/Dashboard", $"{forum}/Dashboard", organisers);
        yield return new("Forums/FollowUps", $"{forum}/FollowUps", [official, organiser, admin]);
        yield return new("Forums/Register", $"{forum}/Register?companyId={cae}", [rep]);
        yield return new("Forums/Firms", $"{forum}/Firms?companyId={cae}", [rep], Screenshot: true);
        yield return new("Forums/Agenda", $"{forum}/Agenda?companyId={cae}", [rep, official, organiser, admin], Screenshot: true);
        yield return new("Forums/MeetingFeedback", $"{forum}/Meetings/{ids.CaeMeeting}/Feedback?companyId={cae}", [rep]);

        yield return new("Account/Manage", "/Account/Manage", signedIn, Screenshot: true);
        yield return new("Account/TwoFactor", "/Account/TwoFactor", signedIn, Screenshot: true);
        yield return new("Account/ConfirmEmailChange", "/Account/ConfirmEmailChange?userId=nobody&email=new%40example.com&code=bad", [anonymous, rep]);

        // The anonymous visitor ends by giving an administrator's password: the second step of the sign-in.
        yield return new("Account/LoginWith2fa", "/Account/Login", [anonymous], Then: PasswordStepAsync, Screenshot: true);
        yield return new("Account/LoginWith2fa", "/Account/LoginWith2fa", [anonymous], Then: SubmitAsync("form.stack button[type=submit]"));
        yield return new("Account/LoginWithRecoveryCode", "/Account/LoginWithRecoveryCode", [anonymous], Screenshot: true);
    }

    private static async Task PasswordStepAsync(IPage page)
    {
        await page.FillAsync("input[name=Email]", "admin@ckm.demo");
        await page.FillAsync("input[name=Password]", DemoPassword);
        await page.ClickAsync("form.stack button[type=submit]");
        await BrowserFixture.WaitForUrlAsync(page, url => url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal));
    }

    private static Func<IPage, Task> SubmitAsync(string button, params string[] values) => async page =>
    {
        var fields = page.Locator("main form input:visible:not([type=hidden]):not([type=checkbox]):not([type=radio])");
        for (var i = 0; i < values.Length; i++)
        {
            await fields.Nth(i).FillAsync(values[i]);
        }

        await page.ClickAsync(button);
        await page.Locator("main [role=alert]").WaitForAsync();
    };

    private Task<DemoIds> DemoIdsAsync() => Ids.GetValue(fixture, f => new Lazy<Task<DemoIds>>(() => ReadDemoIdsAsync(f))).Value;

    /// <summary>The ids the pages need, read from the demo data as an administrator sees it.</summary>
    private static async Task<DemoIds> ReadDemoIdsAsync(BrowserFixture fixture)
    {
        await fixture.RecomputeSuggestionsAsync();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@ckm.demo", DemoPassword);

        await page.GotoAsync("/Companies?search=CAE");
        var cae = IdIn(await page.Locator("[data-testid=companies] a", new() { HasTextRegex = new Regex("^CAE$") }).GetAttributeAsync("href"));
        await page.GotoAsync("/Companies?search=Hanwha%20Ocean");
        var hanwha = IdIn(await page.Locator("[data-testid=companies] a", new() { HasTextString = "Hanwha Ocean" }).First.GetAttributeAsync("href"));

        await page.GotoAsync("/Forums");
        var published = IdIn(await page.Locator("[data-testid=forums] a", new() { HasTextString = PublishedForum }).First.GetAttributeAsync("href"));
        var open = IdIn(await page.Locator("[data-testid=forums] a", new() { HasTextString = "CANSEC" }).First.GetAttributeAsync("href"));

        await page.GotoAsync("/Officials/Curation?search=CAE");
        var match = IdIn(await page.Locator("[data-testid=curation-queue] a[href^='/Matches/']").First.GetAttributeAsync("href"));

        await page.GotoAsync($"/Forums/{published}/Agenda?companyId={cae}");
        var meeting = Guid.Parse((await page.Locator("[data-testid=agenda-item]").First.GetAttributeAsync("data-meeting"))!);
        await page.Context.CloseAsync();
        return new DemoIds(cae, hanwha, published, open, match, meeting);
    }

    private static Guid IdIn(string? href) => Guid.Parse(GuidPattern().Match(href ?? "").Value);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CanadaKoreaMatch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CanadaKoreaMatch.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    public enum Visitor
    {
        Anonymous,
        Representative,
        TradeOfficial,
        ForumOrganiser,
        Administrator,
    }

    private sealed record Visit(string Page, string Path, Visitor[] Visitors, int Status = 200, Func<IPage, Task>? Then = null, bool Screenshot = false, string? Variant = null);

    private sealed record DemoIds(Guid Cae, Guid Hanwha, Guid PublishedForum, Guid OpenForum, Guid CaeMatch, Guid CaeMeeting)
    {
        public static readonly DemoIds Placeholder = new(Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty);
    }
}
