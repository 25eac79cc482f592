using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Reference;

internal sealed class DirectionConfiguration : IEntityTypeConfiguration<Direction>
{
    public void Configure(EntityTypeBuilder<Direction> b)
    {
        b.ToTable("Directions");
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(32);
        b.ComplexProperty(d => d.Name).HasLocalizedColumns("Name", 100);
    }
}
