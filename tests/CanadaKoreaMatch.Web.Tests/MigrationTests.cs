using CanadaKoreaMatch.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CanadaKoreaMatch.Web.Tests;

/// <summary>
/// For each of the three providers, with no server needed: the migrations describe the current model, and the
/// idempotent script an operator would run by hand generates. ./build.sh test writes the scripts to its results folder.
/// </summary>
public sealed class MigrationTests
{
    private static readonly string[] ProviderNames = ["Sqlite", "Postgres", "SqlServer"];

    public static TheoryData<string> Providers() => new(ProviderNames);

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_match_the_model_and_the_idempotent_script_generates(string provider)
    {
        using var db = Create(provider);

        db.Database.HasPendingModelChanges().ShouldBeFalse($"{provider}: the model has changes no migration describes");
        // EF Core cannot write idempotent scripts for SQLite; there the full script is generated instead, and the
        // test below runs it on an empty database.
        var script = db.GetService<IMigrator>().GenerateScript(
            options: provider == "Sqlite" ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Companies", "Matches", "OutboxMessages", "JobLeases", "DataProtectionKeys" })
        {
            script.ShouldContain(table);
        }

        foreach (var migration in db.Database.GetMigrations())
        {
            script.ShouldContain(migration);
        }

        if (Environment.GetEnvironmentVariable("CKM_MIGRATION_SCRIPTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{provider.ToLowerInvariant()}.sql"), script);
        }
    }

    [Fact]
    public async Task The_SQLite_script_builds_an_empty_database_up_to_the_last_migration()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ckm-script-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using var db = new SqliteAppDbContext(options);
            var script = db.GetService<IMigrator>().GenerateScript();

            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = script;
                await command.ExecuteNonQueryAsync();
            }

            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
            await db.Database.MigrateAsync();
            (await db.OutboxMessages.CountAsync()).ShouldBe(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Upgrading_trims_the_addresses_stored_with_spaces_unless_another_account_has_the_trimmed_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ckm-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using var db = new SqliteAppDbContext(options);
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_TrimAccountAddresses", StringComparison.Ordinal)) - 1]);
            var alone = Account(" kim@hanwha.example ");
            var twin = Account("lee@cae.example ");
            var original = Account("lee@cae.example");
            db.Users.AddRange(alone, twin, original);
            await db.SaveChangesAsync();

            await migrator.MigrateAsync();

            db.ChangeTracker.Clear();
            var trimmed = await db.Users.SingleAsync(u => u.Id == alone.Id);
            (trimmed.Email, trimmed.UserName, trimmed.NormalizedEmail, trimmed.NormalizedUserName)
                .ShouldBe(("kim@hanwha.example", "kim@hanwha.example", "KIM@HANWHA.EXAMPLE", "KIM@HANWHA.EXAMPLE"));
            (await db.Users.SingleAsync(u => u.Id == twin.Id)).NormalizedEmail.ShouldBe("LEE@CAE.EXAMPLE ", "another account has the address: an administrator chooses");
            (await db.Users.SingleAsync(u => u.Id == original.Id)).Email.ShouldBe("lee@cae.example");
        }
        finally
        {
            File.Delete(file);
        }

        static Domain.AppUser Account(string address) => new()
        {
            Id = Guid.NewGuid().ToString(), Email = address, UserName = address, NormalizedEmail = address.ToUpperInvariant(),
            NormalizedUserName = address.ToUpperInvariant(), DisplayName = "Test", SecurityStamp = Guid.NewGuid().ToString(),
        };
    }

    [Fact]
    public async Task Upgrading_clears_the_outcome_notes_copied_from_a_firms_feedback_onto_its_match_and_keeps_the_others()
    {
        const string firmsNote = "A second workshop in Busan in March.";
        const string officialsNote = "Signed at CANSEC.";
        var file = Path.Combine(Path.GetTempPath(), $"ckm-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using var db = new SqliteAppDbContext(options);
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_ClearCopiedOutcomeNotes", StringComparison.Ordinal)) - 1]);
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            var (canadian, korean, other, stranger) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            var copied = Outcome(canadian, korean, firmsNote);
            var officials = Outcome(canadian, other, officialsNote);
            db.Matches.AddRange(copied, officials);
            db.MeetingFeedback.AddRange(Feedback(korean, firmsNote), Feedback(stranger, officialsNote));
            await db.SaveChangesAsync();

            await migrator.MigrateAsync();

            db.ChangeTracker.Clear();
            (await db.Matches.SingleAsync(m => m.Id == copied.Id)).OutcomeNote.ShouldBeNull("the Korean firm's own note, which the Canadian firm read on the match");
            (await db.Matches.SingleAsync(m => m.Id == officials.Id)).OutcomeNote.ShouldBe(officialsNote, "no firm of this pair gave that note");
            (await db.MeetingFeedback.CountAsync(f => f.OutcomeNote == firmsNote)).ShouldBe(1, "the firm keeps its note");
        }
        finally
        {
            File.Delete(file);
        }

        static Domain.Match Outcome(Guid canadian, Guid korean, string note) => new()
        {
            Id = Guid.NewGuid(), CanadianCompanyId = canadian, KoreanCompanyId = korean, Status = Domain.MatchStatus.Outcome,
            Outcome = Domain.MatchOutcome.MouSigned, OutcomeNote = note, Version = Guid.NewGuid(),
        };

        static Domain.MeetingFeedback Feedback(Guid firm, string note) => new()
        {
            Id = Guid.NewGuid(), ForumId = Guid.NewGuid(), MeetingId = Guid.NewGuid(), CompanyId = firm,
            Attendance = Domain.MeetingAttendance.TookPlace, Outcome = Domain.MatchOutcome.MouSigned, OutcomeNote = note,
        };
    }

    [Fact]
    public void The_three_providers_share_one_model()
    {
        var tables = ProviderNames.Select(p =>
        {
            using var db = Create(p);
            return db.Model.GetEntityTypes().Select(e => $"{e.GetTableName()}({string.Join(",", e.GetProperties().Select(x => x.Name).Order(StringComparer.Ordinal))})")
                .Order(StringComparer.Ordinal).ToList();
        }).ToList();

        tables[1].ShouldBe(tables[0]);
        tables[2].ShouldBe(tables[0]);
    }

    private static AppDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        _ => new SqlServerDesignTimeFactory().CreateDbContext([]),
    };
}
