using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Accounts;

/// <summary>Role-matrix rows of sign-up, log-in and out, passwords, consent and a person's own account.</summary>
public sealed class AccountsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["POST /api/v1/auth/token"] = Everyone,
        ["POST /api/v1/auth/refresh"] = Everyone,
        ["POST /api/v1/accounts"] = Everyone,
        ["POST /api/v1/accounts/password-reset"] = Everyone,
        ["GET /api/v1/consent"] = Everyone,
        ["GET /api/v1/me"] = SignedIn,
        ["GET /api/v1/me/data"] = SignedIn,
        ["DELETE /api/v1/me"] = SignedIn,
        ["GET /account/signup"] = Everyone,
        ["POST /account/signup"] = Everyone,
        ["GET /account/signup/waiting"] = Everyone,
        ["POST /account/signup/waiting"] = Everyone,
        ["GET /account/login"] = Everyone,
        ["POST /account/login"] = Everyone,
        ["GET /account/logout"] = Everyone,
        ["POST /account/logout"] = Everyone,
        ["GET /account/confirm"] = Everyone,
        ["POST /account/confirm"] = Everyone,
        ["GET /account/forgot-password"] = Everyone,
        ["POST /account/forgot-password"] = Everyone,
        ["GET /account/reset-password"] = Everyone,
        ["POST /account/reset-password"] = Everyone,
        ["GET /parent-consent"] = Everyone,
        ["POST /parent-consent"] = Everyone,
        ["GET /account"] = SignedIn,
        ["POST /account"] = SignedIn,
        ["GET /account/phone"] = SignedIn,
        ["POST /account/phone"] = SignedIn,
        ["GET /account/delete"] = SignedIn,
        ["POST /account/delete"] = SignedIn,
    };
}
