using CanadaKoreaMatch.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CanadaKoreaMatch.Web.Data.Configurations;

internal sealed class ForumConfiguration : IEntityTypeConfiguration<Forum>
{
    public void Configure(EntityTypeBuilder<Forum> forum)
    {
        forum.HasKey(f => f.Id);
        forum.Property(f => f.Name).HasMaxLength(Forum.NameMaxLength).IsRequired();
        forum.Property(f => f.Venue).HasMaxLength(Forum.VenueMaxLength);
        forum.Property(f => f.TimeZone).HasMaxLength(64).IsRequired();
        forum.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        forum.Property(f => f.Version).IsConcurrencyToken();
        forum.HasMany(f => f.Days).WithOne().HasForeignKey(d => d.ForumId).OnDelete(DeleteBehavior.Cascade);
        forum.HasMany(f => f.Interpreters).WithOne().HasForeignKey(i => i.ForumId).OnDelete(DeleteBehavior.Cascade);
        forum.HasMany(f => f.Organisers).WithOne().HasForeignKey(o => o.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumDayConfiguration : IEntityTypeConfiguration<ForumDay>
{
    public void Configure(EntityTypeBuilder<ForumDay> day)
    {
        day.HasKey(d => d.Id);
        day.HasIndex(d => new { d.ForumId, d.Date }).IsUnique();
    }
}

internal sealed class ForumInterpreterConfiguration : IEntityTypeConfiguration<ForumInterpreter>
{
    public void Configure(EntityTypeBuilder<ForumInterpreter> interpreter)
    {
        interpreter.HasKey(i => i.Id);
        interpreter.Property(i => i.Name).HasMaxLength(100).IsRequired();
    }
}

internal sealed class ForumOrganiserConfiguration : IEntityTypeConfiguration<ForumOrganiser>
{
    public void Configure(EntityTypeBuilder<ForumOrganiser> organiser)
    {
        organiser.HasKey(o => new { o.ForumId, o.UserId });
        organiser.Property(o => o.UserId).HasMaxLength(450);
        organiser.HasIndex(o => o.UserId);
        organiser.HasOne<AppUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumRegistrationConfiguration : IEntityTypeConfiguration<ForumRegistration>
{
    public void Configure(EntityTypeBuilder<ForumRegistration> registration)
    {
        registration.HasKey(r => r.Id);
        registration.Property(r => r.TimeZone).HasMaxLength(64).IsRequired();
        registration.Property(r => r.RegisteredByUserId).HasMaxLength(450);
        registration.Property(r => r.Version).IsConcurrencyToken();
        registration.HasIndex(r => new { r.ForumId, r.CompanyId }).IsUnique();
        registration.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
        registration.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.ClientCascade);
        registration.HasMany(r => r.Delegates).WithOne().HasForeignKey(d => d.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumAttendeeConfiguration : IEntityTypeConfiguration<ForumAttendee>
{
    public void Configure(EntityTypeBuilder<ForumAttendee> person)
    {
        person.HasKey(d => d.Id);
        person.Property(d => d.Name).HasMaxLength(100).IsRequired();
    }
}

internal sealed class MeetingRequestConfiguration : IEntityTypeConfiguration<MeetingRequest>
{
    public void Configure(EntityTypeBuilder<MeetingRequest> request)
    {
        request.HasKey(r => r.Id);
        request.Property(r => r.Priority).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.CounterPriority).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        request.Property(r => r.Message).HasMaxLength(MeetingRequest.MessageMaxLength);
        request.Property(r => r.CreatedByUserId).HasMaxLength(450);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.HasIndex(r => new { r.ForumId, r.FromCompanyId, r.ToCompanyId }).IsUnique();
        request.HasIndex(r => new { r.ForumId, r.ToCompanyId });
        request.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<Company>().WithMany().HasForeignKey(r => r.FromCompanyId).OnDelete(DeleteBehavior.ClientCascade);
        request.HasOne<Company>().WithMany().HasForeignKey(r => r.ToCompanyId).OnDelete(DeleteBehavior.ClientCascade);
    }
}

internal sealed class ScheduleRunConfiguration : IEntityTypeConfiguration<ScheduleRun>
{
    public void Configure(EntityTypeBuilder<ScheduleRun> run)
    {
        run.HasKey(r => r.Id);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.RequestedByUserId).HasMaxLength(450);
        run.Property(r => r.Phase).HasMaxLength(64);
        run.Property(r => r.RunBy).HasMaxLength(100);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.HasIndex(r => new { r.ForumId, r.QueuedAt });
        run.HasOne<Forum>().WithMany().HasForeignKey(r => r.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumMeetingConfiguration : IEntityTypeConfiguration<ForumMeeting>
{
    public void Configure(EntityTypeBuilder<ForumMeeting> meeting)
    {
        meeting.HasKey(m => m.Id);
        meeting.Property(m => m.Id).ValueGeneratedNever();
        meeting.Property(m => m.Table).HasMaxLength(64);
        meeting.HasIndex(m => new { m.ForumId, m.Day, m.Slot });
        meeting.HasOne<MeetingRequest>().WithOne().HasForeignKey<ForumMeeting>(m => m.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PublishedMeetingConfiguration : IEntityTypeConfiguration<PublishedMeeting>
{
    public void Configure(EntityTypeBuilder<PublishedMeeting> meeting)
    {
        meeting.HasKey(m => m.Id);
        meeting.Property(m => m.Id).ValueGeneratedNever();
        meeting.Property(m => m.Table).HasMaxLength(64);
        meeting.Property(m => m.Interpreter).HasMaxLength(100);
        meeting.HasIndex(m => new { m.ForumId, m.FirstCompanyId });
        meeting.HasIndex(m => new { m.ForumId, m.SecondCompanyId });
        meeting.HasOne<Forum>().WithMany().HasForeignKey(m => m.ForumId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarSubscriptionConfiguration : IEntityTypeConfiguration<CalendarSubscription>
{
    public void Configure(EntityTypeBuilder<CalendarSubscription> subscription)
    {
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.TokenHash).HasMaxLength(64).IsRequired();
        subscription.HasIndex(s => s.TokenHash).IsUnique();
        subscription.HasIndex(s => s.CompanyId);
        subscription.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.HasKey(f => f.Id);
        followUp.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        followUp.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        followUp.Property(f => f.RecipientUserId).HasMaxLength(450);
        followUp.Property(f => f.IdempotencyKey).HasMaxLength(600);
        followUp.Property(f => f.LastError).HasMaxLength(2000);
        followUp.Property(f => f.CancelledBy).HasMaxLength(450);
        followUp.HasIndex(f => f.IdempotencyKey).IsUnique();
        followUp.HasIndex(f => new { f.Status, f.DueAt });
        followUp.HasIndex(f => new { f.ForumId, f.Kind });
        followUp.HasOne<AppUser>().WithMany().HasForeignKey(f => f.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.UserId).HasMaxLength(450);
        notification.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
        notification.Property(n => n.Link).HasMaxLength(1000);
        notification.HasIndex(n => new { n.UserId, n.ReadAt });
        notification.HasIndex(n => n.FollowUpId).IsUnique();
        notification.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingFeedbackConfiguration : IEntityTypeConfiguration<MeetingFeedback>
{
    public void Configure(EntityTypeBuilder<MeetingFeedback> feedback)
    {
        feedback.HasKey(f => f.Id);
        feedback.Property(f => f.Attendance).HasConversion<string>().HasMaxLength(24);
        feedback.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(24);
        feedback.Property(f => f.UserId).HasMaxLength(450);
        feedback.Property(f => f.NextStep).HasMaxLength(MeetingFeedback.NextStepMaxLength);
        feedback.Property(f => f.OutcomeNote).HasMaxLength(Match.TextMaxLength);
        feedback.HasIndex(f => new { f.MeetingId, f.CompanyId }).IsUnique();
        feedback.HasIndex(f => f.ForumId);
        feedback.HasOne<PublishedMeeting>().WithMany().HasForeignKey(f => f.MeetingId).OnDelete(DeleteBehavior.Cascade);
        feedback.HasOne<Company>().WithMany().HasForeignKey(f => f.CompanyId).OnDelete(DeleteBehavior.ClientCascade);
    }
}
