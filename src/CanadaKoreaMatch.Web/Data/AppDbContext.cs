using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Data;

public class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<CompanyCapability> CompanyCapabilities => Set<CompanyCapability>();

    public DbSet<CompanyMember> CompanyMembers => Set<CompanyMember>();

    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();

    public DbSet<Match> Matches => Set<Match>();

    public DbSet<MatchNote> MatchNotes => Set<MatchNote>();

    public DbSet<MatchStatusChange> MatchStatusChanges => Set<MatchStatusChange>();

    public DbSet<StoredSuggestion> Suggestions => Set<StoredSuggestion>();

    public DbSet<CompanyExclusion> CompanyExclusions => Set<CompanyExclusion>();

    public DbSet<SuggestionRefresh> SuggestionRefreshes => Set<SuggestionRefresh>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }

        return base.SaveChangesAsync(cancellationToken);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
