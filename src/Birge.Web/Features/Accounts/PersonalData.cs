using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Accounts;

/// <summary>A person's rights over their data: a copy of everything Birge holds about them, and erasure.</summary>
public sealed class PersonalData(BirgeDb db, ShiftApplications shiftApplications, TimeProvider clock)
{
    public async Task<PersonalDataExport> ExportAsync(Account account, CancellationToken cancellationToken)
    {
        var consents = await db.ConsentRecords.AsNoTracking()
            .Where(c => c.AccountId == account.Id)
            .OrderBy(c => c.GivenAt)
            .Select(c => new ConsentExport(c.Purpose, c.Version, c.GivenBy, c.GivenAt, c.WithdrawnAt))
            .ToListAsync(cancellationToken);
        var parent = await db.ParentConsents.AsNoTracking()
            .Where(p => p.ChildAccountId == account.Id)
            .Select(p => new ParentConsentExport(p.ParentName, p.ParentEmail, p.ParentPhone, p.RequestedAt, p.ConfirmedAt))
            .FirstOrDefaultAsync(cancellationToken);
        var profile = await db.VolunteerProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == account.Id, cancellationToken);
        var memberships = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.AccountId == account.Id)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new MembershipExport(o.Id, o.Name, m.Role, m.JoinedAt))
            .ToListAsync(cancellationToken);
        var offices = await db.FrontOfficeStaff.AsNoTracking()
            .Where(s => s.AccountId == account.Id)
            .Select(s => new OfficeExport(s.FrontOfficeKato, s.Role, s.AssignedAt))
            .ToListAsync(cancellationToken);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.VolunteerId == account.Id)
            .Join(db.Shifts, a => a.ShiftId, s => s.Id, (a, s) => new { a, s })
            .OrderBy(x => x.s.StartsAt)
            .Select(x => new { x.a.Id, x.s.OpportunityId, ShiftId = x.s.Id, x.s.StartsAt, x.s.EndsAt, x.a.Status, x.a.AppliedAt })
            .ToListAsync(cancellationToken);
        var attendances = await db.Attendances.AsNoTracking()
            .Where(a => a.VolunteerId == account.Id)
            .OrderBy(a => a.CheckedInAt)
            .Select(a => new AttendanceExport(a.ShiftId, a.CheckedInAt, a.CheckedOutAt, a.MarkedBy != null))
            .ToListAsync(cancellationToken);
        var hours = (await db.HoursEntries.AsNoTracking()
            .Where(h => h.VolunteerId == account.Id)
            .OrderBy(h => h.StartsAt)
            .ToListAsync(cancellationToken))
            .Select(h => new HoursExport(
                h.Id, h.ShiftId, h.OpportunityId, h.OrganizationId, h.DirectionCode, h.Date, h.StartsAt, h.EndsAt, h.Minutes,
                h.Status.ToString().ToLowerInvariant(), h.ConfirmedAt, h.DisputeReason, h.DisputedAt, h.RevokedAt, h.RevokeReason))
            .ToList();
        var iinChecks = await db.IinChecks.AsNoTracking()
            .Where(c => c.AccountId == account.Id)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new IinCheckExport(c.Iin, c.CreatedAt, c.ResolvedAt))
            .ToListAsync(cancellationToken);
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.HolderId == account.Id)
            .OrderBy(c => c.IssuedAt)
            .Select(c => new CertificateExport(c.Code, c.HolderName, c.Language, c.From, c.To, c.TotalMinutes, c.IssuedAt, c.RevokedAt))
            .ToListAsync(cancellationToken);
        return new PersonalDataExport(
            clock.GetUtcNow().UtcDateTime,
            new AccountExport(
                account.Id,
                account.FullName,
                account.Email,
                account.EmailConfirmed,
                account.Phone,
                account.PhoneConfirmed,
                account.BirthDate,
                account.Iin,
                account.RegionKato,
                account.Language,
                account.Status.ToString().ToLowerInvariant(),
                account.CreatedAt,
                account.Roles.Select(r => r.Role).ToList()),
            consents,
            parent,
            profile,
            memberships,
            offices,
            [.. applications.Select(a => new ApplicationExport(a.Id, a.OpportunityId, a.ShiftId, a.StartsAt, a.EndsAt, a.Status.ApiName(), a.AppliedAt))],
            attendances,
            hours,
            certificates,
            iinChecks);
    }

    /// <summary>
    /// Erases what identifies the person and withdraws their consent; the anonymous record stays for statistics.
    /// </summary>
    public async Task EraseAsync(Account account, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var contacts = new[] { account.Email, account.Phone }.OfType<string>().ToList();

        // Their seats go back to the shifts, and to whoever waits for them.
        await shiftApplications.RemoveAllAsync(account.Id, cancellationToken);
        account.Erase(now);
        foreach (var consent in await db.ConsentRecords.Where(c => c.AccountId == account.Id && c.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            consent.WithdrawnAt = now;
        }

        if (await db.VolunteerProfiles.FirstOrDefaultAsync(p => p.AccountId == account.Id, cancellationToken) is { } profile)
        {
            profile.Erase();
        }

        // A certificate names its holder: it stops being valid, and the name goes.
        foreach (var certificate in await db.Certificates.Where(c => c.HolderId == account.Id).ToListAsync(cancellationToken))
        {
            certificate.RevokedAt ??= now;
            certificate.HolderName = "";
        }

        db.FrontOfficeStaff.RemoveRange(await db.FrontOfficeStaff.Where(s => s.AccountId == account.Id).ToListAsync(cancellationToken));

        // An IIN they gave that another account holds: with the account gone there is nothing left to check.
        db.IinChecks.RemoveRange(await db.IinChecks.Where(c => c.AccountId == account.Id).ToListAsync(cancellationToken));
        foreach (var parent in await db.ParentConsents.Where(p => p.ChildAccountId == account.Id).ToListAsync(cancellationToken))
        {
            parent.EraseParent();
        }

        // Messages not yet sent to this person must not go out after they left.
        db.OutboxMessages.RemoveRange(
            await db.OutboxMessages.Where(m => m.SentAt == null && contacts.Contains(m.Recipient)).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }
}

public sealed record PersonalDataExport(
    DateTime ExportedAt,
    AccountExport Account,
    IReadOnlyList<ConsentExport> Consents,
    ParentConsentExport? ParentConsent,
    VolunteerProfile? Profile,
    IReadOnlyList<MembershipExport> Organizations,
    IReadOnlyList<OfficeExport> FrontOffices,
    IReadOnlyList<ApplicationExport> Applications,
    IReadOnlyList<AttendanceExport> Attendance,
    IReadOnlyList<HoursExport> Hours,
    IReadOnlyList<CertificateExport> Certificates,
    IReadOnlyList<IinCheckExport> IinChecks);

/// <summary>An IIN the person gave that the front office checks before it is added to the account.</summary>
public sealed record IinCheckExport(string? Iin, DateTime CreatedAt, DateTime? ResolvedAt);

public sealed record ApplicationExport(Guid Id, Guid OpportunityId, Guid ShiftId, DateTime StartsAt, DateTime EndsAt, string Status, DateTime AppliedAt);

public sealed record AttendanceExport(Guid ShiftId, DateTime CheckedInAt, DateTime? CheckedOutAt, bool MarkedByCoordinator);

public sealed record HoursExport(
    Guid Id,
    Guid? ShiftId,
    Guid? OpportunityId,
    Guid? OrganizationId,
    string DirectionCode,
    DateOnly Date,
    DateTime StartsAt,
    DateTime EndsAt,
    int Minutes,
    string Status,
    DateTime ConfirmedAt,
    string? DisputeReason,
    DateTime? DisputedAt,
    DateTime? RevokedAt,
    string? RevokeReason);

public sealed record CertificateExport(string Code, string HolderName, string Language, DateOnly? From, DateOnly? To, int TotalMinutes, DateTime IssuedAt, DateTime? RevokedAt);

public sealed record MembershipExport(Guid OrganizationId, string Name, string Role, DateTime JoinedAt);

public sealed record OfficeExport(string FrontOfficeKato, string Role, DateTime AssignedAt);

public sealed record AccountExport(
    Guid Id,
    string? FullName,
    string? Email,
    bool EmailConfirmed,
    string? Phone,
    bool PhoneConfirmed,
    DateOnly? BirthDate,
    string? Iin,
    string RegionKato,
    string Language,
    string Status,
    DateTime CreatedAt,
    IReadOnlyList<string> Roles);

public sealed record ConsentExport(string Purpose, string Version, string GivenBy, DateTime GivenAt, DateTime? WithdrawnAt);

public sealed record ParentConsentExport(string? ParentName, string? ParentEmail, string? ParentPhone, DateTime RequestedAt, DateTime? ConfirmedAt);
