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

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Direction> Directions => Set<Direction>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
}
