namespace CanadaKoreaMatch.Web.Domain;

/// <summary>
/// What people decided about a pair of firms, kept to check the matching against (decision 015). Written by the flow that makes
/// the decision, in its transaction; one row per decision, never changed afterwards.
/// </summary>
/// <remarks>
/// <see cref="CompanyId"/> is the firm whose decision it is (a representative's "not interested", a firm's meeting feedback or
/// outcome) and <see cref="CounterpartId"/> the other firm. Officials decide for the pair: their decisions are filed under the
/// Canadian firm, with the Korean firm as counterpart.
/// </remarks>
public class MatchLabel
{
    public const int ReasonCodeMaxLength = 32;

    /// <summary>The longest note a representative may give with "not interested".</summary>
    public const int NotInterestedNoteMaxLength = 500;

    /// <summary>The longest free text a label keeps: an official's rejection reason (<see cref="Match.TextMaxLength"/>).</summary>
    public const int ReasonNoteMaxLength = Match.TextMaxLength;

    /// <summary>The reason code of a meeting its firm called promising.</summary>
    public const string Promising = "Promising";

    public long Id { get; set; }

    public Guid CompanyId { get; set; }

    public Guid CounterpartId { get; set; }

    public MatchLabelKind Kind { get; set; }

    /// <summary>What came of the pair, for <see cref="MatchLabelKind.Outcome"/>; null otherwise.</summary>
    public MatchOutcome? Value { get; set; }

    public bool Positive { get; set; }

    /// <summary>A fixed reason: a <see cref="NotInterestedReason"/> name, or <see cref="Promising"/> for a meeting.</summary>
    public string? ReasonCode { get; set; }

    /// <summary>The representative's note on "not interested" (at most 500 characters), or the official's rejection reason.</summary>
    public string? ReasonNote { get; set; }

    public string? RecordedByUserId { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>The match score shown when the decision was made, when known.</summary>
    public double? Score { get; set; }

    /// <summary>The counterpart's place (1 = first) in the view of <see cref="ListedIn"/> when the decision was made, when it was listed.</summary>
    public int? Rank { get; set; }

    /// <summary>Where the deciding firm was shown the counterpart when it decided: its own suggestions, the firms looking for what it offers, or neither.</summary>
    public ListedIn? ListedIn { get; set; }

    /// <summary>A representative no longer wants a suggested firm.</summary>
    public static MatchLabel NotInterested(Guid companyId, Guid counterpartId, NotInterestedReason? reason, string? note, LabelContext context) =>
        New(companyId, counterpartId, MatchLabelKind.NotInterested, null, reason?.ToString(), note, context);

    /// <summary>An official approved, rejected or introduced the pair, or recorded its meeting or outcome; null for any other move.</summary>
    public static MatchLabel? OfficialDecision(Match match, MatchStatus to, LabelContext context) => to switch
    {
        MatchStatus.Approved => New(match.CanadianCompanyId, match.KoreanCompanyId, MatchLabelKind.Approved, null, null, null, context),
        MatchStatus.Rejected => New(match.CanadianCompanyId, match.KoreanCompanyId, MatchLabelKind.Rejected, null, null, match.RejectionReason, context),
        MatchStatus.Introduced => New(match.CanadianCompanyId, match.KoreanCompanyId, MatchLabelKind.Introduced, null, null, null, context),
        MatchStatus.Meeting => New(match.CanadianCompanyId, match.KoreanCompanyId, MatchLabelKind.Meeting, null, null, null, context),
        MatchStatus.Outcome => New(match.CanadianCompanyId, match.KoreanCompanyId, MatchLabelKind.Outcome, match.Outcome, null, null, context),
        _ => null,
    };

    /// <summary>A firm says its meeting with the counterpart took place (and whether it was promising).</summary>
    public static MatchLabel MeetingHeld(Guid companyId, Guid counterpartId, bool promising, LabelContext context) =>
        New(companyId, counterpartId, MatchLabelKind.Meeting, null, promising ? Promising : null, null, context);

    /// <summary>A firm records what came of its meeting with the counterpart.</summary>
    public static MatchLabel OutcomeOf(Guid companyId, Guid counterpartId, MatchOutcome outcome, LabelContext context) =>
        New(companyId, counterpartId, MatchLabelKind.Outcome, outcome, null, null, context);

    /// <summary>Not interested, a rejection and "no further action" count against the pair; every other decision for it.</summary>
    public static bool IsPositive(MatchLabelKind kind, MatchOutcome? value) => kind switch
    {
        MatchLabelKind.NotInterested or MatchLabelKind.Rejected => false,
        MatchLabelKind.Outcome => value is not MatchOutcome.NoFurtherAction,
        _ => true,
    };

    private static MatchLabel New(Guid companyId, Guid counterpartId, MatchLabelKind kind, MatchOutcome? value, string? reasonCode, string? note, LabelContext context) => new()
    {
        CompanyId = companyId,
        CounterpartId = counterpartId,
        Kind = kind,
        Value = value,
        Positive = IsPositive(kind, value),
        ReasonCode = reasonCode,
        ReasonNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        RecordedByUserId = context.UserId,
        RecordedAt = context.At,
        Score = context.Score,
        Rank = context.Rank,
        ListedIn = context.ListedIn,
    };
}

/// <summary>Who decided, when, and where the counterpart was listed for them: the view, its place there and the score shown (when known).</summary>
public sealed record LabelContext(string? UserId, DateTime At, double? Score = null, int? Rank = null, ListedIn? ListedIn = null);

/// <summary>The two views of other firms a firm is shown (decision 202): its own suggestions, and the firms whose suggestions hold it.</summary>
public enum ListedIn
{
    Suggestions,
    LookingForYou,
}

public enum MatchLabelKind
{
    NotInterested,
    Rejected,
    Approved,
    Introduced,
    Meeting,
    Outcome,
}

/// <summary>Why a representative is not interested in a suggested firm.</summary>
public enum NotInterestedReason
{
    NotOurField,
    WrongSize,
    AlreadyWorkingWithThem,
    Compliance,
    Other,
}
