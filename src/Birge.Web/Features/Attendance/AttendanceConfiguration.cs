using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Attendance;

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Domain.Attendance>
{
    public void Configure(EntityTypeBuilder<Domain.Attendance> b)
    {
        b.ToTable("Attendances");
        b.HasKey(a => a.Id);
        b.HasOne<Shift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.ShiftId, a.VolunteerId }).IsUnique();
        b.HasIndex(a => a.VolunteerId);
    }
}
