using System.Globalization;
using CanadaKoreaMatch.Web.Features.Companies;
using CanadaKoreaMatch.Web.Features.Forums;
using MediatR;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages.Forums;

internal static class ForumPages
{
    /// <summary>The firms the signed-in representative acts for.</summary>
    public static async Task<IReadOnlyList<CompanySummary>> MyFirmsAsync(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListCompanies(PageSize: ListCompanies.MaxPageSize, MineOnly: true), ct)).Items;

    /// <summary>A firm id from the query, else the representative's first firm.</summary>
    public static async Task<Guid?> FirmAsync(IMediator mediator, Guid? companyId, CancellationToken ct)
    {
        if (companyId is not null)
        {
            return companyId;
        }

        var mine = await MyFirmsAsync(mediator, ct);
        return mine.Count > 0 ? mine[0].Id : null;
    }

    public static string Local(DateTime utc, string zone, string format = "yyyy-MM-dd HH:mm") =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Why an unscheduled request was left out, one sentence per blocker, with firms named.</summary>
    public static IEnumerable<string> Reasons(IStringLocalizer t, UnscheduledDto u, IReadOnlyDictionary<Guid, string> firms)
    {
        if (u.Blockers.Count == 0)
        {
            yield return t["Accepted after the last run: run the scheduler again to place it."];
            yield break;
        }

        foreach (var b in u.Blockers)
        {
            var firm = b.CompanyId is { } id && firms.TryGetValue(id, out var name) ? name : "";
            yield return b.Kind switch
            {
                "Unavailable" when firm.Length > 0 => t["{0} is not available in {1} of the slots.", firm, b.Slots.Count],
                "Unavailable" => t["No slot of the grid suits this meeting."],
                "ParticipantBooked" => t["{0} already meets someone else in {1} slots.", firm, b.Slots.Count],
                "NoTable" => t["No table is free in {0} slots.", b.Slots.Count],
                "NoInterpreter" when b.Slots.Count == 0 => t["The firms share no language and no interpreter covers their languages."],
                _ => t["The firms share no language and every suitable interpreter is taken in {0} slots.", b.Slots.Count],
            };
        }

        if (u.LowerPriority)
        {
            yield return t["Every meeting in its way weighs as much or more."];
        }
    }

    /// <summary>The label key of a request's status; a pending request past the deadline reads "unanswered".</summary>
    public static string RequestKey(string status, bool open) => status == "Pending" && !open ? "request.Unanswered" : "request." + status;

    public static readonly IReadOnlyList<string> TimeZones =
        ["America/Toronto", "America/Vancouver", "America/Edmonton", "America/Winnipeg", "America/Halifax", "America/St_Johns", "Asia/Seoul", "Europe/Brussels", "Etc/UTC"];
}

/// <summary>The confirm-first form that cancels an agreed meeting, on a firm's list of requests and on the organisers' timetable.</summary>
public sealed record CancelMeetingForm(Guid RequestId, Guid? CompanyId, string Other);
