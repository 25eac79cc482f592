using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Accounts;

/// <summary>The parent opens the link sent to them and consents: the child's account becomes active.</summary>
public sealed class ParentConsentConfirmation(BirgeDb db, Outbox outbox, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(14);

    public async Task<(ParentConsent Request, Account Child)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = SignUp.Hash(token);
        var request = await db.ParentConsents.FirstOrDefaultAsync(p => p.TokenHash == hash, cancellationToken);
        if (request is null || request.RequestedAt + LinkLifetime < clock.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        var child = await db.Accounts.FirstOrDefaultAsync(a => a.Id == request.ChildAccountId, cancellationToken);
        return child is null || child.Status == AccountStatus.Deleted ? null : (request, child);
    }

    /// <summary>Idempotent: a second click on the same link changes nothing.</summary>
    public async Task ConfirmAsync(ParentConsent request, Account child, CancellationToken cancellationToken)
    {
        if (request.ConfirmedAt is not null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        request.ConfirmedAt = now;
        db.ConsentRecords.Add(ConsentRecord.ForPersonalData(child.Id, now, "parent"));
        child.ActivateAfterParentConsent();
        await outbox.ToAccountAsync(child, new AccountMessages.AccountActivated(child.FullName ?? "", outbox.Link("/account/login")), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
