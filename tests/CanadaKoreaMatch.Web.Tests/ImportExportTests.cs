using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>CSV import (all or nothing, every bad row reported) and export (the import layout, round-tripping, formula-safe).</summary>
public sealed class ImportExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "name,country,region,size,website,ncage,languages,offers,seeks,modes,programmes,compliance,description";

    private static readonly string[] AllLanguages = ["KO", "EN", "FR"];
    private static readonly string[] ControlledGoods = ["CGP"];

    [Fact]
    public void The_csv_layout_is_the_documented_header()
    {
        string.Join(',', CompanyCsv.Columns).ShouldBe(Header);
    }

    [Fact]
    public async Task A_good_csv_body_imports_every_row_as_a_verified_firm()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        var csv = Header + "\r\n" +
            $"Hanbit Naval {marker},KR,Busan,LARGE,https://hanbit.example.kr,K1234,KO;EN,MAR.MRO:8;MAR.SUB,,CO_SUSTAINMENT,CPSP,ISO9001,Dockside overhaul\r\n" +
            $"Maple Sensors {marker},ca,Ontario,sme,,,en;fr,,MAR.SUB:6,,,,\"Sonar, signal processing and \"\"quiet\"\" hulls\"\r\n" +
            $"Northern Digital {marker},CA,Québec,SME,http://north.example.ca,l9876,FR,DIGI.AI:7,DIGI.HEALTH,,,CGP,\"Two\nlines\"\r\n";

        var response = await official.PostAsync("/api/v1/companies/import", Csv(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.JsonAsync();
        result["imported"]!.GetValue<int>().ShouldBe(3);
        var ids = result["ids"]!.AsArray().Select(i => i!.GetValue<Guid>()).ToList();
        ids.Count.ShouldBe(3);

        var reader = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var firms = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var id in ids)
        {
            var get = await reader.GetAsync($"/api/v1/companies/{id}");
            get.StatusCode.ShouldBe(HttpStatusCode.OK);
            firms.Add(await get.JsonAsync());
        }

        firms.ShouldAllBe(f => f["verified"]!.GetValue<bool>());
        var hanbit = firms.Single(f => f["name"]!.GetValue<string>() == $"Hanbit Naval {marker}");
        hanbit["country"]!.GetValue<string>().ShouldBe("KR");
        hanbit["languages"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["KO", "EN"]);
        hanbit["offers"]!.AsArray().Select(o => (o!["code"]!.GetValue<string>(), o["trl"]?.GetValue<int>())).ShouldBe([("MAR.MRO", 8), ("MAR.SUB", null)]);
        var maple = firms.Single(f => f["name"]!.GetValue<string>() == $"Maple Sensors {marker}");
        maple["country"]!.GetValue<string>().ShouldBe("CA");
        maple["size"]!.GetValue<string>().ShouldBe("SME");
        maple["description"]!.GetValue<string>().ShouldBe("Sonar, signal processing and \"quiet\" hulls");
        maple["seeks"]![0]!["trl"]!.GetValue<int>().ShouldBe(6);
        var north = firms.Single(f => f["name"]!.GetValue<string>() == $"Northern Digital {marker}");
        north["ncage"]!.GetValue<string>().ShouldBe("L9876");
        north["region"]!.GetValue<string>().ShouldBe("Québec");
        north["description"]!.GetValue<string>().ShouldBe("Two\nlines");
    }

    [Fact]
    public async Task A_good_csv_as_a_multipart_file_field_imports_every_row()
    {
        var official = await app.ClientInRoleAsync(Roles.Administrator);
        var marker = Marker();
        var csv = Header + "\n" +
            $"Multipart One {marker},CA,Nova Scotia,SME,,,EN,MAR.MRO,,,,,\n" +
            $"Multipart Two {marker},KR,Seoul,LARGE,,,KO,,MAR.SUB:9,,,,\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "firms.csv");

        var response = await official.PostAsync("/api/v1/companies/import", form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync())["imported"]!.GetValue<int>().ShouldBe(2);
        var listed = await (await app.CreateClient().GetAsync($"/api/v1/companies?search={marker}")).JsonAsync();
        listed["total"]!.GetValue<int>().ShouldBe(2);
        listed["items"]!.AsArray().ShouldAllBe(i => i!["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_csv_with_bad_rows_is_refused_listing_every_bad_row_and_saves_nothing()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        var existing = $"Existing Yard {marker}";
        await official.RegisterCompanyAsync(Payloads.Company(existing, "KR"));
        var csv = Header + "\r\n" +
            $"Good Firm {marker},CA,Ontario,SME,,,EN,MAR.MRO:8,,,,,fine\r\n" + // line 2: good, and still not saved
            $"Unknown Code {marker},CA,Ontario,SME,,,EN,MAR.WARP,,,,,\r\n" + // line 3
            $"Wrong Country {marker},US,Ohio,SME,,,EN,MAR.MRO,,,,,\r\n" + // line 4
            $"Bad Ncage {marker},KR,Busan,LARGE,,12-45,KO,MAR.MRO,,,,,\r\n" + // line 5
            $"good firm {marker},CA,Quebec,SME,,,FR,MAR.SUB,,,,,\r\n" + // line 6: same name as line 2, same country
            $"{existing},KR,Ulsan,SME,,,KO,MAR.SUB,,,,,\r\n" + // line 7: already registered
            $"Short Row {marker},CA,Ontario\r\n" + // line 8
            $"Bad Trl {marker},CA,Ontario,SME,,,EN,MAR.SUB:12,,,,,\r\n"; // line 9
        var before = await CountFirmsAsync();

        var response = await official.PostAsync("/api/v1/companies/import", Csv(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var rows = (await response.JsonAsync())["rows"]!.AsArray()
            .Select(r => (Line: r!["line"]!.GetValue<int>(), Column: r["column"]!.GetValue<string>(), Reason: r["reason"]!.GetValue<string>()))
            .ToList();
        rows.Select(r => r.Line).Distinct().Order().ShouldBe([3, 4, 5, 6, 7, 8, 9]);
        rows.ShouldContain(r => r.Line == 3 && r.Column == "offers" && r.Reason.Contains("MAR.WARP"));
        rows.ShouldContain(r => r.Line == 4 && r.Column == "country");
        rows.ShouldContain(r => r.Line == 5 && r.Column == "ncage");
        rows.ShouldContain(r => r.Line == 6 && r.Column == "name" && r.Reason.Contains("line 2"));
        rows.ShouldContain(r => r.Line == 7 && r.Column == "name" && r.Reason.Contains("already registered"));
        rows.ShouldContain(r => r.Line == 8 && r.Reason.Contains("fields"));
        rows.ShouldContain(r => r.Line == 9 && r.Column == "offers" && r.Reason.Contains("TRL"));
        rows.ShouldAllBe(r => r.Reason.Length > 0);
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_bad_row_after_a_quoted_multi_line_field_is_reported_at_the_line_where_it_starts()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        var csv = Header + "\r\n" +
            $"Two Line Firm {marker},CA,Ontario,SME,,,EN,MAR.WARP,,,,,\"First line\r\nsecond line\"\r\n" + // lines 2-3, bad code
            $"After Firm {marker},US,Ohio,SME,,,EN,MAR.MRO,,,,,\r\n"; // line 4, bad country

        var response = await official.PostAsync("/api/v1/companies/import", Csv(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await response.JsonAsync())["rows"]!.AsArray()
            .Select(r => (Line: r!["line"]!.GetValue<int>(), Column: r["column"]!.GetValue<string>())).ToList();
        rows.ShouldBe([(2, "offers"), (4, "country")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_csv_saved_with_a_byte_order_mark_imports()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        var text = Header + $"\r\nExcel Export {marker},KR,Gumi,SME,,,KO,DIGI.AI,,,,,\r\n";
        var body = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await official.PostAsync("/api/v1/companies/import", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await app.WithDbAsync(db => db.Companies.CountAsync(c => c.Name == $"Excel Export {marker}"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_csv_not_saved_as_utf8_is_refused_naming_the_file_instead_of_importing_garbled_names()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        var text = Header + $"\r\nSociété Générale Défense {marker},CA,Québec,SME,,,FR,MAR.MRO,,,,,\r\n";
        var before = await CountFirmsAsync();

        foreach (var body in new HttpContent[] { Latin1Body(text), Latin1File(text) })
        {
            var response = await official.PostAsync("/api/v1/companies/import", body);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ErrorFields().ShouldBe(["file"]);
            problem["errors"]!["file"]![0]!.GetValue<string>().ShouldContain("UTF-8");
        }

        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("en", "The file is not UTF-8 text")]
    [InlineData("fr", "Le fichier n'est pas du texte UTF-8")]
    [InlineData("ko", "UTF-8 텍스트가 아닙니다")]
    public async Task The_import_page_refuses_a_csv_not_saved_as_utf8_in_the_pages_language_and_saves_nothing(string culture, string expected)
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        (await browser.SubmitFormAsync("/Companies", [("culture", culture)], "form[data-testid=language-switcher]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var text = Header + $"\r\nSociété Générale Défense {Marker()},CA,Québec,SME,,,FR,MAR.MRO,,,,,\r\n";
        var before = await CountFirmsAsync();

        var response = await browser.UploadAsync("/Companies/Import", "Upload", "firms.csv", Encoding.Latin1.GetBytes(text));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await BrowserlessClient.ParseAsync(response);
        BrowserlessClient.Errors(page).ShouldContain(expected);
        page.QuerySelector("[data-testid=import-result]").ShouldBeNull();
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_csv_whose_header_lacks_a_column_is_refused_naming_the_column_and_saves_nothing()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var csv = Header.Replace(",ncage", "", StringComparison.Ordinal) + "\r\n" +
            $"No Ncage Column {Marker()},CA,Ontario,SME,,EN,MAR.MRO,,,,,\r\n";
        var before = await CountFirmsAsync();

        var response = await official.PostAsync("/api/v1/companies/import", Csv(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await response.JsonAsync())["rows"]!.AsArray();
        rows.Count.ShouldBe(1);
        rows[0]!["line"]!.GetValue<int>().ShouldBe(1);
        rows[0]!["column"]!.GetValue<string>().ShouldBe("ncage");
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n")]
    [InlineData(Header + "\r\n")]
    public async Task An_empty_file_or_a_header_without_rows_is_a_400_that_saves_nothing(string csv)
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var before = await CountFirmsAsync();

        var response = await official.PostAsync("/api/v1/companies/import", Csv(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_over_two_megabytes_is_refused_naming_the_file()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var before = await CountFirmsAsync();

        var response = await official.PostAsync("/api/v1/companies/import", Csv(OversizedCsv()));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldBe(["file"]);
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_multipart_file_over_two_megabytes_is_refused_naming_the_file()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(OversizedCsv())), "file", "big.csv");

        var response = await official.PostAsync("/api/v1/companies/import", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldBe(["file"]);
    }

    [Fact]
    public async Task A_multipart_form_without_a_file_field_is_refused_naming_the_file()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "\n")), "upload", "firms.csv");

        var response = await official.PostAsync("/api/v1/companies/import", form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldBe(["file"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/csv")]
    public async Task A_csv_body_labelled_text_plain_or_application_csv_is_also_accepted(string contentType)
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var body = new StringContent(Header + $"\r\nLabelled {Marker()},CA,Ontario,SME,,,EN,MAR.MRO,,,,,\r\n", Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var response = await official.PostAsync("/api/v1/companies/import", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync())["imported"]!.GetValue<int>().ShouldBe(1);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/octet-stream")]
    public async Task A_wrong_content_type_is_a_400(string contentType)
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var body = new StringContent(Header + $"\r\nTyped {Marker()},CA,Ontario,SME,,,EN,MAR.MRO,,,,,\r\n", Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var before = await CountFirmsAsync();

        var response = await official.PostAsync("/api/v1/companies/import", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldBe(["contentType"]);
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_representative_may_not_import_and_nothing_is_saved()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var before = await CountFirmsAsync();

        var response = await rep.PostAsync("/api/v1/companies/import", Csv(Header + $"\r\nSneaky {Marker()},CA,Ontario,SME,,,EN,MAR.MRO,,,,,\r\n"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_export_is_csv_with_the_import_header()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        await official.RegisterCompanyAsync();

        var response = await official.GetAsync("/api/v1/companies/export");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var records = ParseCsv(await response.Content.ReadAsStringAsync());
        string.Join(',', records[0].Fields).ShouldBe(Header);
        records.Skip(1).ShouldAllBe(r => r.Fields.Length == 13);
    }

    [Fact]
    public async Task The_export_can_be_limited_to_one_country()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        await official.RegisterCompanyAsync(Payloads.Company($"Export Canada {marker}", "CA"));
        await official.RegisterCompanyAsync(Payloads.Company($"Export Korea {marker}", "KR"));

        var response = await official.GetAsync("/api/v1/companies/export?country=KR");

        var rows = ParseCsv(await response.Content.ReadAsStringAsync()).Skip(1).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.Fields[1] == "KR");
        rows.ShouldContain(r => r.Fields[0] == $"Export Korea {marker}");
    }

    [Fact]
    public async Task Exported_rows_reimport_into_a_fresh_database_equal()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        await official.RegisterCompanyAsync(Payloads.Company($"Round Trip Plain {marker}", "CA"));
        await official.RegisterCompanyAsync(Payloads.Company($"Round Trip 한빛 {marker}", "KR")
            .With("description", "Quotes \"inside\", commas, and\nline breaks; semicolons too.")
            .With("languages", AllLanguages)
            .With("website", null)
            .With("ncage", null)
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 }, new { code = "DIGI.AI" } })
            .With("seeks", new object[] { new { code = "DIGI.HEALTH", trl = 3 } })
            .With("modes", Array.Empty<string>())
            .With("programmes", Array.Empty<string>())
            .With("compliance", ControlledGoods));
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        await rep.RegisterCompanyAsync(Payloads.Company($"Round Trip Unverified {marker}", "CA").With("size", "LARGE"));

        var source = await ExportedRowsAsync(official, marker);
        source.Count.ShouldBe(3);

        using var fresh = new AppFactory();
        var freshOfficial = await fresh.ClientInRoleAsync(Roles.TradeOfficial);
        var import = await freshOfficial.PostAsync("/api/v1/companies/import",
            Csv(Header + "\r\n" + string.Join("\r\n", source.Select(r => r.Raw)) + "\r\n"));
        import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        var copy = await ExportedRowsAsync(freshOfficial, marker);

        copy.Select(r => string.Join('\u001f', r.Fields)).Order(StringComparer.Ordinal)
            .ShouldBe(source.Select(r => string.Join('\u001f', r.Fields)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("+SUM(1,2)")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1)")]
    public async Task A_name_that_looks_like_a_spreadsheet_formula_is_escaped_in_the_export(string formula)
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Marker();
        await official.RegisterCompanyAsync(Payloads.Company($"{formula} {marker}"));

        var csv = await (await official.GetAsync("/api/v1/companies/export")).Content.ReadAsStringAsync();

        var row = ParseCsv(csv).Single(r => r.Fields[0].Contains(marker, StringComparison.Ordinal));
        row.Fields[0].ShouldEndWith($"{formula} {marker}");
        row.Fields[0][0].ShouldNotBeOneOf('=', '+', '-', '@', '\t', '\r');
    }

    [Fact]
    public async Task The_import_page_lists_the_row_errors_and_saves_nothing()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var marker = Marker();
        var csv = Header + "\r\n" +
            $"Page Good {marker},CA,Ontario,SME,,,EN,MAR.MRO,,,,,\r\n" +
            $"Page Bad {marker},US,Ohio,SME,,ABC,EN,MAR.WARP,,,,,\r\n";
        var before = await CountFirmsAsync();

        var response = await browser.UploadAsync("/Companies/Import", "Upload", "firms.csv", Encoding.UTF8.GetBytes(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await BrowserlessClient.ParseAsync(response);
        var errors = page.QuerySelector("[data-testid=import-errors]");
        errors.ShouldNotBeNull();
        var cells = errors.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        cells.ShouldContain(c => c[0] == "3" && c[1] == "country");
        cells.ShouldContain(c => c[0] == "3" && c[1] == "ncage");
        cells.ShouldContain(c => c[0] == "3" && c[1] == "offers" && c[2].Contains("MAR.WARP"));
        cells.ShouldAllBe(c => c[0] == "3");
        page.QuerySelector("[data-testid=import-result]").ShouldBeNull();
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_import_page_refuses_a_file_over_two_megabytes_and_saves_nothing()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var before = await CountFirmsAsync();

        var response = await browser.UploadAsync("/Companies/Import", "Upload", "big.csv", Encoding.UTF8.GetBytes(OversizedCsv()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        BrowserlessClient.Errors(await BrowserlessClient.ParseAsync(response)).ShouldContain("2 MB");
        (await CountFirmsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_official_downloads_the_export_from_the_directory_page()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var directory = await browser.GetDocumentAsync("/Companies");
        var href = directory.QuerySelector("[data-testid=export-csv]")!.GetAttribute("href")!;

        var response = await browser.Http.GetAsync(new Uri(href, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".csv");
        (await response.Content.ReadAsStringAsync()).ShouldStartWith(Header);
    }

    [Fact]
    public async Task The_csv_files_officials_download_from_the_pages_open_in_a_spreadsheet_as_utf8_with_hangul_and_accents_intact()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        var api = await app.ClientForAsync(email);
        var name = $"한빛 Défense {Marker()}";
        var id = await api.RegisterCompanyAsync(Payloads.Company(name, "KR"));
        using var browser = await BrowserlessClient.SignedInAsync(app, email);

        foreach (var url in new[] { "/Companies?handler=Export", "/Officials/Dashboard?handler=Export", $"/Officials/Audit?handler=Export&SubjectId={id}" })
        {
            var response = await browser.Http.GetAsync(new Uri(url, UriKind.Relative));

            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble(), url);
            if (url.StartsWith("/Companies", StringComparison.Ordinal))
            {
                Encoding.UTF8.GetString(bytes).ShouldContain(name, Case.Sensitive, url);
            }
        }
    }

    [Fact]
    public async Task The_import_page_imports_a_good_file_and_says_how_many()
    {
        var email = await app.CreateUserAsync(Roles.TradeOfficial);
        using var browser = await BrowserlessClient.SignedInAsync(app, email);
        var marker = Marker();
        var csv = Header + "\r\n" +
            $"Page Import A {marker},CA,Ontario,SME,,,EN,MAR.MRO,,,,,\r\n" +
            $"Page Import B {marker},KR,Daejeon,SME,,,KO,DIGI.AI:5,,,,,\r\n";

        var response = await browser.UploadAsync("/Companies/Import", "Upload", "firms.csv", Encoding.UTF8.GetBytes(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await BrowserlessClient.ParseAsync(response);
        page.QuerySelector("[data-testid=import-result]")!.TextContent.ShouldContain("2");
        page.QuerySelector("[data-testid=import-errors]").ShouldBeNull();
        (await app.WithDbAsync(db => db.Companies.CountAsync(c => c.Name.Contains(marker) && c.VerifiedAt != null))).ShouldBe(2);
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..10];

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static ByteArrayContent Latin1Body(string text)
    {
        var body = new ByteArrayContent(Encoding.Latin1.GetBytes(text));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return body;
    }

    private static MultipartFormDataContent Latin1File(string text) => new() { { Latin1Body(text), "file", "firms.csv" } };

    private static string OversizedCsv()
    {
        var row = $"Padding Firm,CA,Ontario,SME,,,EN,MAR.MRO,,,,,{new string('x', 1000)}\r\n";
        var builder = new StringBuilder(Header).Append("\r\n");
        while (builder.Length <= CompanyCsv.MaxBytes)
        {
            builder.Append(row);
        }

        return builder.ToString();
    }

    private Task<int> CountFirmsAsync() => app.WithDbAsync(db => db.Companies.CountAsync());

    private static async Task<List<(string[] Fields, string Raw)>> ExportedRowsAsync(HttpClient official, string marker)
    {
        var response = await official.GetAsync("/api/v1/companies/export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return ParseCsv(await response.Content.ReadAsStringAsync()).Skip(1)
            .Where(r => r.Fields[0].Contains(marker, StringComparison.Ordinal)).ToList();
    }

    /// <summary>An RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes) keeping each record's raw text.</summary>
    private static List<(string[] Fields, string Raw)> ParseCsv(string text)
    {
        var records = new List<(string[], string)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                var end = i;
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                records.Add((fields.ToArray(), text[start..end]));
                fields.Clear();
                field.Clear();
                start = i + 1;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((fields.ToArray(), text[start..]));
        }

        return records;
    }
}
