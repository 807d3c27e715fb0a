namespace CanadaKoreaMatch.Web.Common.Mediator;

/// <summary>Work a command hands off once its transaction has committed (e.g. enqueuing a background job that reads what it wrote).</summary>
public sealed class AfterCommit
{
    private readonly List<Action> actions = [];

    public void Add(Action action) => actions.Add(action);

    internal void Run()
    {
        var pending = actions.ToList();
        actions.Clear();
        foreach (var action in pending)
        {
            action();
        }
    }
}
