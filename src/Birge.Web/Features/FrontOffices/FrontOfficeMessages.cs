using Birge.Web.Infrastructure;

namespace Birge.Web.Features.FrontOffices;

/// <summary>What an organisation's owners are told about the front office's decisions.</summary>
public static class FrontOfficeMessages
{
    [NotificationKind(NotificationKinds.Organizations)]
    public sealed record OrganizationVerified(string Organization, string Link) : Message;

    [NotificationKind(NotificationKinds.Organizations)]
    public sealed record OrganizationRejected(string Organization, string Reason, string Link) : Message;

    [NotificationKind(NotificationKinds.Organizations)]
    public sealed record OrganizationSuspended(string Organization, string Reason, string Link) : Message;

    [NotificationKind(NotificationKinds.Organizations)]
    public sealed record OrganizationChangeApproved(string Organization, string Link) : Message;

    [NotificationKind(NotificationKinds.Organizations)]
    public sealed record OrganizationChangeRejected(string Organization, string Reason, string Link) : Message;
}
