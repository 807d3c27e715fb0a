namespace CanadaKoreaMatch.Web.Common.Mediator;

/// <summary>
/// Work a command hands off once its transaction has committed (e.g. enqueuing a background job that reads what it wrote).
/// The command has succeeded by then, so a failing hand-off is logged, not thrown: what it hands off must be recoverable
/// by other means (a queued schedule run is picked up by the forum-schedule-sweep job).
/// </summary>
public sealed class AfterCommit(ILogger<AfterCommit> logger)
{
    private readonly List<Action> actions = [];

    public void Add(Action action) => actions.Add(action);

    internal void Run()
    {
        var pending = actions.ToList();
        actions.Clear();
        foreach (var action in pending)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Work handed off after a commit failed; it will be recovered by its sweep");
            }
        }
    }
}
