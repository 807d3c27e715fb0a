using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CanadaKoreaMatch.Web.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> company)
    {
        company.HasKey(c => c.Id);
        company.Property(c => c.Name).HasMaxLength(Company.NameMaxLength).IsRequired();
        company.Property(c => c.NormalizedName).HasMaxLength(Company.NameMaxLength).IsRequired();
        company.Property(c => c.Country).HasMaxLength(2).IsRequired();
        company.Property(c => c.Region).HasMaxLength(Company.RegionMaxLength);
        company.Property(c => c.Size).HasConversion<string>().HasMaxLength(8);
        company.Property(c => c.Website).HasMaxLength(Company.WebsiteMaxLength);
        company.Property(c => c.Ncage).HasMaxLength(5);
        company.Property(c => c.Description).HasMaxLength(Company.DescriptionMaxLength);
        company.Property(c => c.VerifiedByUserId).HasMaxLength(450);
        company.Property(c => c.Version).IsConcurrencyToken();
        company.Property(c => c.VerificationWithheldReason).HasMaxLength(Company.WithheldReasonMaxLength);
        company.Property(c => c.VerificationWithheldByUserId).HasMaxLength(450);
        company.Ignore(c => c.IsVerified);
        company.HasIndex(c => new { c.Country, c.NormalizedName }).IsUnique();
        company.HasMany(c => c.Capabilities).WithOne().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
        company.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompanyCapabilityConfiguration : IEntityTypeConfiguration<CompanyCapability>
{
    public void Configure(EntityTypeBuilder<CompanyCapability> capability)
    {
        capability.HasKey(c => c.Id);
        capability.Property(c => c.Code).HasMaxLength(32).IsRequired();
        capability.Property(c => c.Direction).HasConversion<string>().HasMaxLength(8);
        capability.Property(c => c.Note).HasMaxLength(Company.NoteMaxLength);
        capability.HasIndex(c => new { c.Code, c.Direction });
    }
}

internal sealed class CompanyMemberConfiguration : IEntityTypeConfiguration<CompanyMember>
{
    public void Configure(EntityTypeBuilder<CompanyMember> member)
    {
        member.HasKey(m => new { m.CompanyId, m.UserId });
        member.Property(m => m.UserId).HasMaxLength(450);
        member.HasIndex(m => m.UserId);
        member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RepresentativeInvitationConfiguration : IEntityTypeConfiguration<RepresentativeInvitation>
{
    public void Configure(EntityTypeBuilder<RepresentativeInvitation> invitation)
    {
        invitation.HasKey(i => i.Id);
        invitation.Property(i => i.Email).HasMaxLength(256).IsRequired();
        invitation.Property(i => i.NormalizedEmail).HasMaxLength(256).IsRequired();
        invitation.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        invitation.Property(i => i.InvitedByUserId).HasMaxLength(450).IsRequired();
        invitation.HasIndex(i => new { i.CompanyId, i.NormalizedEmail }).IsUnique();
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => i.NormalizedEmail);
        invitation.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaxonomyTermConfiguration : IEntityTypeConfiguration<TaxonomyTerm>
{
    public void Configure(EntityTypeBuilder<TaxonomyTerm> term)
    {
        term.HasKey(t => new { t.Kind, t.Code });
        term.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        term.Property(t => t.Code).HasMaxLength(32);
        term.Property(t => t.LabelEn).HasMaxLength(200);
        term.Property(t => t.LabelFr).HasMaxLength(200);
        term.Property(t => t.LabelKo).HasMaxLength(200);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Organisation).HasMaxLength(200);
    }
}
