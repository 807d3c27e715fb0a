using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Jobs;
using CanadaKoreaMatch.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>A meeting request reaches the requested firm at once, and its answer the asking firm: by e-mail and in the notification centre.</summary>
public sealed class MeetingRequestNoticeTests(ForumAppFactory app) : IClassFixture<ForumAppFactory>
{
    private readonly ForumKit kit = new(app);

    [Fact]
    public async Task The_requested_firm_is_told_of_a_request_and_the_asking_firm_of_the_answer()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forum);
        await ForumKit.RegisterAsync(kr, forum);

        var request = (await ForumKit.RequestAsync(ca, kr, forum))["id"]!.GetValue<Guid>();
        await DispatchAsync();

        var received = (await RequestMailAsync(kr)).ShouldHaveSingleItem();
        received.ShouldContain($"<b>{ca.Name}</b> asks your firm for a meeting");
        received.ShouldContain($"/Forums/{forum}/Firms?companyId={kr.Id}");
        received.ShouldNotContain("Shall we meet?", Case.Sensitive, "e-mails carry names, times and links, not what a firm wrote");
        (await RequestMailAsync(ca)).ShouldBeEmpty();
        var krNotifications = await (await (await app.ClientForAsync(kr.RepEmail)).GetAsync("/api/v1/me/notifications")).JsonAsync();
        var notice = krNotifications["items"]!.AsArray().Where(n => n!["kind"]!.GetValue<string>().StartsWith("MeetingRequest", StringComparison.Ordinal)).ShouldHaveSingleItem()!;
        notice["kind"]!.GetValue<string>().ShouldBe(nameof(FollowUpKind.MeetingRequestReceived));
        notice["title"]!.GetValue<string>().ShouldContain(ca.Name);

        await (await kr.Rep.PostAsync(new Uri($"/api/v1/forums/{forum}/meeting-requests/{request}/decline", UriKind.Relative), null)).ShouldSucceedAsync();
        await DispatchAsync();

        (await RequestMailAsync(ca)).ShouldHaveSingleItem().ShouldContain($"<b>{kr.Name}</b> declined your request");
        (await RequestMailAsync(kr)).Count.ShouldBe(1, "the requested firm is not told again about its own answer");
    }

    [Fact]
    public async Task A_request_answered_before_its_notice_goes_out_is_not_announced_as_waiting_and_a_crossed_request_tells_the_first_asker()
    {
        var organiser = await app.ClientInRoleAsync(Roles.ForumOrganiser);
        var forum = await kit.OpenForumAsync(organiser);
        var ca = await kit.FirmAsync("CA");
        var kr = await kit.FirmAsync("KR");
        await ForumKit.RegisterAsync(ca, forum);
        await ForumKit.RegisterAsync(kr, forum);

        await ForumKit.RequestAsync(ca, kr, forum);
        var crossed = await ForumKit.SendRequestAsync(kr.Rep, forum, kr.Id, ca.Id);
        await crossed.ShouldSucceedAsync();
        (await crossed.JsonAsync())["status"]!.GetValue<string>().ShouldBe("Accepted");
        await DispatchAsync();

        (await RequestMailAsync(kr)).ShouldBeEmpty();
        (await RequestMailAsync(ca)).ShouldHaveSingleItem().ShouldContain($"<b>{kr.Name}</b> accepted your request");
    }

    private Task<int> DispatchAsync() => app.Services.GetRequiredService<FollowUpDispatch>().RunOnceAsync();

    /// <summary>The firm's mail about meeting requests (the notice of its verification aside).</summary>
    private async Task<List<string>> RequestMailAsync(ForumFirm firm) =>
        (await app.MailToAsync(firm.RepEmail)).Where(m => m.Contains("request", StringComparison.Ordinal)).ToList();
}
