using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Infrastructure;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Action).HasMaxLength(256);
        b.Property(e => e.TargetType).HasMaxLength(32);
        b.Property(e => e.TargetId).HasMaxLength(64);
        b.Property(e => e.RegionKato).HasMaxLength(9);
        b.Property(e => e.Outcome).HasMaxLength(16);
        b.Property(e => e.Details).HasMaxLength(2000);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.RegionKato, e.At });
        b.HasIndex(e => new { e.ActorId, e.At });
    }
}
