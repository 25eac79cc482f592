using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Attendance;

internal sealed class HoursEntryConfiguration : IEntityTypeConfiguration<HoursEntry>
{
    public void Configure(EntityTypeBuilder<HoursEntry> b)
    {
        b.ToTable("HoursEntries", t => t.HasCheckConstraint("CK_HoursEntries_Minutes", "\"Minutes\" > 0 AND \"Minutes\" <= 1440"));
        b.HasKey(h => h.Id);
        b.HasOne<Shift>().WithMany().HasForeignKey(h => h.ShiftId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Opportunity>().WithMany().HasForeignKey(h => h.OpportunityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(h => h.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HelpRequest>().WithMany().HasForeignKey(h => h.HelpRequestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.ShiftId, h.VolunteerId }).IsUnique();

        // A help request's confirmed help becomes hours once, however many confirmations race.
        b.HasIndex(h => h.HelpRequestId).IsUnique();
        b.HasOne<CallOut>().WithMany().HasForeignKey(h => h.CallOutId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.CallOutId, h.VolunteerId }).IsUnique();
        b.HasIndex(h => new { h.VolunteerId, h.Status, h.Date });
        b.HasIndex(h => new { h.OrganizationId, h.Date });
        // The statistics' day counts: confirmed hours dated on a day.
        b.HasIndex(h => new { h.Date, h.Status });
        b.Property(h => h.DirectionCode).HasMaxLength(32);
        b.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.DisputeReason).HasMaxLength(HoursEntry.MaxReasonLength);
        b.Property(h => h.RevokeReason).HasMaxLength(HoursEntry.MaxReasonLength);
    }
}
