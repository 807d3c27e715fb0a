using System.Net;
using System.Text.RegularExpressions;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>People's browsers get pages with words for every error; programs get problem documents; page handlers never catch errors themselves.</summary>
public sealed partial class PageErrorsTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    [Theory]
    [InlineData("/No/Such/Page", "en", "Page not found")]
    [InlineData("/No/Such/Page", "fr", "Page introuvable")]
    [InlineData("/No/Such/Page", "ko", "페이지를 찾을 수 없습니다")]
    [InlineData("/Companies/Details/6d1f4f84-0d7c-4a55-9a55-2f0b1c1e0b11", "en", "Page not found")]
    public async Task A_page_that_is_not_there_answers_404_with_a_page_in_the_readers_language(string path, string culture, string title)
    {
        using var browser = new BrowserlessClient(app);
        var response = await browser.Http.GetAsync(new Uri($"{path}?culture={culture}", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var document = await BrowserlessClient.ParseAsync(response);
        document.QuerySelector("[data-testid=error-page] h1")!.TextContent.Trim().ShouldBe(title);
        document.DocumentElement.GetAttribute("lang").ShouldBe(culture);
    }

    [Fact]
    public async Task Programs_still_get_problem_documents()
    {
        var client = app.CreateClient();
        var missing = await client.GetAsync(new Uri($"/api/v1/companies/{Guid.NewGuid()}", UriKind.Relative));
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var unknownRoute = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));
        unknownRoute.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownRoute.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_refused_command_on_a_page_shows_the_page_again_with_the_reason_above_the_form()
    {
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        var kit = new ForumKit(app);
        var forumId = (await ForumKit.CreateForumAsync(await app.ClientForAsync(organiserEmail), kit.Definition()))["id"]!.GetValue<Guid>();
        using var organiser = await BrowserlessClient.SignedInAsync(app, organiserEmail);

        var response = await organiser.SubmitFormAsync($"/Forums/{forumId}", [("to", nameof(ForumStatus.Closed))], "main form[action*='handler=Status']");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var document = await BrowserlessClient.ParseAsync(response);
        BrowserlessClient.Errors(document).ShouldNotBeEmpty();
        document.QuerySelector("main h1")!.TextContent.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Invalid_fields_on_a_page_become_field_messages_not_a_problem_document()
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var rep = await BrowserlessClient.SignedInAsync(app, email);

        var response = await rep.SubmitFormAsync("/Companies/Create", [("Form.Name", ""), ("Form.Country", "")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        BrowserlessClient.FieldError(await BrowserlessClient.ParseAsync(response), "Form.Name").ShouldNotBeEmpty();
    }

    [Fact]
    public void No_page_handler_catches_refusals_itself()
    {
        var pages = Path.Combine(SourceRoot(), "src", "CanadaKoreaMatch.Web", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("FormErrors.cs", StringComparison.Ordinal) && !f.EndsWith("PageErrors.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(pages, f), Line: i + 1, Text: line)))
            .Where(l => CatchOfRefusals().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty(string.Join("\n", offenders));
    }

    [Fact]
    public void No_refusal_is_built_from_an_interpolated_string()
    {
        // An interpolated message is a different text for every value: no translation can be keyed by it (decision 016).
        var web = Path.Combine(SourceRoot(), "src", "CanadaKoreaMatch.Web");
        var offenders = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => InterpolatedRefusal().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty(string.Join("\n", offenders));
    }

    private static string SourceRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CanadaKoreaMatch.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The solution folder was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"catch\s*\((Exception|ValidationException|InputException|ConflictException|DbUpdateConcurrencyException|ImportRejectedException)\b|FormErrors\.TryAdd")]
    private static partial Regex CatchOfRefusals();

    [GeneratedRegex(@"new\s+(ConflictException|Refusal)\s*\(\s*(\$|@\$)|InputException\.For\([^,]+,\s*(\$|@\$)|\.With(Message|Refusal)\(\s*(\$|@\$|[^)]*=>\s*\$)")]
    private static partial Regex InterpolatedRefusal();
}
