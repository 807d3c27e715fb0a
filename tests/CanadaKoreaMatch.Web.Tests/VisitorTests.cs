using System.Net;
using System.Text.Json.Nodes;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>docs/decisions/013-what-visitors-see.md: what someone who has not signed in may read.</summary>
public sealed class VisitorTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_visitor_reads_what_a_verified_firm_offers_but_not_what_it_seeks_its_programmes_or_its_compliance()
    {
        var rep = await app.ClientInRoleAsync(Roles.CompanyRepresentative);
        var id = await rep.RegisterCompanyAsync(Payloads.Company($"Visible Marine {Guid.NewGuid():N}"[..28], "CA"));
        await (await (await app.ClientInRoleAsync(Roles.TradeOfficial)).PostAsync(new Uri($"/api/v1/companies/{id}/verify", UriKind.Relative), null)).ShouldSucceedAsync();
        var reader = await app.ClientInRoleAsync(Roles.CompanyRepresentative);

        var full = await (await reader.GetAsync(new Uri($"/api/v1/companies/{id}", UriKind.Relative))).JsonAsync();
        var visitor = await (await app.CreateClient().GetAsync(new Uri($"/api/v1/companies/{id}", UriKind.Relative))).JsonAsync();

        Items(full, "seeks").ShouldNotBeEmpty();
        Items(full, "programmes").ShouldNotBeEmpty();
        Items(full, "compliance").ShouldNotBeEmpty();
        Items(visitor, "offers").Count.ShouldBe(Items(full, "offers").Count);
        visitor["name"]!.GetValue<string>().ShouldBe(full["name"]!.GetValue<string>());
        Items(visitor, "seeks").ShouldBeEmpty();
        Items(visitor, "programmes").ShouldBeEmpty();
        Items(visitor, "compliance").ShouldBeEmpty();

        var list = await (await app.CreateClient().GetAsync(new Uri($"/api/v1/companies?search={Uri.EscapeDataString(full["name"]!.GetValue<string>())}", UriKind.Relative))).JsonAsync();
        var row = list["items"]!.AsArray().Single()!;
        row["offers"]!.AsArray().ShouldNotBeEmpty();
        row["seeks"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_api_reference_page_asks_a_visitor_to_sign_in()
    {
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await visitor.GetAsync(new Uri("/api/docs/index.html", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    private static JsonArray Items(JsonObject company, string field) =>
        company[field] switch
        {
            JsonArray array => array,
            var other => throw new ShouldAssertException($"{field} is not a list: {other}"),
        };
}
