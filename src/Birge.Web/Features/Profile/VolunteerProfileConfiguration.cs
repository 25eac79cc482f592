using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Profile;

internal sealed class VolunteerProfileConfiguration : IEntityTypeConfiguration<VolunteerProfile>
{
    public void Configure(EntityTypeBuilder<VolunteerProfile> b)
    {
        b.ToTable("VolunteerProfiles");
        b.HasKey(p => p.AccountId);
        b.HasOne<Account>().WithOne().HasForeignKey<VolunteerProfile>(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.City).HasMaxLength(VolunteerProfile.MaxCityLength);
        b.Property(p => p.OtherSkills).HasMaxLength(VolunteerProfile.MaxTextLength);
        b.Property(p => p.AccessibilityNeeds).HasMaxLength(VolunteerProfile.MaxTextLength);
        b.Property(p => p.About).HasMaxLength(VolunteerProfile.MaxTextLength);
        // Volunteers of one city, from a point of the id order (help-request suggestions, HelpRequestMatching).
        b.HasIndex(p => new { p.City, p.AccountId });
    }
}
