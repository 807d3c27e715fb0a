using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CanadaKoreaMatch.Web.Common.Errors;

/// <summary>A save refused by a unique index or key: another request added the same record first.</summary>
public static class UniqueViolation
{
    public static bool Is(Exception exception) => exception is DbUpdateException { InnerException: { } inner } && inner switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };
}
