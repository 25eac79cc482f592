using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Kind).HasMaxLength(32);
        b.Property(n => n.Type).HasMaxLength(64);
        b.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength);
        b.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
        b.Property(n => n.Link).HasMaxLength(Notification.MaxLinkLength);
        b.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        // The inbox newest first, and the header's unread counter.
        b.HasIndex(n => new { n.AccountId, n.CreatedAt });
        b.HasIndex(n => new { n.AccountId, n.ReadAt });
        b.Property(n => n.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(n => n.IdempotencyKey).IsUnique();
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        b.HasKey(p => new { p.AccountId, p.Kind });
        b.Property(p => p.Kind).HasMaxLength(32);
        b.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
