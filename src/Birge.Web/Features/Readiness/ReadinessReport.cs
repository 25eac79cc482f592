using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Readiness;

/// <summary>A team in the register's lists, with how many of its members can be called now.</summary>
public sealed record TeamSummary(Guid Id, string RegionKato, string Name, string Kind, bool Standby, int Members, int AvailableNow, DateOnly? LastDrillOn, bool DrillOverdue);

/// <summary>A member of a team with the certificates they hold, for the team's page.</summary>
public sealed record MemberRow(Guid AccountId, string? FullName, string Role, MemberState State, IReadOnlyList<VolunteerCertificate> Certificates);

/// <summary>How many ready people hold a certificate valid today.</summary>
public sealed record CertificateCount(string Code, int ReadyPeople);

/// <summary>A certificate that runs out within the notice period: whose, in which of the region's teams, and when.</summary>
public sealed record ExpiringCertificate(Guid AccountId, string? HolderName, string Code, DateOnly ExpiresOn, IReadOnlyList<string> Teams);

/// <summary>One region's readiness: its teams, ready people (available adult members) in all and by certificate, and what expires soon.</summary>
public sealed record RegionReadiness(string RegionKato, int ReadyPeople, IReadOnlyList<TeamSummary> Teams, IReadOnlyList<CertificateCount> Certificates, IReadOnlyList<ExpiringCertificate> Expiring);

/// <summary>A region's totals for the national office.</summary>
public sealed record RegionTotals(string RegionKato, int Teams, int Members, int ReadyPeople, int Expiring);

/// <summary>
/// The readiness register read for the front office (M10): a member is ready when available and 18 or older today; a
/// certificate counts while its expiry date is today or later; "expiring" is within <see cref="NoticeDays"/> days.
/// </summary>
public sealed class ReadinessReport(BirgeDb db, TimeProvider clock)
{
    public const int NoticeDays = 30;

    /// <summary>A team that has not drilled for this long is flagged.</summary>
    public const int DrillMonths = 6;

    public DateOnly Today => DateOnly.FromDateTime(KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    public async Task<List<TeamSummary>> TeamsAsync(string regionKato, CancellationToken cancellationToken)
    {
        var adultBorn = Today.AddYears(-Account.AdultAge);
        var teams = await db.Teams.AsNoTracking().Where(t => t.RegionKato == regionKato).ToListAsync(cancellationToken);
        var ids = teams.Select(t => t.Id).ToList();
        var members = await db.TeamMembers.AsNoTracking()
            .Where(m => ids.Contains(m.TeamId))
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => new { m.TeamId, m.State, a.BirthDate })
            .ToListAsync(cancellationToken);
        return [.. teams
            .Select(t => new TeamSummary(
                t.Id,
                t.RegionKato,
                t.Name,
                t.Kind,
                t.Standby,
                members.Count(m => m.TeamId == t.Id),
                members.Count(m => m.TeamId == t.Id && m.State == MemberState.Available && m.BirthDate <= adultBorn),
                t.LastDrillOn,
                DrillOverdue(t.LastDrillOn)))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The team's members by name, each with their certificates (soonest expiry first).</summary>
    public async Task<List<MemberRow>> MembersAsync(Guid teamId, CancellationToken cancellationToken)
    {
        var members = await db.TeamMembers.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => new { m.AccountId, a.FullName, m.Role, m.State })
            .ToListAsync(cancellationToken);
        var ids = members.Select(m => m.AccountId).ToList();
        var certificates = await db.VolunteerCertificates.AsNoTracking().Where(c => ids.Contains(c.AccountId)).ToListAsync(cancellationToken);
        return [.. members
            .Select(m => new MemberRow(m.AccountId, m.FullName, m.Role, m.State, [.. certificates.Where(c => c.AccountId == m.AccountId).OrderBy(c => c.ExpiresOn)]))
            .OrderBy(m => m.FullName ?? "", StringComparer.CurrentCultureIgnoreCase)];
    }

    public bool DrillOverdue(DateOnly? lastDrill) => lastDrill is not { } drill || drill < Today.AddMonths(-DrillMonths);

    public async Task<RegionReadiness> ForRegionAsync(string regionKato, CancellationToken cancellationToken)
    {
        var today = Today;
        var adultBorn = today.AddYears(-Account.AdultAge);
        var teams = await TeamsAsync(regionKato, cancellationToken);
        var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        var ids = teams.Select(t => t.Id).ToList();
        var members = await db.TeamMembers.AsNoTracking()
            .Where(m => ids.Contains(m.TeamId))
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => new { m.TeamId, m.AccountId, m.State, a.BirthDate, a.FullName })
            .ToListAsync(cancellationToken);
        var accountIds = members.Select(m => m.AccountId).Distinct().ToList();
        var certificates = await db.VolunteerCertificates.AsNoTracking()
            .Where(c => accountIds.Contains(c.AccountId) && c.ExpiresOn >= today)
            .ToListAsync(cancellationToken);

        var ready = members.Where(m => m.State == MemberState.Available && m.BirthDate <= adultBorn).Select(m => m.AccountId).ToHashSet();
        var byCertificate = VolunteerCertificate.Codes
            .Select(code => new CertificateCount(code, certificates.Count(c => c.Code == code && ready.Contains(c.AccountId))))
            .ToList();
        var soon = today.AddDays(NoticeDays);
        var expiring = certificates
            .Where(c => c.ExpiresOn <= soon)
            .OrderBy(c => c.ExpiresOn)
            .Select(c => new ExpiringCertificate(
                c.AccountId,
                members.First(m => m.AccountId == c.AccountId).FullName,
                c.Code,
                c.ExpiresOn,
                [.. members.Where(m => m.AccountId == c.AccountId).Select(m => teamNames[m.TeamId]).Order(StringComparer.CurrentCultureIgnoreCase)]))
            .ToList();
        return new RegionReadiness(regionKato, ready.Count, teams, byCertificate, expiring);
    }

    /// <summary>Every region's totals (regions with no team show zeros), for the national office.</summary>
    public async Task<List<RegionTotals>> NationalAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var adultBorn = today.AddYears(-Account.AdultAge);
        var soon = today.AddDays(NoticeDays);
        var regions = await db.Regions.AsNoTracking().Select(r => r.Kato).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().GroupBy(t => t.RegionKato).Select(g => new { Region = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var members = await db.TeamMembers.AsNoTracking()
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.AccountId, m.State, t.RegionKato })
            .Join(db.Accounts, x => x.AccountId, a => a.Id, (x, a) => new { x.RegionKato, x.AccountId, Ready = x.State == MemberState.Available && a.BirthDate <= adultBorn })
            .Distinct()
            .ToListAsync(cancellationToken);
        var expiring = await db.VolunteerCertificates.AsNoTracking()
            .Where(c => c.ExpiresOn >= today && c.ExpiresOn <= soon)
            .Join(db.TeamMembers, c => c.AccountId, m => m.AccountId, (c, m) => new { c.Id, m.TeamId })
            .Join(db.Teams, x => x.TeamId, t => t.Id, (x, t) => new { x.Id, t.RegionKato })
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. regions.Select(kato => new RegionTotals(
            kato,
            teams.FirstOrDefault(t => t.Region == kato)?.Count ?? 0,
            members.Where(m => m.RegionKato == kato).Select(m => m.AccountId).Distinct().Count(),
            members.Where(m => m.RegionKato == kato && m.Ready).Select(m => m.AccountId).Distinct().Count(),
            expiring.Count(e => e.RegionKato == kato)))];
    }
}
