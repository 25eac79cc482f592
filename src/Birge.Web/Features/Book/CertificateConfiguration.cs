using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Book;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("Certificates");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(32);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.HolderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.HolderId);
        b.Property(c => c.HolderName).HasMaxLength(200);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.Signature).HasMaxLength(500);
        b.HasMany(c => c.Entries).WithOne().HasForeignKey(e => e.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}
