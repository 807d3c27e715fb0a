using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>
/// Instances that start together (a deployment's replicas) take turns to migrate, seed and set up the job storage:
/// a session-level lock on the server (PostgreSQL advisory lock, SQL Server application lock), released when the
/// holder finishes or its connection dies. SQLite runs one instance and needs none.
/// </summary>
public static class StartupLock
{
    private const long PostgresKey = 0x434B4D_5354415254; // "CKMSTART"
    private const string SqlServerResource = "CanadaKoreaMatch.Startup";

    public static async Task<IAsyncDisposable> AcquireAsync(AppDbContext db, DatabaseSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            return NoLock.Instance;
        }

        await EnsureDatabaseExistsAsync(db, cancellationToken);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                take.Parameters.AddWithValue("key", PostgresKey);
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Release(async () =>
            {
                await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
                {
                    release.Parameters.AddWithValue("key", PostgresKey);
                    await release.ExecuteNonQueryAsync(CancellationToken.None);
                }

                await connection.DisposeAsync();
            });
        }

        var sql = new SqlConnection(settings.ConnectionString);
        await sql.OpenAsync(cancellationToken);
        await using (var take = new SqlCommand("EXEC sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1", sql))
        {
            take.Parameters.AddWithValue("resource", SqlServerResource);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Release(async () =>
        {
            await using (var release = new SqlCommand("EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session'", sql))
            {
                release.Parameters.AddWithValue("resource", SqlServerResource);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }

            await sql.DisposeAsync();
        });
    }

    /// <summary>The lock lives in the database, so the (empty) database is created first; two creators racing is fine.</summary>
    private static async Task EnsureDatabaseExistsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (Exception) when (creator.Exists())
        {
            // another instance created it in the meantime
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
