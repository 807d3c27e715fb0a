using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CanadaKoreaMatch.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.HasKey(m => m.Id);
        message.Property(m => m.To).HasMaxLength(256);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.Template).HasMaxLength(64);
        message.Property(m => m.Language).HasMaxLength(8);
        message.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.LockedBy).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(2000);
        message.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Holder).HasMaxLength(100);
    }
}
