using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.CallOuts;

internal sealed class CallOutConfiguration : IEntityTypeConfiguration<CallOut>
{
    public void Configure(EntityTypeBuilder<CallOut> b)
    {
        b.ToTable("CallOuts");
        b.HasKey(c => c.Id);
        b.Property(c => c.ShortCode).HasMaxLength(CallOut.ShortCodeLength);
        b.Property(c => c.Title).HasMaxLength(CallOut.MaxTitleLength);
        b.Property(c => c.Description).HasMaxLength(CallOut.MaxDescriptionLength);
        b.Property(c => c.Place).HasMaxLength(CallOut.MaxPlaceLength);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        // Every change of the counts checks the row is still the one it was decided on.
        b.Property(c => c.Coming).IsConcurrencyToken();
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionKato).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.ShortCode).IsUnique();
        b.HasIndex(c => new { c.RegionKato, c.CreatedAt });
        // The waves job: open call-outs whose next wave is due.
        b.HasIndex(c => new { c.Status, c.NextWaveAt });
    }
}

internal sealed class CallOutRecipientConfiguration : IEntityTypeConfiguration<CallOutRecipient>
{
    public void Configure(EntityTypeBuilder<CallOutRecipient> b)
    {
        b.ToTable("CallOutRecipients");
        b.HasKey(r => new { r.CallOutId, r.AccountId });
        b.Property(r => r.RegionKato).HasMaxLength(9);
        b.Property(r => r.Phone).HasMaxLength(16);
        b.Property(r => r.Reply).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.RepliedBy).HasMaxLength(8);
        b.HasOne<CallOut>().WithMany().HasForeignKey(r => r.CallOutId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        // A person's call-outs (their inbox link, "committed elsewhere"); an SMS reply finds the latest by phone.
        b.HasIndex(r => new { r.AccountId, r.SentAt });
        b.HasIndex(r => new { r.Phone, r.SentAt });
        // The statistics' day counts: people reached and replies on a day.
        b.HasIndex(r => r.SentAt);
        b.HasIndex(r => r.RepliedAt);
    }
}
