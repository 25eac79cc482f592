using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("Organizations");
        b.HasKey(o => o.Id);
        b.Property(o => o.Bin).HasMaxLength(12);
        b.HasIndex(o => o.Bin).IsUnique();
        b.Property(o => o.Name).HasMaxLength(Organization.MaxNameLength);
        b.Property(o => o.LegalForm).HasMaxLength(32);
        b.Property(o => o.RegionKato).HasMaxLength(9);
        b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionKato).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.RegionKato, o.Status });
        b.Property(o => o.Address).HasMaxLength(Organization.MaxAddressLength);
        b.ComplexProperty(o => o.Description).HasLocalizedColumns("Description", Organization.MaxDescriptionLength);
        b.Property(o => o.Email).HasMaxLength(254);
        b.Property(o => o.Phone).HasMaxLength(12);
        b.Property(o => o.Website).HasMaxLength(300);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(o => o.Status);
        // The statistics' day counts: organisations verified on a day.
        b.HasIndex(o => new { o.Status, o.StatusChangedAt });
        b.Property(o => o.StatusReason).HasMaxLength(Organization.MaxReasonLength);
        b.Property(o => o.SearchText).HasMaxLength(20000);
        b.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
