using MediatR;

namespace CanadaKoreaMatch.Web.Pages.Officials;

/// <summary>Every follow-up, for the trade officials: forums' reminders and feedback requests, nudges, introduction follow-ups and digests.</summary>
public sealed class FollowUpsModel(IMediator mediator) : FollowUpsPage(mediator)
{
    protected override Guid? ForumId => null;

    protected override string Path => "/Officials/FollowUps";

    protected override Task<string> TimeZoneAsync(CancellationToken ct) => Task.FromResult("UTC");
}
