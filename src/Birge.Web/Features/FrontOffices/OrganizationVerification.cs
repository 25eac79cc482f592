using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.FrontOffices;

/// <summary>
/// A front office's decision on an organisation: the status changes, the audit log records it with the region and
/// the reason, and every owner is told in their own language, all in one <c>SaveChanges</c>.
/// The page and the API both come here; who may decide is the <see cref="Policies.RegionStaff"/> policy's business.
/// </summary>
public sealed class OrganizationVerification(BirgeDb db, AuditLog audit, Outbox outbox, TimeProvider clock)
{
    /// <summary>The API's words for a decision: the status it leads to.</summary>
    public static OrganizationDecision? Parse(string? decision) => decision?.Trim().ToLowerInvariant() switch
    {
        "verified" => OrganizationDecision.Verify,
        "rejected" => OrganizationDecision.Reject,
        "suspended" => OrganizationDecision.Suspend,
        _ => null,
    };

    public static string ApiName(OrganizationStatus status) => status.ToString().ToLowerInvariant();

    public async Task<Outcome<OrganizationStatus>> DecideAsync(
        Guid organizationId, OrganizationDecision decision, string? reason, Guid actor, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (organization.Decide(decision, reason, actor, clock.GetUtcNow().UtcDateTime) is { } error)
        {
            // The decision itself, or its reason: both are what the staff sent.
            return Outcome.Invalid(error == ErrorCodes.StatusChangeInvalid ? "decision" : "reason", error);
        }

        var status = ApiName(organization.Status);
        audit.Record($"organization.{status}", "organization", organization.Id.ToString(), organization.RegionKato, organization.StatusReason);

        var link = outbox.Link("/");
        Message message = organization.Status switch
        {
            OrganizationStatus.Verified => new FrontOfficeMessages.OrganizationVerified(organization.Name, link),
            OrganizationStatus.Rejected => new FrontOfficeMessages.OrganizationRejected(organization.Name, organization.StatusReason ?? "", link),
            _ => new FrontOfficeMessages.OrganizationSuspended(organization.Name, organization.StatusReason ?? "", link),
        };
        var ownerIds = organization.Members.Where(m => m.Role == OrganizationMember.Owner).Select(m => m.AccountId).ToList();
        var owners = await db.Accounts.Where(a => ownerIds.Contains(a.Id) && a.Status == AccountStatus.Active).ToListAsync(cancellationToken);
        foreach (var owner in owners)
        {
            await outbox.ToAccountAsync(owner, message, cancellationToken: cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return organization.Status;
    }
}
