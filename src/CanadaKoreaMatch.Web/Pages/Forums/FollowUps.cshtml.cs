using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace CanadaKoreaMatch.Web.Pages.Forums;

public sealed class FollowUpsModel(IMediator mediator) : FollowUpsPage(mediator)
{
    private readonly IMediator mediator = mediator;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ForumDto Forum { get; private set; } = null!;

    protected override Guid? ForumId => Id;

    protected override string Path => $"/Forums/{Id}/FollowUps";

    protected override async Task<string> TimeZoneAsync(CancellationToken ct)
    {
        Forum = await mediator.Send(new GetForum(Id), ct);
        return Forum.TimeZone;
    }
}
