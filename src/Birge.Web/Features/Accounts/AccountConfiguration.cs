using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("Accounts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Email).HasMaxLength(254);
        b.Property(a => a.NormalizedEmail).HasMaxLength(254);
        b.HasIndex(a => a.NormalizedEmail).IsUnique();
        b.Property(a => a.Phone).HasMaxLength(12);
        b.HasIndex(a => a.Phone).IsUnique();
        b.Property(a => a.Iin).HasMaxLength(12);
        b.HasIndex(a => a.Iin).IsUnique();
        b.Property(a => a.PasswordHash).HasMaxLength(200);
        b.Property(a => a.SecurityStamp).HasMaxLength(64);
        b.Property(a => a.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
        b.Property(a => a.FullName).HasMaxLength(200);
        b.Property(a => a.RegionKato).HasMaxLength(9);
        b.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionKato).OnDelete(DeleteBehavior.Restrict);
        // A region's people, in id order: the call centre's suggestions read them a few hundred at a time from a random id.
        b.HasIndex(a => new { a.RegionKato, a.Id });
        // The statistics' day counts: accounts made and deleted on a day.
        b.HasIndex(a => a.CreatedAt);
        b.HasIndex(a => a.DeletedAt);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Language).HasMaxLength(2);
        b.HasMany(a => a.Roles).WithOne().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Roles).AutoInclude();
    }
}
