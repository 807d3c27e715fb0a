namespace CanadaKoreaMatch.Web.Data.Migrations;

/// <summary>Changes to stored data that a migration makes on every provider, in SQL all three read alike.</summary>
internal static class DataFixes
{
    /// <summary>
    /// A firm's note on the outcome of a forum meeting was once copied onto the match, which the firm it met also reads; it is
    /// kept with the firm's own feedback only. Clears the match's note where it is a copy of a note one of its two firms gave.
    /// </summary>
    public const string ClearCopiedOutcomeNotes = """
        UPDATE "Matches" SET "OutcomeNote" = NULL
        WHERE "OutcomeNote" IS NOT NULL AND EXISTS (
            SELECT 1 FROM "MeetingFeedback" AS f
            WHERE f."OutcomeNote" = "Matches"."OutcomeNote"
              AND (f."CompanyId" = "Matches"."CanadianCompanyId" OR f."CompanyId" = "Matches"."KoreanCompanyId"));
        """;
}
