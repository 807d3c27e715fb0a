using System.Linq.Expressions;

namespace CanadaKoreaMatch.Web.Domain;

public class Company : IVersioned, IAudited
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;
    public const int WebsiteMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int NoteMaxLength = 280;
    public const int MaxCapabilities = 20;
    public const int WithheldReasonMaxLength = 500;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public string Country { get; set; } = "";

    public string Region { get; set; } = "";

    public CompanySize Size { get; set; }

    public string? Website { get; set; }

    public string? Ncage { get; set; }

    public string Description { get; set; } = "";

    public List<string> Languages { get; set; } = [];

    public List<string> Modes { get; set; } = [];

    public List<string> Programmes { get; set; } = [];

    public List<string> Compliance { get; set; } = [];

    public List<CompanyCapability> Capabilities { get; set; } = [];

    public List<CompanyMember> Members { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? VerifiedAt { get; set; }

    public string? VerifiedByUserId { get; set; }

    public bool IsVerified => VerifiedAt is not null;

    /// <summary>When a trade official last declined to verify the firm, or withdrew its verification; cleared when it is verified.</summary>
    public DateTime? VerificationWithheldAt { get; set; }

    /// <summary>Why, for the firm's representatives to answer by changing the profile.</summary>
    public string? VerificationWithheldReason { get; set; }

    public string? VerificationWithheldByUserId { get; set; }

    private static readonly Expression<Func<Company, bool>> Unverified = c => c.VerifiedAt == null;

    /// <summary>An official withheld the firm's verification and its representatives have not changed the profile since: the firm has yet to answer.</summary>
    public static readonly Expression<Func<Company, bool>> WithheldUnanswered =
        c => c.VerifiedAt == null && c.VerificationWithheldAt != null && c.UpdatedAt <= c.VerificationWithheldAt;

    /// <summary>The firm waits for an official: unverified, and either never withheld or changed by its representatives since.</summary>
    public static readonly Expression<Func<Company, bool>> AwaitsVerification = Unverified.And(WithheldUnanswered.Not());

    private static readonly Func<Company, bool> IsWithheldUnansweredRule = WithheldUnanswered.Compile();

    public bool IsWithheldUnanswered => IsWithheldUnansweredRule(this);

    public Guid Version { get; set; }

    public Guid AuditSubject() => Id;

    /// <summary>Any run of white space (a tab, a no-break space pasted from a web page, a Korean full-width space) reads as one space.</summary>
    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

public enum CompanySize
{
    Sme,
    Large,
}

public enum CapabilityDirection
{
    Offers,
    Seeks,
}

public class CompanyCapability : IAudited
{
    public int Id { get; set; }

    public Guid CompanyId { get; set; }

    public CapabilityDirection Direction { get; set; }

    public string Code { get; set; } = "";

    public int? Trl { get; set; }

    public string? Note { get; set; }

    public Guid AuditSubject() => CompanyId;
}

public class CompanyMember : IAudited
{
    public Guid CompanyId { get; set; }

    public string UserId { get; set; } = "";

    public DateTime JoinedAt { get; set; }

    public Guid AuditSubject() => CompanyId;
}

public interface IVersioned
{
    Guid Version { get; set; }
}
