using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Accounts;

/// <summary>What accounts send: links to confirm a contact, to reset a password, a parent's consent, the account opened.</summary>
public static class AccountMessages
{
    public sealed record ConfirmEmail(string FullName, string Link) : Message;

    /// <summary>A 6-digit code and the short link of the page it is typed on (a long link does not fit an SMS).</summary>
    public sealed record ConfirmPhone(string FullName, string Code, string Link) : Message;

    /// <summary>The link again, two days before an unconfirmed e-mail is released.</summary>
    public sealed record ConfirmReminder(string FullName, string Link) : Message;

    /// <summary>A new code, two days before an unconfirmed phone is released.</summary>
    public sealed record ConfirmPhoneReminder(string FullName, string Code, string Link) : Message;

    public sealed record ResetPassword(string FullName, string Link) : Message;

    /// <summary>To the parent of a child under 14, who confirms through the link.</summary>
    public sealed record ParentConsent(string ParentName, string ChildName, string Link) : Message;

    /// <summary>To the child once the parent has confirmed.</summary>
    [NotificationKind(NotificationKinds.Account)]
    public sealed record AccountActivated(string FullName, string Link) : Message;
}
