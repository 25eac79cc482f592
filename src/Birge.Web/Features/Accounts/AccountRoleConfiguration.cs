using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Accounts;

internal sealed class AccountRoleConfiguration : IEntityTypeConfiguration<AccountRole>
{
    public void Configure(EntityTypeBuilder<AccountRole> b)
    {
        b.ToTable("AccountRoles");
        b.HasKey(r => new { r.AccountId, r.Role });
        b.Property(r => r.Role).HasMaxLength(32);
    }
}
