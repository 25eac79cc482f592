using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Statistics;

internal sealed class DailyFigureConfiguration : IEntityTypeConfiguration<DailyFigure>
{
    public void Configure(EntityTypeBuilder<DailyFigure> b)
    {
        b.ToTable("DailyFigures");
        // The key is also how the figures are read: a period's days, then region, metric and part.
        b.HasKey(f => new { f.Day, f.RegionKato, f.Metric, f.Part });
        b.Property(f => f.RegionKato).HasMaxLength(9);
        b.Property(f => f.Metric).HasMaxLength(32);
        b.Property(f => f.Part).HasMaxLength(64);
        b.HasIndex(f => new { f.Metric, f.Day });
    }
}

internal sealed class MonthTotalConfiguration : IEntityTypeConfiguration<MonthTotal>
{
    public void Configure(EntityTypeBuilder<MonthTotal> b)
    {
        b.ToTable("MonthTotals");
        b.HasKey(f => new { f.Month, f.RegionKato, f.Metric, f.Part });
        b.Property(f => f.RegionKato).HasMaxLength(9);
        b.Property(f => f.Metric).HasMaxLength(32);
        b.Property(f => f.Part).HasMaxLength(64);
    }
}

internal sealed class StatsSnapshotConfiguration : IEntityTypeConfiguration<StatsSnapshot>
{
    public void Configure(EntityTypeBuilder<StatsSnapshot> b)
    {
        b.ToTable("StatsSnapshots");
        b.HasKey(s => s.Through);
    }
}
