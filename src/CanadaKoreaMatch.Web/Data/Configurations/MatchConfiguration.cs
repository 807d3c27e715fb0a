using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CanadaKoreaMatch.Web.Data.Configurations;

internal sealed class MatchConfiguration : IEntityTypeConfiguration<Match>
{
    public void Configure(EntityTypeBuilder<Match> match)
    {
        match.HasKey(m => m.Id);
        match.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        match.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(16);
        match.Property(m => m.Domain).HasMaxLength(8);
        match.Property(m => m.RequestMessage).HasMaxLength(Match.TextMaxLength);
        match.Property(m => m.RejectionReason).HasMaxLength(Match.TextMaxLength);
        match.Property(m => m.OutcomeNote).HasMaxLength(Match.TextMaxLength);
        match.Property(m => m.Version).IsConcurrencyToken();
        match.HasIndex(m => new { m.CanadianCompanyId, m.KoreanCompanyId }).IsUnique();
        match.HasIndex(m => m.KoreanCompanyId);
        match.HasIndex(m => m.Status);
        match.HasOne<Company>().WithMany().HasForeignKey(m => m.CanadianCompanyId).OnDelete(DeleteBehavior.Cascade);
        // One cascading key per pair: SQL Server refuses two cascade paths from Companies to one table.
        match.HasOne<Company>().WithMany().HasForeignKey(m => m.KoreanCompanyId).OnDelete(DeleteBehavior.ClientCascade);
        match.HasMany(m => m.Notes).WithOne().HasForeignKey(n => n.MatchId).OnDelete(DeleteBehavior.Cascade);
        match.HasMany(m => m.History).WithOne().HasForeignKey(h => h.MatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MatchNoteConfiguration : IEntityTypeConfiguration<MatchNote>
{
    public void Configure(EntityTypeBuilder<MatchNote> note)
    {
        note.HasKey(n => n.Id);
        note.Property(n => n.UserId).HasMaxLength(450);
        note.Property(n => n.Text).HasMaxLength(Match.TextMaxLength);
    }
}

internal sealed class MatchStatusChangeConfiguration : IEntityTypeConfiguration<MatchStatusChange>
{
    public void Configure(EntityTypeBuilder<MatchStatusChange> change)
    {
        change.HasKey(c => c.Id);
        change.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
        change.Property(c => c.UserId).HasMaxLength(450);
    }
}

internal sealed class StoredSuggestionConfiguration : IEntityTypeConfiguration<StoredSuggestion>
{
    public void Configure(EntityTypeBuilder<StoredSuggestion> suggestion)
    {
        suggestion.HasKey(s => new { s.CompanyId, s.CounterpartId });
        suggestion.HasIndex(s => new { s.CompanyId, s.Rank });
        suggestion.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        suggestion.HasOne<Company>().WithMany().HasForeignKey(s => s.CounterpartId).OnDelete(DeleteBehavior.ClientCascade);
    }
}

internal sealed class CompanyExclusionConfiguration : IEntityTypeConfiguration<CompanyExclusion>
{
    public void Configure(EntityTypeBuilder<CompanyExclusion> exclusion)
    {
        exclusion.HasKey(e => new { e.CompanyId, e.ExcludedCompanyId });
        exclusion.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        exclusion.Property(e => e.UserId).HasMaxLength(450);
        exclusion.HasOne<Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Cascade);
        exclusion.HasOne<Company>().WithMany().HasForeignKey(e => e.ExcludedCompanyId).OnDelete(DeleteBehavior.ClientCascade);
    }
}

internal sealed class MatchLabelConfiguration : IEntityTypeConfiguration<MatchLabel>
{
    public void Configure(EntityTypeBuilder<MatchLabel> label)
    {
        label.HasKey(l => l.Id);
        label.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        label.Property(l => l.Value).HasConversion<string>().HasMaxLength(16);
        label.Property(l => l.ListedIn).HasConversion<string>().HasMaxLength(16);
        label.Property(l => l.ReasonCode).HasMaxLength(MatchLabel.ReasonCodeMaxLength);
        label.Property(l => l.ReasonNote).HasMaxLength(MatchLabel.ReasonNoteMaxLength);
        label.Property(l => l.RecordedByUserId).HasMaxLength(450);
        label.HasIndex(l => new { l.CompanyId, l.CounterpartId });
        label.HasIndex(l => l.RecordedAt);
        label.HasOne<Company>().WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Cascade);
        label.HasOne<Company>().WithMany().HasForeignKey(l => l.CounterpartId).OnDelete(DeleteBehavior.ClientCascade);
    }
}

internal sealed class SuggestionRefreshConfiguration : IEntityTypeConfiguration<SuggestionRefresh>
{
    public void Configure(EntityTypeBuilder<SuggestionRefresh> refresh) => refresh.HasKey(r => r.Id);
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.EntityType).HasMaxLength(64);
        entry.Property(e => e.EntityId).HasMaxLength(100);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.HasIndex(e => e.SubjectId);
        entry.HasIndex(e => e.At);
    }
}
