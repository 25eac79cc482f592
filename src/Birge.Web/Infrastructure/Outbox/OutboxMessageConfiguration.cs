using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Infrastructure;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        b.Property(m => m.Recipient).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        b.Property(m => m.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.Property(m => m.GatewayId).HasMaxLength(100);
        b.HasIndex(m => m.GatewayId);
        b.HasIndex(m => m.NotificationId);
    }
}
