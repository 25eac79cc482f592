using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Opportunities;

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> b)
    {
        b.ToTable("Shifts", t => t.HasCheckConstraint("CK_Shifts_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Capacity\""));
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.OpportunityId, s.StartsAt }).IncludeProperties(s => new { s.EndsAt, s.Capacity, s.Taken });
        b.HasIndex(s => new { s.StartsAt, s.RemindedAt });
        b.ComplexProperty(s => s.Role).HasLocalizedColumns("Role", Shift.MaxRoleLength);
    }
}
