using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Birge.Web.Features.Readiness;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("Teams");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(Team.MaxNameLength);
        b.Property(t => t.Kind).HasMaxLength(32);
        b.Property(t => t.Equipment).HasMaxLength(Team.MaxEquipmentLength);
        b.HasOne<Region>().WithMany().HasForeignKey(t => t.RegionKato).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.RegionKato, t.Name });
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.ToTable("TeamMembers");
        b.HasKey(m => new { m.TeamId, m.AccountId });
        b.Property(m => m.Role).HasMaxLength(TeamMember.MaxRoleLength);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.AccountId);
    }
}

internal sealed class VolunteerCertificateConfiguration : IEntityTypeConfiguration<VolunteerCertificate>
{
    public void Configure(EntityTypeBuilder<VolunteerCertificate> b)
    {
        b.ToTable("VolunteerCertificates");
        b.HasKey(c => c.Id);
        b.Property(c => c.Code).HasMaxLength(32);
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.AccountId, c.Code }).IsUnique();
        // Certificates expiring soon, for the register and the holders' notice.
        b.HasIndex(c => c.ExpiresOn);
    }
}
