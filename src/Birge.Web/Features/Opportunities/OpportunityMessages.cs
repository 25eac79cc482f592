using Birge.Web.Domain;
using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Opportunities;

/// <summary>What applicants are told when an opportunity they applied to changes.</summary>
public static class OpportunityMessages
{
    [NotificationKind(NotificationKinds.ShiftCancelled)]
    public sealed record OpportunityCancelled(LocalizedText Title, string Reason, string Link) : Message;

    [NotificationKind(NotificationKinds.ShiftChanges)]
    public sealed record ShiftMoved(LocalizedText Title, DateTime StartsAt, DateTime EndsAt, string Link) : Message;
}
