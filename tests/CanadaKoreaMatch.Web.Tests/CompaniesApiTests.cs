using System.Net;
using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Tests;

public sealed class CompaniesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_representative_registers_a_firm_that_awaits_verification_and_is_hidden_from_others()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var id = await rep.RegisterCompanyAsync();

        var own = await rep.GetAsync($"/api/v1/companies/{id}");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await own.JsonAsync();
        body["verified"]!.GetValue<bool>().ShouldBeFalse();
        body["offers"]![0]!["code"]!.GetValue<string>().ShouldBe("MAR.MRO");
        body["offers"]![0]!["trl"]!.GetValue<int>().ShouldBe(8);

        var other = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        (await other.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await other.GetAsync("/api/v1/companies?pageSize=100")).JsonAsync();
        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldNotContain(id);
    }

    [Fact]
    public async Task An_official_verifies_a_firm_and_then_everyone_sees_it()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var id = await rep.RegisterCompanyAsync();
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);

        (await official.GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var verified = await official.PostAsync($"/api/v1/companies/{id}/verify", null);
        verified.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.CreateClient().GetAsync($"/api/v1/companies/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await official.PostAsync($"/api/v1/companies/{id}/verify", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_firm_created_by_an_official_is_verified_at_once()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var id = await official.RegisterCompanyAsync(Payloads.Company(country: "KR"));
        var body = await (await app.CreateClient().GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        body["verified"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task The_list_pages_searches_and_filters_by_country()
    {
        var official = await app.ClientInRoleAsync(Roles.TradeOfficial);
        var marker = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await official.RegisterCompanyAsync(Payloads.Company($"Search {marker} Canada {i}", "CA"));
        }

        await official.RegisterCompanyAsync(Payloads.Company($"Search {marker} Korea", "KR"));
        var anonymous = app.CreateClient();

        var all = await (await anonymous.GetAsync($"/api/v1/companies?search={marker}&pageSize=2")).JsonAsync();
        all["total"]!.GetValue<int>().ShouldBe(4);
        all["items"]!.AsArray().Count.ShouldBe(2);
        var second = await (await anonymous.GetAsync($"/api/v1/companies?search={marker.ToUpperInvariant()}&pageSize=2&page=2")).JsonAsync();
        second["items"]!.AsArray().Count.ShouldBe(2);
        var korean = await (await anonymous.GetAsync($"/api/v1/companies?search={marker}&country=KR")).JsonAsync();
        korean["total"]!.GetValue<int>().ShouldBe(1);
        korean["items"]![0]!["country"]!.GetValue<string>().ShouldBe("KR");
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("country=US", "country")]
    public async Task Bad_list_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/companies?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync()).ErrorFields().ShouldContain(field);
    }

    [Theory]
    [InlineData("country", "US", "country")]
    [InlineData("ncage", "12-45", "ncage")]
    [InlineData("ncage", "ABCDEF", "ncage")]
    [InlineData("website", "javascript:alert(1)", "website")]
    [InlineData("website", "not a url", "website")]
    [InlineData("size", "HUGE", "size")]
    [InlineData("languages", new[] { "DE" }, "languages[0]")]
    [InlineData("modes", new[] { "FRIENDSHIP" }, "modes[0]")]
    [InlineData("programmes", new[] { "F35" }, "programmes[0]")]
    [InlineData("compliance", new[] { "NATO" }, "compliance[0]")]
    public async Task Invalid_fields_are_a_400_naming_the_field_and_save_nothing(string key, object value, string field)
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var name = $"Invalid {Guid.NewGuid():N}";
        var response = await rep.PostAsJsonAsync("/api/v1/companies", Payloads.Company(name).With(key, value));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).ErrorFields().ShouldContain(field);
        (await app.WithDbAsync(db => db.Companies.CountAsync(c => c.Name == name))).ShouldBe(0);
    }

    [Fact]
    public async Task An_ncage_code_sent_in_lower_case_or_with_spaces_is_kept_in_capitals_as_the_form_and_the_import_keep_it()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var name = $"Ncage Case {Guid.NewGuid():N}";

        var created = await rep.PostAsJsonAsync("/api/v1/companies", Payloads.Company(name).With("ncage", " l0123 "));

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync())["id"]!.GetValue<Guid>();
        (await app.WithDbAsync(db => db.Companies.SingleAsync(c => c.Id == id))).Ncage.ShouldBe("L0123");

        var updated = await rep.PutAsJsonAsync($"/api/v1/companies/{id}", Payloads.Company(name).With("ncage", "k9z8y"));

        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        (await updated.JsonAsync())["ncage"]!.GetValue<string>().ShouldBe("K9Z8Y");
    }

    [Fact]
    public async Task Unknown_capability_codes_and_out_of_range_trl_name_the_item()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var payload = Payloads.Company()
            .With("offers", new object[] { new { code = "MAR.SUB", trl = 9 }, new { code = "MAR.WARP", trl = 3 } })
            .With("seeks", new object[] { new { code = "DIGI.AI", trl = 12 } });
        var problem = await (await rep.PostAsJsonAsync("/api/v1/companies", payload)).JsonAsync();
        problem.ErrorFields().ShouldBe(["offers[1].code", "seeks[0].trl"], ignoreOrder: true);
        problem["errors"]!["offers[1].code"]![0]!.GetValue<string>().ShouldContain("MAR.WARP");
    }

    [Fact]
    public async Task Over_long_fields_are_refused_with_their_limit()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var payload = Payloads.Company(new string('x', Company.NameMaxLength + 1))
            .With("description", new string('d', Company.DescriptionMaxLength + 1))
            .With("offers", new object[] { new { code = "MAR.SUB", note = new string('n', Company.NoteMaxLength + 1) } });
        var problem = await (await rep.PostAsJsonAsync("/api/v1/companies", payload)).JsonAsync();
        problem.ErrorFields().ShouldBe(["name", "description", "offers[0].note"], ignoreOrder: true);
        problem["errors"]!["name"]![0]!.GetValue<string>().ShouldContain(Company.NameMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_duplicate_name_in_the_same_country_is_refused_but_allowed_in_the_other()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var name = $"Twin {Guid.NewGuid():N}";
        await rep.RegisterCompanyAsync(Payloads.Company(name, "CA"));

        var duplicate = await rep.PostAsJsonAsync("/api/v1/companies", Payloads.Company("  " + name.ToUpperInvariant() + " ", "CA"));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.JsonAsync()).ErrorFields().ShouldBe(["name"]);

        (await rep.PostAsJsonAsync("/api/v1/companies", Payloads.Company(name, "KR"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("\u00a0")]
    [InlineData("\u3000")]
    [InlineData("\t")]
    [InlineData(" \u00a0 ")]
    public async Task A_name_that_differs_only_by_the_kind_of_space_between_its_words_is_the_same_firm(string space)
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var marker = Guid.NewGuid().ToString("N");
        await rep.RegisterCompanyAsync(Payloads.Company($"Hanbit Defence {marker}", "KR"));

        var duplicate = await rep.PostAsJsonAsync("/api/v1/companies", Payloads.Company($"Hanbit{space}Defence {marker}", "KR"));

        (await duplicate.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["name"]);
        (await app.WithDbAsync(db => db.Companies.CountAsync(c => c.Name.Contains(marker)))).ShouldBe(1);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"name\": 42, \"offers\": \"MAR.SUB\"}")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var response = await rep.PostAsync("/api/v1/companies", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_update_replaces_the_profile_and_a_stale_version_is_a_409()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var id = await rep.RegisterCompanyAsync();
        var loaded = await (await rep.GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        var version = loaded["version"]!.GetValue<Guid>();
        var edit = Payloads.Company(loaded["name"]!.GetValue<string>())
            .With("offers", new object[] { new { code = "DIGI.HEALTH", trl = 9 } })
            .With("version", version);

        var updated = await rep.PutAsJsonAsync($"/api/v1/companies/{id}", edit);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await updated.JsonAsync();
        after["offers"]!.AsArray().Select(o => o!["code"]!.GetValue<string>()).ShouldBe(["DIGI.HEALTH"]);
        after["version"]!.GetValue<Guid>().ShouldNotBe(version);

        var stale = await rep.PutAsJsonAsync($"/api/v1/companies/{id}", edit.With("description", "lost update"));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var current = await (await rep.GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        current["description"]!.GetValue<string>().ShouldNotBe("lost update");
    }

    [Fact]
    public async Task Concurrent_updates_from_the_same_version_let_exactly_one_through()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var id = await rep.RegisterCompanyAsync();
        var loaded = await (await rep.GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        var version = loaded["version"]!.GetValue<Guid>();
        var name = loaded["name"]!.GetValue<string>();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            rep.PutAsJsonAsync($"/api/v1/companies/{id}", Payloads.Company(name).With("description", $"edit {i}").With("version", version))));

        attempts.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        attempts.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
    }

    [Fact]
    public async Task Html_in_text_fields_is_stored_and_returned_as_text()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        const string script = "<script>alert('x')</script><b>bold</b>";
        var id = await rep.RegisterCompanyAsync(Payloads.Company().With("description", script));
        var body = await (await rep.GetAsync($"/api/v1/companies/{id}")).JsonAsync();
        body["description"]!.GetValue<string>().ShouldBe(script);
    }

    [Fact]
    public async Task The_taxonomy_has_every_code_in_three_languages()
    {
        var taxonomy = await (await app.CreateClient().GetAsync("/api/v1/taxonomy")).JsonAsync();
        var capabilities = taxonomy["capabilities"]!.AsArray();
        capabilities.Count.ShouldBe(45);
        capabilities.Select(c => c!["code"]!.GetValue<string>()).ShouldContain("MAR.SUB");
        foreach (var capability in capabilities)
        {
            capability!["labels"]!["fr"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            capability["labels"]!["ko"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }

        taxonomy["modes"]!.AsArray().Count.ShouldBe(8);
        taxonomy["programmes"]!.AsArray().Count.ShouldBe(13);
        taxonomy["compliance"]!.AsArray().Count.ShouldBe(8);
        taxonomy["domains"]!.AsArray().Count.ShouldBe(10);
    }
}
