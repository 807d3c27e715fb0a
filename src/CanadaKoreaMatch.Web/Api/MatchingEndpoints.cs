using CanadaKoreaMatch.Web.Common;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.Audit;
using CanadaKoreaMatch.Web.Features.Dashboard;
using CanadaKoreaMatch.Web.Features.Labels;
using CanadaKoreaMatch.Web.Features.Matches;
using CanadaKoreaMatch.Web.Features.Suggestions;
using MediatR;

namespace CanadaKoreaMatch.Web.Api;

internal static class MatchingEndpoints
{
    public static void MapMatchingEndpoints(this RouteGroupBuilder api)
    {
        var company = api.MapGroup("/companies/{id:guid}").WithTags("Suggestions").RequireAuthorization(IdentitySetup.ApiPolicy);
        company.MapGet("/suggestions", (Guid id, IMediator mediator, CancellationToken ct, int top = 20, string? domain = null, string? programme = null, string? mode = null) =>
                mediator.Send(new GetSuggestions(id, top, domain, programme, mode), ct))
            .WithSummary("The firm's suggested counterparts, best first, with the reasons (own representatives, officials, administrators).");
        company.MapGet("/looking-for-you", (Guid id, IMediator mediator, CancellationToken ct, int top = 20, string? domain = null, string? programme = null, string? mode = null) =>
                mediator.Send(new GetFirmsLookingForYou(id, top, domain, programme, mode), ct))
            .WithSummary("The verified firms whose own suggestions hold this firm (firms looking for what it offers), those it meets best first, with the reasons as this firm "
                + "reads them; their scores stay theirs, so each reason's contribution is given by its sign only (own representatives, officials, administrators).");
        company.MapPost("/suggestions/{counterpartId:guid}/request-introduction", (Guid id, Guid counterpartId, IntroductionRequest? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new RequestIntroduction(id, counterpartId, body?.Message), ct))
            .WithSummary("Asks the trade officials to introduce the firm to this counterpart.");
        company.MapPost("/suggestions/{counterpartId:guid}/not-interested", async (Guid id, Guid counterpartId, NotInterestedRequest? body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ExcludeCompany(id, counterpartId, ExclusionKind.NotInterested, body?.Reason, body?.Note), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Removes this counterpart from the firm's suggestions until the firm takes it back (DELETE …/exclusions/{counterpartId}); the body may say why (reason NotOurField, WrongSize, "
                + "AlreadyWorkingWithThem, Compliance or Other, and a note of at most 500 characters).");
        company.MapPost("/exclusions/{excludedId:guid}", async (Guid id, Guid excludedId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ExcludeCompany(id, excludedId, ExclusionKind.Excluded), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Excludes a named firm (e.g. a competitor) from the firm's suggestions.");
        company.MapGet("/exclusions", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListExclusions(id), ct))
            .WithSummary("The firms this firm set aside (\"not interested\" or excluded by name), newest first.");
        company.MapDelete("/exclusions/{excludedId:guid}", async (Guid id, Guid excludedId, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RemoveExclusion(id, excludedId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Takes back \"not interested\" or an exclusion: the firm may be suggested again at the next refresh.");
        company.MapGet("/matches", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListCompanyMatches(id), ct))
            .WithSummary("The firm's introductions in progress.");

        var matches = api.MapGroup("/matches").WithTags("Curation").RequireAuthorization(IdentitySetup.ApiPolicy);
        matches.MapGet("/", (IMediator mediator, CancellationToken ct, MatchStatus? status = null, string? domain = null, string? programme = null,
                string? country = null, string? search = null, double? minScore = null, MatchSort sort = MatchSort.Newest, int page = 1, int pageSize = 25) =>
                mediator.Send(new ListMatches(status, domain, programme, country, search, minScore, sort, page, pageSize), ct))
            .WithSummary("The curation queue (officials, administrators).");
        matches.MapGet("/{matchId:guid}", (Guid matchId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetMatch(matchId), ct));
        matches.MapGet("/{matchId:guid}/contacts", (Guid matchId, IMediator mediator, CancellationToken ct) => mediator.Send(new GetMatchContacts(matchId), ct))
            .WithSummary("Once the firms are introduced: who represents each (names and e-mail addresses); before, an empty list.");
        MapTransition(matches, "review", MatchStatus.UnderReview);
        MapTransition(matches, "approve", MatchStatus.Approved);
        MapTransition(matches, "reject", MatchStatus.Rejected);
        MapTransition(matches, "introduce", MatchStatus.Introduced);
        MapTransition(matches, "meeting", MatchStatus.Meeting);
        MapTransition(matches, "outcome", MatchStatus.Outcome);
        matches.MapPost("/{matchId:guid}/notes", (Guid matchId, NoteRequest body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AnnotateMatch(matchId, body.Text ?? ""), ct))
            .WithSummary("Adds an official's note to the match.");

        var officials = api.MapGroup("").RequireAuthorization(IdentitySetup.ApiPolicy);
        officials.MapGet("/audit", (IMediator mediator, CancellationToken ct, Guid? subjectId = null, string? entityType = null, string? user = null,
                DateTime? from = null, DateTime? to = null, int page = 1, int pageSize = 50) =>
                mediator.Send(new ListAuditEntries(subjectId, entityType, user, from, to, page, pageSize), ct))
            .WithTags("Audit").WithSummary("The audit trail: who changed what, when (UTC), before and after.");
        officials.MapGet("/audit/export", async (IMediator mediator, CancellationToken ct, Guid? subjectId = null, string? entityType = null, string? user = null,
                DateTime? from = null, DateTime? to = null) =>
                TypedResults.Text(await mediator.Send(new ExportAuditEntries(subjectId, entityType, user, from, to), ct), "text/csv; charset=utf-8"))
            .WithTags("Audit");
        officials.MapGet("/matching/labels/export", (IMediator mediator, CancellationToken ct, string? pool = null) =>
                mediator.Send(new ExportMatchLabels(pool), ct))
            .WithTags("Matching quality")
            .WithSummary("What people decided about suggested pairs (not interested, officials' decisions, meetings, outcomes), the latest per firm "
                + "and counterpart, with the firms' profiles (pool=all: every firm), for the match evaluation (officials, administrators).");
        officials.MapGet("/dashboard", (IMediator mediator, CancellationToken ct) => mediator.Send(new GetDashboard(), ct)).WithTags("Dashboard");
        officials.MapGet("/dashboard/export", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Text((await mediator.Send(new GetDashboard(), ct)).ToCsv(), "text/csv; charset=utf-8"))
            .WithTags("Dashboard");
    }

    private static void MapTransition(RouteGroupBuilder matches, string action, MatchStatus to) =>
        matches.MapPost($"/{{matchId:guid}}/{action}", (Guid matchId, TransitionRequest? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ChangeMatchStatus(matchId, to, body?.Version, body?.Reason, body?.Outcome), ct))
            .WithSummary($"Moves the match to {to}. Send the version you loaded; an illegal move or a concurrent change is a 409.");

    internal sealed record IntroductionRequest(string? Message);

    internal sealed record NoteRequest(string? Text);

    internal sealed record NotInterestedRequest(NotInterestedReason? Reason, string? Note);

    internal sealed record TransitionRequest(Guid? Version, string? Reason, MatchOutcome? Outcome);
}
