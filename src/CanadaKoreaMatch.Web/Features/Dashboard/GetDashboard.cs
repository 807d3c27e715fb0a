using System.Globalization;
using CanadaKoreaMatch.Web.Common.Mediator;
using CanadaKoreaMatch.Web.Data;
using CanadaKoreaMatch.Web.Domain;
using CanadaKoreaMatch.Web.Features.FollowUps;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Features.Dashboard;

/// <summary>The officials' overview: matches per status and per domain, the funnel, time spent in each stage, outcomes, and each forum's feedback, no-shows and outcomes.</summary>
[Authorize(Roles.TradeOfficial, Roles.Administrator)]
public sealed record GetDashboard : IQuery<DashboardDto>;

public sealed record DashboardDto(
    IReadOnlyList<CountDto> ByStatus,
    IReadOnlyList<DomainCountDto> ByDomain,
    IReadOnlyList<CountDto> Funnel,
    IReadOnlyList<StageTimeDto> TimeInStage,
    IReadOnlyList<CountDto> Outcomes,
    IReadOnlyList<ForumFollowUpFiguresDto> Forums)
{
    public string ToCsv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\r\n" }, leaveOpen: true))
        {
            csv.WriteRecord(["section", "key", "value", "detail"]);
            static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
            foreach (var s in ByStatus) csv.WriteRecord(["status", s.Key, N(s.Count), ""]);
            foreach (var d in ByDomain) csv.WriteRecord(["domain", d.Domain, N(d.Total), $"introduced or later: {d.IntroducedOrLater}"]);
            foreach (var f in Funnel) csv.WriteRecord(["funnel", f.Key, N(f.Count), ""]);
            foreach (var t in TimeInStage) csv.WriteRecord(["time_in_stage_days", t.Stage, N(t.AverageDays), $"median {N(t.MedianDays)} over {t.Transitions}"]);
            foreach (var o in Outcomes) csv.WriteRecord(["outcome", o.Key, N(o.Count), ""]);
            foreach (var f in Forums)
            {
                csv.WriteRecord(["forum_meetings", f.Forum, N(f.Meetings), ""]);
                csv.WriteRecord(["forum_feedback_rate", f.Forum, N(f.FeedbackRate), $"{f.WithFeedback} of {f.Meetings} meetings"]);
                csv.WriteRecord(["forum_no_show_rate", f.Forum, N(f.NoShowRate), $"{f.NoShows} of {f.WithFeedback} meetings with feedback"]);
                foreach (var (outcome, count) in f.Outcomes) csv.WriteRecord(["forum_outcome", f.Forum, N(count), outcome]);
            }

            csv.Flush();
        }

        return text.ToString();
    }
}

public sealed record CountDto(string Key, int Count);

public sealed record DomainCountDto(string Domain, int Total, int IntroducedOrLater);

public sealed record StageTimeDto(string Stage, double AverageDays, double MedianDays, int Transitions);

internal sealed class GetDashboardHandler(AppDbContext db, TimeProvider clock) : IRequestHandler<GetDashboard, DashboardDto>
{
    private static readonly MatchStatus[] IntroducedOrLater = [MatchStatus.Introduced, MatchStatus.Meeting, MatchStatus.Outcome];

    public async Task<DashboardDto> Handle(GetDashboard request, CancellationToken cancellationToken)
    {
        var matches = await db.Matches.AsNoTracking().Select(m => new { m.Id, m.Status, m.Domain, m.Outcome }).ToListAsync(cancellationToken);
        var history = await db.MatchStatusChanges.AsNoTracking().Select(h => new { h.MatchId, h.To, h.At, h.Id }).ToListAsync(cancellationToken);

        var byStatus = Enum.GetValues<MatchStatus>().Select(s => new CountDto(s.ToString(), matches.Count(m => m.Status == s))).ToList();
        var byDomain = matches.GroupBy(m => m.Domain.Length == 0 ? "—" : m.Domain).OrderByDescending(g => g.Count())
            .Select(g => new DomainCountDto(g.Key, g.Count(), g.Count(m => IntroducedOrLater.Contains(m.Status)))).ToList();

        var reached = history.GroupBy(h => h.MatchId).ToDictionary(g => g.Key, g => g.Select(h => h.To).ToHashSet());
        var funnel = new[] { MatchStatus.Suggested, MatchStatus.Requested, MatchStatus.Introduced, MatchStatus.Meeting, MatchStatus.Outcome }
            .Select(stage => new CountDto(stage.ToString(), reached.Values.Count(set => set.Contains(stage))))
            .ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var durations = new Dictionary<MatchStatus, List<double>>();
        foreach (var steps in history.GroupBy(h => h.MatchId).Select(g => g.OrderBy(h => h.At).ThenBy(h => h.Id).ToList()))
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var left = i + 1 < steps.Count ? steps[i + 1].At : (MatchWorkflow.Next(steps[i].To).Count == 0 ? (DateTime?)null : now);
                if (left is { } end)
                {
                    (durations.TryGetValue(steps[i].To, out var list) ? list : durations[steps[i].To] = []).Add((end - steps[i].At).TotalDays);
                }
            }
        }

        var timeInStage = Enum.GetValues<MatchStatus>().Where(durations.ContainsKey)
            .Select(s => new StageTimeDto(s.ToString(), Math.Round(durations[s].Average(), 2), Math.Round(Median(durations[s]), 2), durations[s].Count)).ToList();
        var outcomes = Enum.GetValues<MatchOutcome>().Select(o => new CountDto(o.ToString(), matches.Count(m => m.Outcome == o))).ToList();
        var forums = await ForumFollowUpFigures.ComputeAsync(db, now, null, cancellationToken);
        return new DashboardDto(byStatus, byDomain, funnel, timeInStage, outcomes, forums);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
