using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Notifications;

/// <summary>What the SMS gateway says became of a message it was given: delivered to the phone, or failed for good.</summary>
public sealed class DeliveryReports(BirgeDb db, TimeProvider clock)
{
    public const int MaxErrorLength = 1000;

    public async Task<Outcome> RecordAsync(string? gatewayId, string? status, string? error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(gatewayId) || gatewayId.Length > 100)
        {
            return Outcome.Invalid("id", NotificationErrors.GatewayIdInvalid);
        }

        if (status is not ("delivered" or "failed"))
        {
            return Outcome.Invalid("status", NotificationErrors.DeliveryStatusInvalid);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = error is null ? "gateway: failed" : "gateway: " + (error.Length > MaxErrorLength - 9 ? error[..(MaxErrorLength - 9)] : error);

        // A report repeated or out of order changes nothing: the first word on a message stands.
        var known = await db.OutboxMessages.AnyAsync(m => m.GatewayId == gatewayId, cancellationToken);
        if (!known)
        {
            return Outcome.Refused(NotificationErrors.GatewayIdUnknown);
        }

        if (status == "delivered")
        {
            await db.OutboxMessages.Where(m => m.GatewayId == gatewayId && m.DeliveredAt == null && m.FailedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, now), cancellationToken);
        }
        else
        {
            await db.OutboxMessages.Where(m => m.GatewayId == gatewayId && m.DeliveredAt == null && m.FailedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LastError, reason), cancellationToken);
        }

        return Outcome.Done;
    }
}
