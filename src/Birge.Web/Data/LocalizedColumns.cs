using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Data;

internal static class LocalizedColumns
{
    /// <summary>A text in three languages is three columns, e.g. TitleKk, TitleRu and TitleEn.</summary>
    public static void HasLocalizedColumns(this ComplexPropertyBuilder<LocalizedText> b, string prefix, int maxLength)
    {
        b.Property(t => t.Kk).HasColumnName(prefix + "Kk").HasMaxLength(maxLength);
        b.Property(t => t.Ru).HasColumnName(prefix + "Ru").HasMaxLength(maxLength);
        b.Property(t => t.En).HasColumnName(prefix + "En").HasMaxLength(maxLength);
    }
}
