using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Data;

/// <summary>
/// The library's key entity over the table Birge's own key store used to write, unchanged, so that the keys of an
/// existing database keep reading its cookies and tokens.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(100);
        b.Property(k => k.Xml).IsRequired();
    }
}
