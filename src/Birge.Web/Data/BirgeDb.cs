using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Birge.Web.Data;

/// <summary>
/// The one database of Birge. <see cref="SqliteBirgeDb"/> and <see cref="PostgresBirgeDb"/> exist only so that each
/// provider keeps its own migration history; code everywhere asks for <see cref="BirgeDb"/>.
/// </summary>
public abstract class BirgeDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<AccountRole> AccountRoles => Set<AccountRole>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<ParentConsent> ParentConsents => Set<ParentConsent>();

    public DbSet<IinCheck> IinChecks => Set<IinCheck>();

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Direction> Directions => Set<Direction>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<VolunteerProfile> VolunteerProfiles => Set<VolunteerProfile>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();

    public DbSet<OrganizationInvitation> OrganizationInvitations => Set<OrganizationInvitation>();

    public DbSet<OrganizationChange> OrganizationChanges => Set<OrganizationChange>();

    public DbSet<FrontOffice> FrontOffices => Set<FrontOffice>();

    public DbSet<FrontOfficeStaff> FrontOfficeStaff => Set<FrontOfficeStaff>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<Shift> Shifts => Set<Shift>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<Attendance> Attendances => Set<Attendance>();

    public DbSet<HoursEntry> HoursEntries => Set<HoursEntry>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<CertificateEntry> CertificateEntries => Set<CertificateEntry>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(b =>
        {
            b.ToTable("Accounts");
            b.HasKey(a => a.Id);
            b.Property(a => a.Email).HasMaxLength(254);
            b.Property(a => a.NormalizedEmail).HasMaxLength(254);
            b.HasIndex(a => a.NormalizedEmail).IsUnique();
            b.Property(a => a.Phone).HasMaxLength(12);
            b.HasIndex(a => a.Phone).IsUnique();
            b.Property(a => a.Iin).HasMaxLength(12);
            b.HasIndex(a => a.Iin).IsUnique();
            b.Property(a => a.PasswordHash).HasMaxLength(200);
            b.Property(a => a.SecurityStamp).HasMaxLength(64);
            b.Property(a => a.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
            b.Property(a => a.FullName).HasMaxLength(200);
            b.Property(a => a.RegionKato).HasMaxLength(9);
            b.HasOne<Region>().WithMany().HasForeignKey(a => a.RegionKato).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(a => a.RegionKato);
            b.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
            b.Property(a => a.Language).HasMaxLength(2);
            b.HasMany(a => a.Roles).WithOne().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
            b.Navigation(a => a.Roles).AutoInclude();
        });

        modelBuilder.Entity<AccountRole>(b =>
        {
            b.ToTable("AccountRoles");
            b.HasKey(r => new { r.AccountId, r.Role });
            b.Property(r => r.Role).HasMaxLength(32);
        });

        // Hardening (issue 9): IINs given at sign-up that another account holds, for the front office to check.
        modelBuilder.Entity<IinCheck>(b =>
        {
            b.ToTable("IinChecks");
            b.HasKey(c => c.Id);
            b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(c => c.AccountId);
            b.HasOne<Account>().WithMany().HasForeignKey(c => c.HolderId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => c.HolderId);
            b.Property(c => c.Iin).HasMaxLength(12);
            b.Property(c => c.RegionKato).HasMaxLength(9);
            b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionKato).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => new { c.RegionKato, c.ResolvedAt, c.CreatedAt });
        });

        modelBuilder.Entity<ConsentRecord>(b =>
        {
            b.ToTable("ConsentRecords");
            b.HasKey(c => c.Id);
            b.Property(c => c.Purpose).HasMaxLength(64);
            b.Property(c => c.Version).HasMaxLength(32);
            b.Property(c => c.GivenBy).HasMaxLength(16);
            b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(c => c.AccountId);
        });

        modelBuilder.Entity<ParentConsent>(b =>
        {
            b.ToTable("ParentConsents");
            b.HasKey(c => c.Id);
            b.Property(c => c.ParentName).HasMaxLength(200);
            b.Property(c => c.ParentEmail).HasMaxLength(254);
            b.Property(c => c.ParentPhone).HasMaxLength(12);
            b.Property(c => c.TokenHash).HasMaxLength(64);
            b.HasIndex(c => c.TokenHash).IsUnique();
            b.HasOne<Account>().WithMany().HasForeignKey(c => c.ChildAccountId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(c => c.ChildAccountId);
        });

        modelBuilder.Entity<Region>(b =>
        {
            b.ToTable("Regions");
            b.HasKey(r => r.Kato);
            b.Property(r => r.Kato).HasMaxLength(9);
            b.Property(r => r.Iso).HasMaxLength(8);
            LocalizedColumns(b.ComplexProperty(r => r.Name), "Name", 100);
            LocalizedColumns(b.ComplexProperty(r => r.Centre), "Centre", 100);
        });

        modelBuilder.Entity<Direction>(b =>
        {
            b.ToTable("Directions");
            b.HasKey(d => d.Code);
            b.Property(d => d.Code).HasMaxLength(32);
            LocalizedColumns(b.ComplexProperty(d => d.Name), "Name", 100);
        });

        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("OutboxMessages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
            b.Property(m => m.Recipient).HasMaxLength(254);
            b.Property(m => m.Subject).HasMaxLength(300);
            b.Property(m => m.LastError).HasMaxLength(1000);
            b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        modelBuilder.Entity<VolunteerProfile>(b =>
        {
            b.ToTable("VolunteerProfiles");
            b.HasKey(p => p.AccountId);
            b.HasOne<Account>().WithOne().HasForeignKey<VolunteerProfile>(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
            b.Property(p => p.City).HasMaxLength(VolunteerProfile.MaxCityLength);
            b.Property(p => p.OtherSkills).HasMaxLength(VolunteerProfile.MaxTextLength);
            b.Property(p => p.AccessibilityNeeds).HasMaxLength(VolunteerProfile.MaxTextLength);
            b.Property(p => p.About).HasMaxLength(VolunteerProfile.MaxTextLength);
        });

        modelBuilder.Entity<Organization>(b =>
        {
            b.ToTable("Organizations");
            b.HasKey(o => o.Id);
            b.Property(o => o.Bin).HasMaxLength(12);
            b.HasIndex(o => o.Bin).IsUnique();
            b.Property(o => o.Name).HasMaxLength(Organization.MaxNameLength);
            b.Property(o => o.LegalForm).HasMaxLength(32);
            b.Property(o => o.RegionKato).HasMaxLength(9);
            b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionKato).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(o => new { o.RegionKato, o.Status });
            b.Property(o => o.Address).HasMaxLength(Organization.MaxAddressLength);
            LocalizedColumns(b.ComplexProperty(o => o.Description), "Description", Organization.MaxDescriptionLength);
            b.Property(o => o.Email).HasMaxLength(254);
            b.Property(o => o.Phone).HasMaxLength(12);
            b.Property(o => o.Website).HasMaxLength(300);
            b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(o => o.Status);
            b.Property(o => o.StatusReason).HasMaxLength(Organization.MaxReasonLength);
            b.Property(o => o.SearchText).HasMaxLength(20000);
            b.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<OrganizationMember>(b =>
        {
            b.ToTable("OrganizationMembers");
            b.HasKey(m => new { m.OrganizationId, m.AccountId });
            b.Property(m => m.Role).HasMaxLength(16);
            b.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(m => m.AccountId);
        });

        modelBuilder.Entity<OrganizationInvitation>(b =>
        {
            b.ToTable("OrganizationInvitations");
            b.HasKey(i => i.Id);
            b.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(i => i.OrganizationId);
            b.Property(i => i.Email).HasMaxLength(254);
            b.Property(i => i.Phone).HasMaxLength(12);
            b.Property(i => i.TokenHash).HasMaxLength(64);
            b.HasIndex(i => i.TokenHash).IsUnique();
        });

        modelBuilder.Entity<OrganizationChange>(b =>
        {
            b.ToTable("OrganizationChanges");
            b.HasKey(c => c.Id);
            b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            b.Property(c => c.Name).HasMaxLength(Organization.MaxNameLength);
            b.Property(c => c.LegalForm).HasMaxLength(32);
            b.Property(c => c.RegionKato).HasMaxLength(9);
            b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionKato).OnDelete(DeleteBehavior.Restrict);
            // Two staff deciding at once: the update of the second finds the status changed and fails.
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            b.Property(c => c.Reason).HasMaxLength(Organization.MaxReasonLength);

            // At most one pending change per organisation; the office's queue reads pending changes by region.
            b.HasIndex(c => c.OrganizationId).IsUnique().HasFilter("\"Status\" = 'Pending'");
            b.HasIndex(c => new { c.RegionKato, c.Status });
        });

        modelBuilder.Entity<FrontOffice>(b =>
        {
            b.ToTable("FrontOffices");
            b.HasKey(f => f.Kato);
            b.Property(f => f.Kato).HasMaxLength(9);
            LocalizedColumns(b.ComplexProperty(f => f.Name), "Name", 200);
        });

        modelBuilder.Entity<FrontOfficeStaff>(b =>
        {
            b.ToTable("FrontOfficeStaff");
            b.HasKey(s => new { s.FrontOfficeKato, s.AccountId });
            b.Property(s => s.FrontOfficeKato).HasMaxLength(9);
            b.HasOne<FrontOffice>().WithMany().HasForeignKey(s => s.FrontOfficeKato).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(s => s.AccountId);
            b.Property(s => s.Role).HasMaxLength(16);
        });

        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("AuditEntries");
            b.HasKey(e => e.Id);
            b.Property(e => e.Action).HasMaxLength(256);
            b.Property(e => e.TargetType).HasMaxLength(32);
            b.Property(e => e.TargetId).HasMaxLength(64);
            b.Property(e => e.RegionKato).HasMaxLength(9);
            b.Property(e => e.Outcome).HasMaxLength(16);
            b.Property(e => e.Details).HasMaxLength(2000);
            b.HasIndex(e => e.At);
            b.HasIndex(e => new { e.RegionKato, e.At });
            b.HasIndex(e => new { e.ActorId, e.At });
        });

        modelBuilder.Entity<Opportunity>(b =>
        {
            b.ToTable("Opportunities");
            b.HasKey(o => o.Id);
            b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(o => o.OrganizationId);
            b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
            LocalizedColumns(b.ComplexProperty(o => o.Title), "Title", Opportunity.MaxTitleLength);
            LocalizedColumns(b.ComplexProperty(o => o.Description), "Description", Opportunity.MaxDescriptionLength);
            b.Property(o => o.RegionKato).HasMaxLength(9);
            b.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionKato).OnDelete(DeleteBehavior.Restrict);
            b.Property(o => o.Address).HasMaxLength(Opportunity.MaxAddressLength);
            b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(o => o.CancelReason).HasMaxLength(Opportunity.MaxReasonLength);
            b.Property(o => o.SearchText).HasMaxLength(20000);
            // Covering on PostgreSQL (INCLUDE), so search counts, sorts and filters inside the index; see docs/benchmarks.md.
            b.HasIndex(o => new { o.Status, o.EndsAt })
                .IncludeProperties(o => new { o.StartsAt, o.Id, o.RegionKato, o.Directions, o.MinAge, o.Online, o.Latitude, o.Longitude });
            b.HasIndex(o => new { o.RegionKato, o.Status, o.EndsAt });
            b.HasMany(o => o.Shifts).WithOne().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Shift>(b =>
        {
            b.ToTable("Shifts", t => t.HasCheckConstraint("CK_Shifts_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"Capacity\""));
            b.HasKey(s => s.Id);
            b.HasIndex(s => new { s.OpportunityId, s.StartsAt }).IncludeProperties(s => new { s.EndsAt, s.Capacity, s.Taken });
            b.HasIndex(s => new { s.StartsAt, s.RemindedAt });
            b.Property(s => s.Role).HasMaxLength(Shift.MaxRoleLength);
        });

        modelBuilder.Entity<Application>(b =>
        {
            b.ToTable("Applications");
            b.HasKey(a => a.Id);
            b.HasOne<Shift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Account>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(a => new { a.ShiftId, a.VolunteerId }).IsUnique();
            b.HasIndex(a => new { a.ShiftId, a.Status, a.AppliedAt });
            b.HasIndex(a => new { a.VolunteerId, a.Status });
            b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<Attendance>(b =>
        {
            b.ToTable("Attendances");
            b.HasKey(a => a.Id);
            b.HasOne<Shift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Account>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(a => new { a.ShiftId, a.VolunteerId }).IsUnique();
            b.HasIndex(a => a.VolunteerId);
        });

        modelBuilder.Entity<HoursEntry>(b =>
        {
            b.ToTable("HoursEntries", t => t.HasCheckConstraint("CK_HoursEntries_Minutes", "\"Minutes\" > 0 AND \"Minutes\" <= 1440"));
            b.HasKey(h => h.Id);
            b.HasOne<Shift>().WithMany().HasForeignKey(h => h.ShiftId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Opportunity>().WithMany().HasForeignKey(h => h.OpportunityId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Organization>().WithMany().HasForeignKey(h => h.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Account>().WithMany().HasForeignKey(h => h.VolunteerId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(h => new { h.ShiftId, h.VolunteerId }).IsUnique();
            b.HasIndex(h => new { h.VolunteerId, h.Status, h.Date });
            b.HasIndex(h => new { h.OrganizationId, h.Date });
            b.Property(h => h.DirectionCode).HasMaxLength(32);
            b.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(h => h.DisputeReason).HasMaxLength(HoursEntry.MaxReasonLength);
            b.Property(h => h.RevokeReason).HasMaxLength(HoursEntry.MaxReasonLength);
        });

        modelBuilder.Entity<Certificate>(b =>
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
        });

        modelBuilder.Entity<CertificateEntry>(b =>
        {
            b.ToTable("CertificateEntries");
            b.HasKey(e => new { e.CertificateId, e.HoursEntryId });
            b.HasOne<HoursEntry>().WithMany().HasForeignKey(e => e.HoursEntryId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(e => e.HoursEntryId);
        });

        modelBuilder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("DataProtectionKeys");
            b.HasKey(k => k.Id);
            b.Property(k => k.FriendlyName).HasMaxLength(100);
        });
    }

    private static void LocalizedColumns(ComplexPropertyBuilder<LocalizedText> b, string prefix, int maxLength)
    {
        b.Property(t => t.Kk).HasColumnName(prefix + "Kk").HasMaxLength(maxLength);
        b.Property(t => t.Ru).HasColumnName(prefix + "Ru").HasMaxLength(maxLength);
        b.Property(t => t.En).HasColumnName(prefix + "En").HasMaxLength(maxLength);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SqliteBirgeDb(DbContextOptions<SqliteBirgeDb> options) : BirgeDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: it hands back "unspecified" times, which are UTC throughout Birge.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class PostgresBirgeDb(DbContextOptions<PostgresBirgeDb> options) : BirgeDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Search by any part of a word ("LIKE '%word%'") at national scale: a trigram index, PostgreSQL only.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Opportunity>().HasIndex(o => o.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
