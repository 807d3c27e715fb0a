using System.Net.Http.Json;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>A firm is told when officials verify it and when they reject an introduction it asked for.</summary>
public sealed class FirmNoticeTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task A_verified_firm_is_told_and_a_firm_whose_introduction_is_rejected_is_told_where_the_reason_is()
    {
        var official = await kit.OfficialAsync();
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await DispatchAsync();

        (await app.MailToAsync(ca.RepEmail)).ShouldContain(m => m.Contains($"A trade official verified <b>{ca.Name}</b>", StringComparison.Ordinal));
        var verified = (await (await ca.Rep.GetAsync("/api/v1/me/notifications")).JsonAsync())["items"]!.AsArray().ShouldHaveSingleItem()!;
        verified["kind"]!.GetValue<string>().ShouldBe(nameof(FollowUpKind.FirmVerified));
        verified["link"]!.GetValue<string>().ShouldEndWith($"/Companies/Suggestions/{ca.Id}");

        var match = (await (await ca.Rep.PostAsJsonAsync($"/api/v1/companies/{ca.Id}/suggestions/{kr.Id}/request-introduction", new { message = "Shall we?" })).JsonAsync())["id"]!.GetValue<Guid>();
        await (await official.PostAsJsonAsync($"/api/v1/matches/{match}/review", new { })).ShouldSucceedAsync();
        await (await official.PostAsJsonAsync($"/api/v1/matches/{match}/reject", new { reason = "Export licence needed first." })).ShouldSucceedAsync();
        await DispatchAsync();

        var rejected = (await app.MailToAsync(ca.RepEmail)).Where(m => m.Contains("request for an introduction", StringComparison.Ordinal)).ShouldHaveSingleItem();
        rejected.ShouldContain($"<b>{kr.Name}</b>");
        rejected.ShouldContain($"/Matches/{match}");
        rejected.ShouldNotContain("Export licence", Case.Sensitive, "the reason is read on the match page, signed in");
        (await app.MailToAsync(kr.RepEmail)).ShouldNotContain(m => m.Contains("request for an introduction", StringComparison.Ordinal), "only the firm that asked is told");
    }

    private Task<int> DispatchAsync() => app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();
}
