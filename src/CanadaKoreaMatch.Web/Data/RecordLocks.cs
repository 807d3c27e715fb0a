using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>
/// Serialises the commands that check for a row and then insert it (a meeting request between two firms, a firm's
/// exclusion of another, a registration, a match): the second of two simultaneous commands waits for the first to commit
/// and then finds its row. A transaction-scoped lock on the server (PostgreSQL advisory lock, SQL Server application
/// lock) named after the record; SQLite runs one writing transaction at a time and needs none.
/// </summary>
public static class RecordLocks
{
    /// <summary>Takes the lock named by <paramref name="parts"/> until the current transaction ends.</summary>
    public static async Task LockAsync(AppDbContext db, CancellationToken cancellationToken, params object[] parts)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A record lock lives as long as a transaction: take it inside a command.");
        }

        var name = string.Join(':', parts.Select(p => p.ToString()));
        if (db.Database.IsNpgsql())
        {
            var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            // sp_getapplock answers 0 or 1 when granted, a negative number when not (timeout, deadlock): then the command fails.
            var granted = await db.Database.SqlQuery<int>(
                $"DECLARE @result int; EXEC @result = sp_getapplock @Resource = {"ckm:" + name}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000; SELECT @result AS [Value]")
                .ToListAsync(cancellationToken);
            if (granted.Single() < 0)
            {
                throw new InvalidOperationException($"The lock on {name} was not granted.");
            }
        }
    }

    /// <summary>The same name for a pair of firms whichever of the two comes first.</summary>
    public static string Pair(Guid a, Guid b) =>
        string.CompareOrdinal(a.ToString(), b.ToString()) < 0 ? $"{a}:{b}" : $"{b}:{a}";
}
