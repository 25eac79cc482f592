using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.FrontOffices;

internal sealed class FrontOfficeStaffConfiguration : IEntityTypeConfiguration<FrontOfficeStaff>
{
    public void Configure(EntityTypeBuilder<FrontOfficeStaff> b)
    {
        b.ToTable("FrontOfficeStaff");
        b.HasKey(s => new { s.FrontOfficeKato, s.AccountId });
        b.Property(s => s.FrontOfficeKato).HasMaxLength(9);
        b.HasOne<FrontOffice>().WithMany().HasForeignKey(s => s.FrontOfficeKato).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.AccountId);
        b.Property(s => s.Role).HasMaxLength(16);
    }
}
