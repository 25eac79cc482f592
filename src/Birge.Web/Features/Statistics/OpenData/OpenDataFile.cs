using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// One published file of the open data: a table (<see cref="OpenDataTables"/>) of one snapshot
/// (<see cref="Domain.StatsSnapshot.Through"/>) in one format, written once by <see cref="OpenDataPublishing"/> and
/// served as it is forever at <c>/open-data/{SnapshotDate}/{Resource}.{Format}</c>.
/// </summary>
public sealed class OpenDataFile
{
    public DateOnly SnapshotDate { get; init; }

    /// <summary>One of <see cref="OpenDataTables.All"/>' names.</summary>
    public required string Resource { get; init; }

    /// <summary>"csv" or "json".</summary>
    public required string Format { get; init; }

    public required string Content { get; init; }

    public DateTime MadeAt { get; init; }
}

internal sealed class OpenDataFileConfiguration : IEntityTypeConfiguration<OpenDataFile>
{
    public void Configure(EntityTypeBuilder<OpenDataFile> b)
    {
        b.ToTable("OpenDataFiles");
        // The key is the address: a second publishing of the same snapshot writes nothing.
        b.HasKey(f => new { f.SnapshotDate, f.Resource, f.Format });
        b.Property(f => f.Resource).HasMaxLength(32);
        b.Property(f => f.Format).HasMaxLength(8);
    }
}
