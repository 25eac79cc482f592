using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Pictures;

internal sealed class PictureConfiguration : IEntityTypeConfiguration<Picture>
{
    public void Configure(EntityTypeBuilder<Picture> b)
    {
        b.ToTable("Pictures");
        b.HasKey(p => p.Id);
        b.Property(p => p.Subject).HasConversion<string>().HasMaxLength(24);
        // One current picture of each thing: a second upload at the same moment fails here and is retried as a replacement.
        b.HasIndex(p => new { p.Subject, p.OwnerId }).IsUnique();
        b.Property(p => p.ContentType).HasMaxLength(32);
        b.Property(p => p.Version).HasMaxLength(16);
        b.ComplexProperty(p => p.Alt).HasLocalizedColumns("Alt", Picture.MaxAltLength);
    }
}
