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

    /// <summary>
    /// Addresses typed with spaces around them were once stored with the spaces, under a lookup key that keeps them, so that the
    /// account could no longer be found by its address. Trims the address, the sign-in name and both lookup keys, unless another
    /// account would then have the same ones (two accounts for one address, made before the fix: an administrator chooses).
    /// Spaces are found by LIKE, since SQL Server ignores trailing spaces in comparisons (and so never missed those).
    /// </summary>
    public const string TrimAccountAddresses = """
        UPDATE "AspNetUsers" SET "Email" = TRIM("Email"), "NormalizedEmail" = TRIM("NormalizedEmail"),
            "UserName" = TRIM("UserName"), "NormalizedUserName" = TRIM("NormalizedUserName")
        WHERE ("Email" LIKE ' %' OR "Email" LIKE '% ' OR "UserName" LIKE ' %' OR "UserName" LIKE '% ')
          AND NOT EXISTS (
            SELECT 1 FROM "AspNetUsers" AS o
            WHERE o."Id" <> "AspNetUsers"."Id"
              AND (TRIM(o."NormalizedUserName") = TRIM("AspNetUsers"."NormalizedUserName") OR TRIM(o."NormalizedEmail") = TRIM("AspNetUsers"."NormalizedEmail")));
        """;
}
