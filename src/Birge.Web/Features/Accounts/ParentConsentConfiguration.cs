using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Accounts;

internal sealed class ParentConsentConfiguration : IEntityTypeConfiguration<ParentConsent>
{
    public void Configure(EntityTypeBuilder<ParentConsent> b)
    {
        b.ToTable("ParentConsents");
        b.HasKey(c => c.Id);
        b.Property(c => c.ParentName).HasMaxLength(200);
        b.Property(c => c.ParentEmail).HasMaxLength(254);
        b.Property(c => c.ParentPhone).HasMaxLength(12);
        b.Property(c => c.TokenHash).HasMaxLength(64);
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.ChildAccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.ChildAccountId);
    }
}
