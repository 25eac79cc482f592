using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Organizations;

internal sealed class OrganizationChangeConfiguration : IEntityTypeConfiguration<OrganizationChange>
{
    public void Configure(EntityTypeBuilder<OrganizationChange> b)
    {
        b.ToTable("OrganizationChanges");
        b.HasKey(c => c.Id);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Name).HasMaxLength(Organization.MaxNameLength);
        b.Property(c => c.LegalForm).HasMaxLength(32);
        b.Property(c => c.RegionKato).HasMaxLength(9);
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionKato).OnDelete(DeleteBehavior.Restrict);
        // Two staff deciding at once: the update of the second finds the status changed and fails.
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        b.Property(c => c.Reason).HasMaxLength(Organization.MaxReasonLength);

        // At most one pending change per organisation; the office's queue reads pending changes by region.
        b.HasIndex(c => c.OrganizationId).IsUnique().HasFilter("\"Status\" = 'Pending'");
        b.HasIndex(c => new { c.RegionKato, c.Status });
    }
}
