using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Statistics.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("Reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasMaxLength(16);
        b.Property(r => r.RegionKato).HasMaxLength(9);
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.Status).HasMaxLength(16);
        // The schedule queues each of its reports once, whichever node gets there first.
        b.HasIndex(r => new { r.Kind, r.RegionKato, r.From, r.Language }, "IX_Reports_Scheduled").IsUnique().HasFilter("\"RequestedBy\" IS NULL");
        // A region's list, newest first; the job's queue.
        b.HasIndex(r => new { r.RegionKato, r.From });
        b.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}
