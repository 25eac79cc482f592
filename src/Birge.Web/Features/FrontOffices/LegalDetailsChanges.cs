using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Organizations;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.FrontOffices;

/// <summary>
/// The front office of the region asked for decides an owner's change of a verified organisation's legal details:
/// approved, the organisation takes them (and moves region) and stays verified; rejected, it keeps the verified ones.
/// The owners are told either way, and the audit log records it, all in one <c>SaveChanges</c>.
/// </summary>
public sealed class LegalDetailsChanges(BirgeDb db, AuditLog audit, Outbox outbox, OrganizationRegistration registration, TimeProvider clock)
{
    public async Task<Outcome> ApproveAsync(OrganizationChange change, Guid actor, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == change.OrganizationId, cancellationToken);
        var from = organization.RegionKato;
        if (change.Approve(organization, actor, clock.GetUtcNow().UtcDateTime) is { } error)
        {
            return Outcome.Refused(error);
        }

        await registration.RefreshOpportunitiesAsync(organization, cancellationToken);
        audit.Record("organization.change_approved", "organization", organization.Id.ToString(), change.RegionKato, from == change.RegionKato ? null : $"{from} → {change.RegionKato}");
        await TellOwnersAsync(organization, link => new FrontOfficeMessages.OrganizationChangeApproved(organization.Name, link), cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    public async Task<Outcome> RejectAsync(OrganizationChange change, string? reason, Guid actor, CancellationToken cancellationToken)
    {
        if (change.Reject(reason, actor, clock.GetUtcNow().UtcDateTime) is { } error)
        {
            return error == ErrorCodes.StatusChangeInvalid ? Outcome.Refused(error) : Outcome.Invalid("reason", error);
        }

        var organization = await db.Organizations.Include(o => o.Members).SingleAsync(o => o.Id == change.OrganizationId, cancellationToken);
        audit.Record("organization.change_rejected", "organization", organization.Id.ToString(), change.RegionKato, change.Reason);
        await TellOwnersAsync(organization, link => new FrontOfficeMessages.OrganizationChangeRejected(organization.Name, change.Reason!, link), cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    /// <summary>Each owner gets the message with a link to the organisation's page.</summary>
    private async Task TellOwnersAsync(Organization organization, Func<string, Message> message, CancellationToken cancellationToken)
    {
        var ownerIds = organization.Members.Where(m => m.Role == OrganizationMember.Owner).Select(m => m.AccountId).ToList();
        foreach (var owner in await db.Accounts.Where(a => ownerIds.Contains(a.Id) && a.Status == AccountStatus.Active).ToListAsync(cancellationToken))
        {
            await outbox.ToAccountAsync(owner, message(outbox.Link($"/organizations/{organization.Id}/manage")), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Two staff deciding at the same moment: the first decision stands.</summary>
    private async Task<Outcome> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused(ErrorCodes.StatusChangeInvalid);
        }
    }
}
