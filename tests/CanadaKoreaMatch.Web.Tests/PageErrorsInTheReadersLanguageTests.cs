using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using CanadaKoreaMatch.Web.Common.Errors;
using CanadaKoreaMatch.Web.Common.Localization;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Pages;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// A refusal reads in the page's language (decision 016): a validator's field message, a conflict with values in it and a
/// concurrent change. The API answers the same request in English, even when it asks for another language.
/// </summary>
public sealed class PageErrorsInTheReadersLanguageTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Theory]
    [InlineData("fr", "Saisissez le nom de l'entreprise.")]
    [InlineData("ko", "기업명을 입력하십시오.")]
    public async Task A_validators_field_message_reads_in_the_pages_language_and_in_english_in_the_api(string culture, string expected)
    {
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var rep = await SignedInAsync(email, culture);

        var document = await BrowserlessClient.ParseAsync(await rep.SubmitFormAsync("/Companies/Create", [("Form.Name", ""), ("Form.Country", "CA")]));

        document.DocumentElement.GetAttribute("lang").ShouldBe(culture);
        BrowserlessClient.FieldError(document, "Form.Name").ShouldBe(expected);
        var problem = await (await SendAsync(await app.ClientForAsync(email), culture, HttpMethod.Post, "/api/v1/companies", Payloads.Company("")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Messages(problem, "name").ShouldContain("Enter the firm's name.");
    }

    [Theory]
    [InlineData("fr", "Une entreprise nommée «\u00a0{0}\u00a0» est déjà inscrite pour le pays CA.")]
    [InlineData("ko", "'{0}'(이)라는 기업이 CA에 이미 등록되어 있습니다.")]
    public async Task A_validators_message_with_values_reads_in_the_pages_language_with_the_same_values(string culture, string expected)
    {
        var existing = await kit.FirmAsync("CA");
        var email = await app.CreateUserAsync(Roles.CompanyRepresentative);
        using var rep = await SignedInAsync(email, culture);

        var document = await BrowserlessClient.ParseAsync(await rep.SubmitFormAsync("/Companies/Create", [("Form.Name", existing.Name), ("Form.Country", "CA")]));

        BrowserlessClient.FieldError(document, "Form.Name").ShouldBe(string.Format(CultureInfo.InvariantCulture, expected, existing.Name));
        var problem = await (await SendAsync(await app.ClientForAsync(email), culture, HttpMethod.Post, "/api/v1/companies", Payloads.Company(existing.Name)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Messages(problem, "name").ShouldContain($"A firm named '{existing.Name}' is already registered in CA.");
    }

    [Theory]
    [InlineData("fr", "Un forum ne peut pas passer de l'état «\u00a0Brouillon\u00a0» à l'état «\u00a0Clos\u00a0».")]
    [InlineData("ko", "포럼은 '초안' 상태에서 '종료' 상태로 바뀔 수 없습니다.")]
    public async Task A_refused_forum_status_change_names_both_statuses_in_the_pages_language(string culture, string expected)
    {
        var organiserEmail = await app.CreateUserAsync(Roles.ForumOrganiser);
        var organiserApi = await app.ClientForAsync(organiserEmail);
        var forumId = (await ForumKit.CreateForumAsync(organiserApi, kit.Definition()))["id"]!.GetValue<Guid>();
        using var organiser = await SignedInAsync(organiserEmail, culture);

        var response = await organiser.SubmitFormAsync($"/Forums/{forumId}", [("to", nameof(ForumStatus.Closed))], "main form[action*='handler=Status']");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)).ShouldBe(expected);
        var problem = await (await SendAsync(organiserApi, culture, HttpMethod.Post, $"/api/v1/forums/{forumId}/status", new { status = nameof(ForumStatus.Closed) }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().ShouldBe("A forum cannot go from Draft to Closed.");
    }

    [Theory]
    [InlineData("fr", "La date limite des demandes de rencontre est passée le {0} UTC.")]
    [InlineData("ko", "상담 요청 마감이 {0} UTC에 지났습니다.")]
    public async Task A_meeting_request_after_the_deadline_is_refused_in_the_pages_language_with_the_date_as_in_the_api(string culture, string expected)
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var deadline = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        var forumId = await kit.OpenForumAsync(organiser, kit.Definition(deadline: deadline));
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forumId);
        await ForumKit.RegisterAsync(kr, forumId);
        using var rep = await SignedInAsync(ca.RepEmail, culture);
        var firms = $"/Forums/{forumId}/Firms?companyId={ca.Id}";
        var form = (IHtmlFormElement)(await rep.GetDocumentAsync(firms)).QuerySelector($"form[action*='toCompanyId={kr.Id}']")!;
        var date = deadline.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        try
        {
            using var fields = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["priority"] = nameof(MeetingPriority.WouldLike),
                ["message"] = "",
            });
            var response = await rep.Http.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), fields);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)).ShouldBe(string.Format(CultureInfo.InvariantCulture, expected, date));
            var problem = await (await SendAsync(ca.Rep, culture, HttpMethod.Post, $"/api/v1/forums/{forumId}/meeting-requests",
                new { fromCompanyId = ca.Id, toCompanyId = kr.Id, priority = nameof(MeetingPriority.WouldLike) })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
            problem["detail"]!.GetValue<string>().ShouldBe($"The deadline for meeting requests passed on {date} UTC.");
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Theory]
    [InlineData("fr", "Quelqu'un d'autre a modifié cette entreprise depuis que vous l'avez ouverte. Rechargez-la et refaites votre modification.")]
    [InlineData("ko", "이 기업 정보를 불러온 뒤 다른 사람이 변경했습니다. 다시 불러온 뒤 변경 사항을 다시 적용하십시오.")]
    public async Task An_edit_from_a_stale_version_is_refused_in_the_pages_language(string culture, string expected)
    {
        var firm = await kit.FirmAsync("CA");
        using var rep = await SignedInAsync(firm.RepEmail, culture);
        var edit = $"/Companies/Edit/{firm.Id}";
        var version = (await rep.GetDocumentAsync(edit)).QuerySelector("main form input[name='Form.Version']")!.GetAttribute("value")!;
        await (await firm.Rep.PutAsJsonAsync($"/api/v1/companies/{firm.Id}", Payloads.Company(firm.Name).With("description", "Changed meanwhile."))).ShouldSucceedAsync();

        var response = await rep.SubmitFormAsync(edit, [("Form.Version", version), ("Form.Description", "Lost update.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)).ShouldBe(expected);
        var problem = await (await SendAsync(firm.Rep, culture, HttpMethod.Put, $"/api/v1/companies/{firm.Id}", Payloads.Company(firm.Name).With("version", Guid.Parse(version))))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().ShouldBe("Someone else changed this firm since you loaded it. Reload it and apply your change again.");
    }

    [Theory]
    [InlineData("fr", "Quelqu'un d'autre a modifié cette fiche depuis que vous l'avez ouverte. Rechargez-la et refaites votre modification.")]
    [InlineData("ko", "이 항목을 불러온 뒤 다른 사람이 변경했습니다. 다시 불러온 뒤 변경 사항을 다시 적용하십시오.")]
    public void A_concurrency_failure_of_the_database_reads_in_the_pages_language_and_in_english_in_the_api(string culture, string expected)
    {
        var t = app.Services.GetRequiredService<JsonStringLocalizerFactory>().For(culture);
        var modelState = new ModelStateDictionary();

        FormErrors.TryAdd(modelState, new DbUpdateConcurrencyException(), "Form", t).ShouldBeTrue();

        modelState[""]!.Errors.Single().ErrorMessage.ShouldBe(expected);
        ProblemDetailsExceptionHandler.ToProblem(new DbUpdateConcurrencyException())!.Detail
            .ShouldBe("Someone else changed this record since you loaded it. Reload it and apply your change again.");
    }

    [Theory]
    [InlineData("fr", "Le fichier n'a pas été importé\u00a0: 2 problème(s) trouvé(s). Rien n'a été enregistré.", "Le pays doit être CA (Canada) ou KR (Corée).", "«\u00a0MAR.WARP\u00a0» n'est pas un code de capacité de la taxonomie.")]
    [InlineData("ko", "파일을 가져오지 못했습니다. 문제 2건이 발견되어 아무것도 저장되지 않았습니다.", "국가는 CA(캐나다) 또는 KR(한국)이어야 합니다.", "'MAR.WARP'은(는) 분류 체계의 역량 코드가 아닙니다.")]
    public async Task A_rejected_import_lists_its_rows_in_the_pages_language(string culture, string summary, string country, string capability)
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var official = await SignedInAsync(email, culture);
        var csv = string.Join(',', Features.Companies.CompanyCsv.Columns) + "\r\n" + $"Ohio Works {Guid.NewGuid():N},US,Ohio,SME,,,EN,MAR.WARP,,,,,\r\n";

        var response = await official.UploadAsync("/Companies/Import", "Upload", "firms.csv", System.Text.Encoding.UTF8.GetBytes(csv));

        var document = await BrowserlessClient.ParseAsync(response);
        BrowserlessClient.Errors(document).ShouldBe(summary);
        var rows = document.QuerySelectorAll("[data-testid=import-errors] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        rows.ShouldContain(r => r[1] == "country" && r[2] == country);
        rows.ShouldContain(r => r[1] == "offers" && r[2] == capability);
    }

    /// <summary>Signs in through the pages, then picks the language with the header's language switch, as a person does.</summary>
    private async Task<BrowserlessClient> SignedInAsync(string email, string culture)
    {
        var client = await BrowserlessClient.SignedInAsync(app, email);
        var switched = await client.SubmitFormAsync("/Companies", [("culture", culture)], "form[data-testid=language-switcher]");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string culture, HttpMethod method, string url, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(culture);
        return await client.SendAsync(request);
    }

    private static List<string> Messages(JsonObject problem, string field) =>
        problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
}
