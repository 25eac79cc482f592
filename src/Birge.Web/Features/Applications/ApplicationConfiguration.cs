using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Applications;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.ToTable("Applications");
        b.HasKey(a => a.Id);
        b.HasOne<Shift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.ShiftId, a.VolunteerId }).IsUnique();
        b.HasIndex(a => new { a.ShiftId, a.Status, a.AppliedAt });
        b.HasIndex(a => new { a.VolunteerId, a.Status });
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
    }
}
