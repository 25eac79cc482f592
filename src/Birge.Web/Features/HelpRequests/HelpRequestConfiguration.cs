using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.HelpRequests;

internal sealed class HelpRequestConfiguration : IEntityTypeConfiguration<HelpRequest>
{
    public void Configure(EntityTypeBuilder<HelpRequest> b)
    {
        b.ToTable("HelpRequests");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.TrackingCode).IsUnique();
        b.Property(r => r.TrackingCode).HasMaxLength(TrackingCode.Length);
        b.Property(r => r.Category).HasMaxLength(32);
        b.Property(r => r.Description).HasMaxLength(HelpRequest.MaxDescriptionLength);
        b.Property(r => r.RegionKato).HasMaxLength(16);
        b.Property(r => r.Locality).HasMaxLength(HelpRequest.MaxLocalityLength);
        b.Property(r => r.Address).HasMaxLength(HelpRequest.MaxAddressLength);
        b.Property(r => r.RequesterName).HasMaxLength(HelpRequest.MaxNameLength);
        b.Property(r => r.Phone).HasMaxLength(16);
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.ConsentVersion).HasMaxLength(32);
        b.Property(r => r.DoneNote).HasMaxLength(HelpRequest.MaxNoteLength);
        b.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.PhoneCodeHash).HasMaxLength(32);

        // Every tracked change checks that the claim is still the one it was decided on (claims themselves are
        // conditional updates, see HelpRequestClaims).
        b.Property(r => r.ClaimedAt).IsConcurrencyToken();
        b.HasOne<Region>().WithMany().HasForeignKey(r => r.RegionKato).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.ClaimedBy).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<HelpRequest>().WithMany().HasForeignKey(r => r.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);

        // The queues: a region's open requests by language, soonest breach first; a volunteer's claims; the phone's history.
        b.HasIndex(r => new { r.RegionKato, r.Status, r.Language, r.ClaimDueAt });
        b.HasIndex(r => new { r.ClaimedBy, r.Status });
        b.HasIndex(r => new { r.Phone, r.CreatedAt });
        b.HasIndex(r => new { r.Status, r.ClaimExpiresAt });
        b.HasIndex(r => new { r.Status, r.NextCallbackAt });
        b.HasIndex(r => new { r.ClosedAt, r.ErasedAt });
        // Volunteers: the requests waiting for someone (a partial index holds only them, not two years of closed
        // ones), in a box around a point or in a region soonest due first; what a volunteer did.
        b.HasIndex(r => new { r.Latitude, r.Longitude }, "IX_HelpRequests_Waiting_Latitude_Longitude").HasFilter(Waiting);
        b.HasIndex(r => new { r.RegionKato, r.ClaimDueAt, r.Id }, "IX_HelpRequests_Waiting_RegionKato_ClaimDueAt").HasFilter(Waiting);
        b.HasIndex(r => new { r.HelperId, r.DoneAt });
        // The statistics' day counts: requests queued on a day (those closed use ClosedAt's).
        b.HasIndex(r => r.QueuedAt);
    }

    /// <summary>New or open: how the queries say it (<c>Status == New || Status == Open</c>), so both databases use these indexes.</summary>
    private const string Waiting = "\"Status\" IN ('New', 'Open')";
}

internal sealed class HelpRequestEventConfiguration : IEntityTypeConfiguration<HelpRequestEvent>
{
    public void Configure(EntityTypeBuilder<HelpRequestEvent> b)
    {
        b.ToTable("HelpRequestEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.Kind).HasMaxLength(32);
        b.Property(e => e.Note).HasMaxLength(HelpRequest.MaxNoteLength);
        b.HasOne<HelpRequest>().WithMany().HasForeignKey(e => e.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.HelpRequestId, e.At });
        // A volunteer's recent claims: the cap for one who rarely finishes, and fairness in the suggestions.
        b.HasIndex(e => new { e.ActorId, e.Kind, e.At });
    }
}

internal sealed class HelpRequestOfferConfiguration : IEntityTypeConfiguration<HelpRequestOffer>
{
    public void Configure(EntityTypeBuilder<HelpRequestOffer> b)
    {
        b.ToTable("HelpRequestOffers");
        b.HasKey(o => new { o.HelpRequestId, o.VolunteerId });
        b.HasOne<HelpRequest>().WithMany().HasForeignKey(o => o.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(o => o.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.VolunteerId, o.OfferedAt });
    }
}
