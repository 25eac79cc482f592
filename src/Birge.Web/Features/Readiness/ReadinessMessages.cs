using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Readiness;

/// <summary>What the readiness register sends: to a certificate's holder, that it runs out soon.</summary>
public static class ReadinessMessages
{
    /// <summary>The holder's certificate (its name in their language) expires on <see cref="ExpiresOn"/>; the link shows their certificates.</summary>
    [NotificationKind(NotificationKinds.Readiness)]
    public sealed record CertificateExpiring(Domain.LocalizedText Certificate, DateOnly ExpiresOn, string Link) : Message;
}
