using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Opportunities;

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.ToTable("Opportunities");
        b.HasKey(o => o.Id);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.OrganizationId);
        // The statistics' day counts: opportunities published on a day.
        b.HasIndex(o => o.PublishedAt);
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        b.ComplexProperty(o => o.Title).HasLocalizedColumns("Title", Opportunity.MaxTitleLength);
        b.ComplexProperty(o => o.Description).HasLocalizedColumns("Description", Opportunity.MaxDescriptionLength);
        b.Property(o => o.RegionKato).HasMaxLength(9);
        b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionKato).OnDelete(DeleteBehavior.Restrict);
        b.Property(o => o.Address).HasMaxLength(Opportunity.MaxAddressLength);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.CancelReason).HasMaxLength(Opportunity.MaxReasonLength);
        b.Property(o => o.SearchText).HasMaxLength(20000);
        // Covering on PostgreSQL (INCLUDE), so search counts, sorts and filters inside the index; see docs/benchmarks.md.
        b.HasIndex(o => new { o.Status, o.EndsAt })
            .IncludeProperties(o => new { o.StartsAt, o.Id, o.RegionKato, o.Directions, o.MinAge, o.Online, o.Latitude, o.Longitude });
        b.HasIndex(o => new { o.RegionKato, o.Status, o.EndsAt });
        b.HasMany(o => o.Shifts).WithOne().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.Cascade);
    }
}
