using System.Text.Json;
using CanadaKoreaMatch.Web.Common.Security;
using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CanadaKoreaMatch.Web.Data;

/// <summary>
/// In the same SaveChanges as the change itself: an audit entry per changed audited entity, and a
/// suggestion refresh for every firm whose profile or exclusions changed (so the background
/// recompute can never miss a committed change).
/// </summary>
public sealed class AuditingInterceptor(ICurrentUser user, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            Record(db);
        }

        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            Record(db);
        }

        return result;
    }

    private void Record(AppDbContext db)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        var refresh = new HashSet<Guid>();
        foreach (var entry in changed)
        {
            var audit = Describe(entry, now);
            if (audit is null)
            {
                continue;
            }

            db.AuditEntries.Add(audit);
            if (entry.Entity is Company or CompanyCapability)
            {
                refresh.Add(audit.SubjectId);
            }
            else if (entry.Entity is CompanyExclusion exclusion)
            {
                refresh.Add(exclusion.CompanyId);
                refresh.Add(exclusion.ExcludedCompanyId);
            }
        }

        db.SuggestionRefreshes.AddRange(refresh.Select(companyId => new SuggestionRefresh { CompanyId = companyId, RequestedAt = now }));
    }

    private AuditEntry? Describe(EntityEntry entry, DateTime now)
    {
        // A secret's hash stays out of the trail: the trail is read by more people than the secret was sent to.
        var properties = entry.Properties.Where(p => !p.Metadata.IsShadowProperty() && p.Metadata.Name != nameof(RepresentativeInvitation.TokenHash)).ToList();
        Dictionary<string, object?>? before = null;
        Dictionary<string, object?>? after = null;
        switch (entry.State)
        {
            case EntityState.Added:
                after = properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
                break;
            case EntityState.Deleted:
                before = properties.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
                break;
            default:
                var modified = properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && p.Metadata.Name != nameof(IVersioned.Version)).ToList();
                if (modified.Count == 0)
                {
                    return null;
                }

                before = modified.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
                after = modified.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
                break;
        }

        var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
        return new AuditEntry
        {
            At = now,
            UserId = user.UserId,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join("/", key),
            SubjectId = ((IAudited)entry.Entity).AuditSubject(),
            Action = entry.State switch { EntityState.Added => "Created", EntityState.Deleted => "Deleted", _ => "Updated" },
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };
    }
}
