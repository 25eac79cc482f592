using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Book;

internal sealed class CertificateEntryConfiguration : IEntityTypeConfiguration<CertificateEntry>
{
    public void Configure(EntityTypeBuilder<CertificateEntry> b)
    {
        b.ToTable("CertificateEntries");
        b.HasKey(e => new { e.CertificateId, e.HoursEntryId });
        b.HasOne<HoursEntry>().WithMany().HasForeignKey(e => e.HoursEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.HoursEntryId);
    }
}
