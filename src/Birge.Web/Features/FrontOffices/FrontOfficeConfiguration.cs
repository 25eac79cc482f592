using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.FrontOffices;

internal sealed class FrontOfficeConfiguration : IEntityTypeConfiguration<FrontOffice>
{
    public void Configure(EntityTypeBuilder<FrontOffice> b)
    {
        b.ToTable("FrontOffices");
        b.HasKey(f => f.Kato);
        b.Property(f => f.Kato).HasMaxLength(9);
        b.ComplexProperty(f => f.Name).HasLocalizedColumns("Name", 200);
    }
}
