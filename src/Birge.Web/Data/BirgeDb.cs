using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Birge.Web.Data;

/// <summary>
/// The one database of Birge. <see cref="SqliteBirgeDb"/> and <see cref="PostgresBirgeDb"/> exist only so that each
/// provider keeps its own migration history; code everywhere asks for <see cref="BirgeDb"/>.
/// </summary>
public abstract class BirgeDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
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

    public DbSet<HelpRequest> HelpRequests => Set<HelpRequest>();

    public DbSet<HelpRequestEvent> HelpRequestEvents => Set<HelpRequestEvent>();

    public DbSet<HelpRequestOffer> HelpRequestOffers => Set<HelpRequestOffer>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<VolunteerCertificate> VolunteerCertificates => Set<VolunteerCertificate>();

    public DbSet<CallOut> CallOuts => Set<CallOut>();

    public DbSet<CallOutRecipient> CallOutRecipients => Set<CallOutRecipient>();

    public DbSet<Picture> Pictures => Set<Picture>();

    public DbSet<DailyFigure> DailyFigures => Set<DailyFigure>();

    public DbSet<MonthTotal> MonthTotals => Set<MonthTotal>();

    public DbSet<StatsSnapshot> StatsSnapshots => Set<StatsSnapshot>();

    public DbSet<Report> Reports => Set<Report>();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// A message queued under an idempotency key that another node stored first is dropped and the save retried, so the
    /// change it announced is kept and nothing is sent twice (see <see cref="Outbox.DropQueuedTwiceAsync"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await Outbox.DropQueuedTwiceAsync(this, cancellationToken))
            {
                throw;
            }
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Each entity's configuration is an IEntityTypeConfiguration next to the feature that owns it (*Configuration.cs).
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BirgeDb).Assembly);
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
