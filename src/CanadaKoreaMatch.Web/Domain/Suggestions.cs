namespace CanadaKoreaMatch.Web.Domain;

/// <summary>One entry of a firm's stored top list, written by the background recompute.</summary>
public class StoredSuggestion
{
    public Guid CompanyId { get; set; }

    public Guid CounterpartId { get; set; }

    public int Rank { get; set; }

    public double Score { get; set; }

    public string ReasonsJson { get; set; } = "[]";

    public DateTime ComputedAt { get; set; }
}

/// <summary>A firm keeps another out of its suggestions: named exclusion (e.g. a competitor) or "not interested".</summary>
public class CompanyExclusion : IAudited
{
    public Guid CompanyId { get; set; }

    public Guid ExcludedCompanyId { get; set; }

    public ExclusionKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? UserId { get; set; }

    public Guid AuditSubject() => CompanyId;
}

public enum ExclusionKind
{
    Excluded,
    NotInterested,
}

/// <summary>A firm whose suggestions must be recomputed; written in the same transaction as the change that caused it.</summary>
public class SuggestionRefresh
{
    public long Id { get; set; }

    public Guid CompanyId { get; set; }

    public DateTime RequestedAt { get; set; }
}

/// <summary>Append-only record of a change: who, when (UTC), what, before and after.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public Guid SubjectId { get; set; }

    public string Action { get; set; } = "";

    public string? Before { get; set; }

    public string? After { get; set; }
}

/// <summary>Changes to entities marked with this interface are written to the audit trail, filed under the firm or match they concern.</summary>
public interface IAudited
{
    Guid AuditSubject();
}
