using System.Data.Common;
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
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
                await EnsureDatabaseExistsAsync(db, cancellationToken);
                return await HoldAsync(new NpgsqlConnection(settings.ConnectionString),
                    "SELECT pg_advisory_lock(@name)", "SELECT pg_advisory_unlock(@name)", PostgresKey, cancellationToken);
            case DatabaseProvider.SqlServer:
                await EnsureDatabaseExistsAsync(db, cancellationToken);
                return await HoldAsync(new SqlConnection(settings.ConnectionString),
                    "EXEC sp_getapplock @Resource = @name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
                    "EXEC sp_releaseapplock @Resource = @name, @LockOwner = 'Session'", SqlServerResource, cancellationToken);
            default:
                return NoLock.Instance;
        }
    }

    private static async Task<IAsyncDisposable> HoldAsync(DbConnection connection, string take, string release, object name, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, take, name, cancellationToken);
        return new Release(async () =>
        {
            await ExecuteAsync(connection, release, name, CancellationToken.None);
            await connection.DisposeAsync();
        });
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, object name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "name";
        parameter.Value = name;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
