using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CanadaKoreaMatch.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>The database the app runs on, read once from configuration: Database:Provider and ConnectionStrings:Default.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite, Postgres or SqlServer, not '{providerName}'.");
        }

        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"ConnectionStrings:Default is required when Database:Provider is {provider}.");
            }

            var folder = Path.Combine(contentRoot, "App_Data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "canadakoreamatch.db")}";
        }

        return new DatabaseSettings(provider, connectionString);
    }
}

public static class DatabaseSetup
{
    public static DatabaseSettings AddAppDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var settings = DatabaseSettings.From(configuration, contentRoot);
        services.AddSingleton(settings);
        services.AddScoped<AuditingInterceptor>();
        var connectionString = settings.ConnectionString;
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                Add<SqliteAppDbContext>(services, o => o.UseSqlite(connectionString));
                break;
            case DatabaseProvider.Postgres:
                Add<PostgresAppDbContext>(services, o => o.UseNpgsql(connectionString));
                break;
            case DatabaseProvider.SqlServer:
                Add<SqlServerAppDbContext>(services, o => o.UseSqlServer(connectionString));
                break;
        }

        return settings;
    }

    private static void Add<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> provider)
        where TContext : AppDbContext
    {
        services.AddDbContext<TContext>((sp, o) => provider(o.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>())));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<TContext>());
    }
}

/// <summary>Used by `dotnet ef` and the migration checks: each provider keeps its own migrations (Data/Migrations/Sqlite, Postgres, SqlServer).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=localhost;Database=design;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
