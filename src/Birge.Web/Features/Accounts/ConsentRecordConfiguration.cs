using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Accounts;

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("ConsentRecords");
        b.HasKey(c => c.Id);
        b.Property(c => c.Purpose).HasMaxLength(64);
        b.Property(c => c.Version).HasMaxLength(32);
        b.Property(c => c.GivenBy).HasMaxLength(16);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.AccountId);
    }
}
