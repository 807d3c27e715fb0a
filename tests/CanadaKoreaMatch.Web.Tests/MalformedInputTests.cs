using System.Net;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>Malformed input (null where a value is required, dates out of range, a value outside an enumeration, a missing id) is a 4xx, never a 500 or a stored value.</summary>
public sealed class MalformedInputTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private static readonly string[] English = ["en"];

    private readonly ForumKit kit = new(app);

    public static TheoryData<string> BadCompanyBodies() => ["offers null", "seeks null", "modes null", "name null", "offers [null]"];

    [Theory]
    [MemberData(nameof(BadCompanyBodies))]
    public async Task A_company_body_with_a_null_list_or_name_is_a_400_problem_not_a_500(string bad)
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var body = bad switch
        {
            "offers null" => Payloads.Company().With("offers", null),
            "seeks null" => Payloads.Company().With("seeks", null),
            "modes null" => Payloads.Company().With("modes", null),
            "name null" => Payloads.Company().With("name", null),
            "offers [null]" => Payloads.Company().With("offers", new object?[] { null }),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        await (await rep.PostAsJsonAsync("/api/v1/companies", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string> BadForumBodies() => ["tables [null]", "days [null]", "interpreters [null]", "template start 9999-12-31", "template start 0001-01-01"];

    [Theory]
    [MemberData(nameof(BadForumBodies))]
    public async Task A_malformed_forum_definition_is_a_400_problem_not_a_500(string bad)
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        object body = bad switch
        {
            "tables [null]" => kit.Definition().With("tables", new object?[] { null }),
            "days [null]" => kit.Definition().With("days", new object?[] { null }),
            "interpreters [null]" => kit.Definition().With("interpreters", new object?[] { null }),
            "template start 9999-12-31" => new { template = "cansec", startDate = "9999-12-31" },
            "template start 0001-01-01" => new { template = "cansec", startDate = "0001-01-01" },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        await (await organiser.PostAsJsonAsync("/api/v1/forums", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_registration_with_a_null_slot_or_a_null_delegate_is_a_400_problem_not_a_500()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var firm = await kit.FirmAsync("CA");

        var nullSlot = await firm.Rep.PostAsJsonAsync($"/api/v1/forums/{forum}/registrations", new
        {
            companyId = firm.Id, delegates = new[] { new { name = "Alex Kim", languages = English } }, unavailable = new string?[] { null },
        });
        var nullDelegate = await firm.Rep.PostAsJsonAsync($"/api/v1/forums/{forum}/registrations", new { companyId = firm.Id, delegates = new object?[] { null } });

        await nullSlot.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await nullDelegate.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_agenda_calendar_of_an_unknown_firm_is_a_404_not_a_500()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var official = await kit.OfficialAsync();
        var unknown = Guid.NewGuid();

        (await official.GetAsync($"/api/v1/forums/{forum}/agenda?companyId={unknown}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await official.GetAsync($"/api/v1/forums/{forum}/agenda.ics?companyId={unknown}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_official_cannot_record_an_outcome_that_is_not_one_of_the_outcomes()
    {
        var official = await kit.OfficialAsync();
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        var match = await (await ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/request-introduction", new { message = "Shall we?" })).JsonAsync();
        var id = match["id"]!.GetValue<Guid>();
        foreach (var step in new[] { "review", "approve", "introduce", "meeting" })
        {
            await (await official.PostAsJsonAsync($"/api/v1/matches/{id}/{step}", new { })).ShouldSucceedAsync();
        }

        var outcome = await official.PostAsJsonAsync($"/api/v1/matches/{id}/outcome", new { outcome = 99 });

        await outcome.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Matches.Where(m => m.Id == id).Select(m => m.Status).SingleAsync())).ShouldBe(MatchStatus.Meeting);
    }

    [Fact]
    public async Task The_audit_page_answers_a_far_end_date_without_a_server_error()
    {
        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, officialEmail);

        var page = await browser.Http.GetAsync(new Uri("/Officials/Audit?To=9999-12-31", UriKind.Relative));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/Companies?PageNumber=2147483647")]
    [InlineData("/Officials/Audit?PageNumber=2147483647")]
    [InlineData("/Officials/Curation?PageNumber=2147483647")]
    public async Task A_page_number_whose_offset_would_overflow_shows_an_empty_page_past_the_last_one(string url)
    {
        var officialEmail = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, officialEmail);

        var page = await browser.Http.GetAsync(new Uri(url, UriKind.Relative));

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await BrowserlessClient.ParseAsync(page);
        document.QuerySelector("[role=alert]").ShouldBeNull("a page past the last one is empty, not refused");
        document.QuerySelectorAll("main table tbody tr").Length.ShouldBe(0);
    }

    [Fact]
    public async Task A_forum_page_post_without_a_firm_is_a_400_not_a_500()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var firm = await kit.FirmAsync("CA");
        using var browser = await BrowserlessClient.SignedInAsync(app, firm.RepEmail);
        var token = await browser.AntiforgeryTokenAsync($"/Forums/{forum}/Agenda?companyId={firm.Id}", "form[action*='handler=Subscribe']");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };

        var revoke = await browser.Http.PostAsync(new Uri($"/Forums/{forum}/Agenda?handler=Revoke", UriKind.Relative), new FormUrlEncodedContent(form));
        var request = await browser.Http.PostAsync(new Uri($"/Forums/{forum}/Firms?handler=Request", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["toCompanyId"] = Guid.NewGuid().ToString(), ["priority"] = "WouldLike" }));

        revoke.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        request.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/companies?page=2147483647&pageSize=100")]
    [InlineData("/api/v1/matches?page=2147483647&pageSize=100")]
    [InlineData("/api/v1/audit?page=2147483647&pageSize=200")]
    public async Task A_page_number_whose_offset_overflows_is_a_400_problem_not_another_page(string url)
    {
        await kit.FirmAsync("CA");

        var response = await (await kit.OfficialAsync()).GetAsync(url);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["page"]);
    }

    [Theory]
    [InlineData("domain=NOT-A-DOMAIN")]
    [InlineData("view=looking-for-you&programme=A-PROGRAMME-NAME-LONGER-THAN-ANY-CODE")]
    [InlineData("mode=A-MODE-NAME-LONGER-THAN-ANY-CODE-OF-THE-TAXONOMY")]
    public async Task A_suggestions_filter_that_is_no_code_of_the_taxonomy_shows_the_page_unfiltered_not_a_500(string query)
    {
        var firm = await kit.FirmAsync("CA");
        using var browser = await BrowserlessClient.SignedInAsync(app, firm.RepEmail);

        var response = await browser.Http.GetAsync(new Uri($"/Companies/Suggestions/{firm.Id}?{query}", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await BrowserlessClient.ParseAsync(response);
        page.QuerySelectorAll("[data-testid='suggestion-filters'] option[selected]").ShouldBeEmpty();
        page.QuerySelector("[data-testid='looking-for-you-tab']")!.GetAttribute("href").ShouldBe($"/Companies/Suggestions/{firm.Id}?view=looking-for-you");
    }

    [Fact]
    public async Task A_list_the_request_type_declares_optional_may_be_left_out()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);

        var response = await rep.PutAsJsonAsync("/api/v1/me/notification-preferences", new { language = "fr" });

        await response.ShouldSucceedAsync();
        var preferences = await response.JsonAsync();
        preferences["language"]!.GetValue<string>().ShouldBe("fr");
        preferences["muted"]!.AsArray().ShouldBeEmpty();
    }
}
