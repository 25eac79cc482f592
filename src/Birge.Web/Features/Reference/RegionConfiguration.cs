using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Reference;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("Regions");
        b.HasKey(r => r.Kato);
        b.Property(r => r.Kato).HasMaxLength(9);
        b.Property(r => r.Iso).HasMaxLength(8);
        b.ComplexProperty(r => r.Name).HasLocalizedColumns("Name", 100);
        b.ComplexProperty(r => r.Centre).HasLocalizedColumns("Centre", 100);
    }
}
