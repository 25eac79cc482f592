using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>Role-matrix rows of the citizen's pages: anyone asks for help, confirms the phone, asks for the code again and follows the request.</summary>
public sealed class HelpCitizenRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /help"] = Everyone,
        ["POST /help"] = Everyone,
        ["GET /help/confirm/{helpRequestId:guid}"] = Everyone,
        ["POST /help/confirm/{helpRequestId:guid}"] = Everyone,
        ["GET /help/track"] = Everyone,
        ["POST /help/track"] = Everyone,
        ["GET /help/{code}"] = Everyone,
        ["POST /help/{code}"] = Everyone,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/phone-code"] = Everyone,
    };
}
