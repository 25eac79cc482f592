using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Organizations;

/// <summary>Invitations to coordinate for an organisation.</summary>
public static class OrganizationMessages
{
    /// <summary>To someone who has an account, in their language.</summary>
    public sealed record OrganizationInvitation(string FullName, string Organization, string Link) : Message;

    /// <summary>To a contact without an account: sign up with it, then accept.</summary>
    public sealed record OrganizationInvitationJoin(string Organization, string SignUpLink, string Link) : Message;
}
