using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Accounts;

/// <summary>IINs given at sign-up that another account holds, for the front office to check (hardening, issue 9).</summary>
internal sealed class IinCheckConfiguration : IEntityTypeConfiguration<IinCheck>
{
    public void Configure(EntityTypeBuilder<IinCheck> b)
    {
        b.ToTable("IinChecks");
        b.HasKey(c => c.Id);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.HolderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.HolderId);
        b.Property(c => c.Iin).HasMaxLength(12);
        b.Property(c => c.RegionKato).HasMaxLength(9);
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionKato).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.RegionKato, c.ResolvedAt, c.CreatedAt });
    }
}
