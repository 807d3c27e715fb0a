namespace CanadaKoreaMatch.Scheduling;

/// <summary>Outcome of a solve.</summary>
public enum SolveStatus
{
    /// <summary>A schedule was found and proved optimal (its value equals a lower bound, or the search was exhaustive).</summary>
    Optimal,

    /// <summary>A schedule was found; optimality is not proved.</summary>
    Feasible,

    /// <summary>No schedule exists; the reason says why.</summary>
    Infeasible,

    /// <summary>No schedule was found within the budget and infeasibility was not proved.</summary>
    Unknown,
}
