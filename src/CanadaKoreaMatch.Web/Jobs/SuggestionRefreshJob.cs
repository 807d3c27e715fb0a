using CanadaKoreaMatch.Web.Features.Suggestions;
using Quartz;

namespace CanadaKoreaMatch.Web.Jobs;

/// <summary>Drains the suggestion refresh queue every few seconds; one run at a time.</summary>
[DisallowConcurrentExecution]
public sealed class SuggestionRefreshJob(SuggestionRecomputer recomputer) : IJob
{
    public static readonly JobKey Key = new("suggestion-refresh");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await recomputer.RunOnceAsync(cancellationToken);
}
