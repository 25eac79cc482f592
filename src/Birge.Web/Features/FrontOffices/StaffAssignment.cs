using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.FrontOffices;

/// <summary>The national admin puts people to work for a front office (staff or call-centre operator) and takes them off.</summary>
public sealed class StaffAssignment(BirgeDb db, AuditLog audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Roles = [FrontOfficeStaff.Staff, FrontOfficeStaff.Operator];

    /// <summary>Returns an error code, or null when the person now works for the office in that role.</summary>
    public async Task<Outcome> AssignAsync(string kato, Guid accountId, string? role, Guid actor, CancellationToken cancellationToken)
    {
        if (!await db.FrontOffices.AnyAsync(f => f.Kato == kato, cancellationToken))
        {
            return Outcome.Refused(FrontOfficeErrors.FrontOfficeNotFound, "office");
        }

        if (role is null || !Roles.Contains(role))
        {
            return Outcome.Invalid("role", FrontOfficeErrors.RoleInvalid);
        }

        if (!await db.Accounts.AnyAsync(a => a.Id == accountId && a.Status == AccountStatus.Active, cancellationToken))
        {
            return Outcome.Invalid("accountId", FrontOfficeErrors.AccountNotFound);
        }

        var assignment = await db.FrontOfficeStaff.FirstOrDefaultAsync(s => s.FrontOfficeKato == kato && s.AccountId == accountId, cancellationToken);
        if (assignment is null)
        {
            db.FrontOfficeStaff.Add(new FrontOfficeStaff
            {
                FrontOfficeKato = kato,
                AccountId = accountId,
                Role = role,
                AssignedAt = clock.GetUtcNow().UtcDateTime,
                AssignedBy = actor,
            });
        }
        else if (assignment.Role == role)
        {
            return Outcome.Done;
        }
        else
        {
            assignment.Role = role;
            assignment.AssignedAt = clock.GetUtcNow().UtcDateTime;
            assignment.AssignedBy = actor;
        }

        audit.Record("staff.assigned", "account", accountId.ToString(), RegionOf(kato), $"office={kato}; role={role}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Takes the person off the office; removing someone who is not there changes nothing and is no error.</summary>
    public async Task<Outcome> RemoveAsync(string kato, Guid accountId, CancellationToken cancellationToken)
    {
        if (!await db.FrontOffices.AnyAsync(f => f.Kato == kato, cancellationToken))
        {
            return Outcome.Refused(FrontOfficeErrors.FrontOfficeNotFound);
        }

        var assignment = await db.FrontOfficeStaff.FirstOrDefaultAsync(s => s.FrontOfficeKato == kato && s.AccountId == accountId, cancellationToken);
        if (assignment is null)
        {
            return Outcome.Done;
        }

        db.FrontOfficeStaff.Remove(assignment);
        audit.Record("staff.removed", "account", accountId.ToString(), RegionOf(kato), $"office={kato}; role={assignment.Role}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>The national office has no region of its own.</summary>
    private static string? RegionOf(string kato) => kato == FrontOffice.NationalKato ? null : kato;
}
