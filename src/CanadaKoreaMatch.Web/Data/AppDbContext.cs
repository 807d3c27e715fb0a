using CanadaKoreaMatch.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CanadaKoreaMatch.Web.Data;

public class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Company> Companies => Set<Company>();

    public DbSet<CompanyCapability> CompanyCapabilities => Set<CompanyCapability>();

    public DbSet<CompanyMember> CompanyMembers => Set<CompanyMember>();

    public DbSet<RepresentativeInvitation> RepresentativeInvitations => Set<RepresentativeInvitation>();

    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();

    public DbSet<Match> Matches => Set<Match>();

    public DbSet<MatchNote> MatchNotes => Set<MatchNote>();

    public DbSet<MatchStatusChange> MatchStatusChanges => Set<MatchStatusChange>();

    public DbSet<StoredSuggestion> Suggestions => Set<StoredSuggestion>();

    public DbSet<CompanyExclusion> CompanyExclusions => Set<CompanyExclusion>();

    public DbSet<MatchLabel> MatchLabels => Set<MatchLabel>();

    public DbSet<SuggestionRefresh> SuggestionRefreshes => Set<SuggestionRefresh>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<Forum> Forums => Set<Forum>();

    public DbSet<ForumDay> ForumDays => Set<ForumDay>();

    public DbSet<ForumInterpreter> ForumInterpreters => Set<ForumInterpreter>();

    public DbSet<ForumOrganiser> ForumOrganisers => Set<ForumOrganiser>();

    public DbSet<ForumRegistration> ForumRegistrations => Set<ForumRegistration>();

    public DbSet<ForumAttendee> ForumAttendees => Set<ForumAttendee>();

    public DbSet<MeetingRequest> MeetingRequests => Set<MeetingRequest>();

    public DbSet<ScheduleRun> ScheduleRuns => Set<ScheduleRun>();

    public DbSet<ForumMeeting> ForumMeetings => Set<ForumMeeting>();

    public DbSet<PublishedMeeting> PublishedMeetings => Set<PublishedMeeting>();

    public DbSet<CalendarSubscription> CalendarSubscriptions => Set<CalendarSubscription>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<MeetingFeedback> MeetingFeedback => Set<MeetingFeedback>();

    /// <summary>The data-protection key ring, shared by every instance (cookies, bearer tokens, antiforgery, e-mailed links).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.Language).HasMaxLength(8).HasDefaultValue("en");
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

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);
