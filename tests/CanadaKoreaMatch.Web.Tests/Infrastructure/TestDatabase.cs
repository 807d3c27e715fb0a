using Npgsql;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>
/// One throwaway database per fixture: a SQLite file, a PostgreSQL database on the server named by
/// CKM_TEST_POSTGRES when CKM_TEST_DB=Postgres, or a SQL Server database on the server named by CKM_TEST_SQLSERVER
/// when CKM_TEST_DB=SqlServer (./build.sh test runs the suite on each one it has).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? directory;
    private readonly string? postgresServer;
    private readonly string? postgresName;
    private readonly string? sqlServer;
    private readonly string? sqlServerName;

    public TestDatabase()
    {
        Provider = Environment.GetEnvironmentVariable("CKM_TEST_DB") is { Length: > 0 } p ? p : "Sqlite";
        if (string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            postgresServer = Environment.GetEnvironmentVariable("CKM_TEST_POSTGRES")
                ?? throw new InvalidOperationException("CKM_TEST_DB=Postgres needs CKM_TEST_POSTGRES (a connection string to a server).");
            postgresName = "ckm_test_" + Guid.NewGuid().ToString("N")[..16];
            ConnectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresName }.ConnectionString;
        }
        else if (string.Equals(Provider, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            sqlServer = Environment.GetEnvironmentVariable("CKM_TEST_SQLSERVER")
                ?? throw new InvalidOperationException("CKM_TEST_DB=SqlServer needs CKM_TEST_SQLSERVER (a connection string to a server).");
            sqlServerName = "ckm_test_" + Guid.NewGuid().ToString("N")[..16];
            ConnectionString = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(sqlServer) { InitialCatalog = sqlServerName }.ConnectionString;
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("ckm-test-").FullName;
            ConnectionString = $"Data Source={Path.Combine(directory, "test.db")}";
        }

        WorkDirectory = directory ?? Directory.CreateTempSubdirectory("ckm-test-").FullName;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public string WorkDirectory { get; }

    public void Dispose()
    {
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(postgresServer);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }

        if (sqlServerName is not null)
        {
            Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
            using var connection = new Microsoft.Data.SqlClient.SqlConnection(sqlServer);
            connection.Open();
#pragma warning disable DAP241 // the name is generated above, never user input
            using var drop = new Microsoft.Data.SqlClient.SqlCommand(
                $"IF DB_ID('{sqlServerName}') IS NOT NULL BEGIN ALTER DATABASE [{sqlServerName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{sqlServerName}]; END", connection);
#pragma warning restore DAP241
            drop.ExecuteNonQuery();
        }

        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
