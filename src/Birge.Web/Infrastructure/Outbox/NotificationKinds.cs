namespace Birge.Web.Infrastructure;

/// <summary>
/// The kind of a message sent to a person's account, for their preferences (M18): put on the message record,
/// <c>[NotificationKind(NotificationKinds.Reminders)]</c>. Messages to an address rather than an account (a code, a
/// password reset, an invitation) have none and are not in the inbox.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotificationKindAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}

/// <summary>A kind of message and its channels when the person has not chosen; a critical kind is always delivered.</summary>
public sealed record NotificationKind(string Code, bool Critical, bool InApp, bool Email, bool Sms);

/// <summary>Every kind, its code (as the API names it), whether it is critical, and its default channels.</summary>
public static class NotificationKinds
{
    /// <summary>Emergency call-outs (M10): critical.</summary>
    public const string CallOuts = "call_outs";

    /// <summary>A shift or opportunity one signed up for was cancelled: critical.</summary>
    public const string ShiftCancelled = "shift_cancelled";

    /// <summary>A help request one holds is about to be released, or was: critical.</summary>
    public const string ClaimExpiring = "claim_expiring";

    public const string Applications = "applications";

    public const string Reminders = "reminders";

    public const string ShiftChanges = "shift_changes";

    public const string Hours = "hours";

    public const string Organizations = "organizations";

    public const string HelpRequests = "help_requests";

    public const string Readiness = "readiness";

    /// <summary>About one's own account: it was opened once a parent consented.</summary>
    public const string Account = "account";

    /// <summary>What staff are told: a missed SLA target, a change to review.</summary>
    public const string StaffAlerts = "staff_alerts";

    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new(CallOuts, Critical: true, InApp: true, Email: true, Sms: true),
        new(ShiftCancelled, Critical: true, InApp: true, Email: true, Sms: true),
        new(ClaimExpiring, Critical: true, InApp: true, Email: true, Sms: true),
        new(Applications, Critical: false, InApp: true, Email: true, Sms: false),
        new(Reminders, Critical: false, InApp: true, Email: true, Sms: false),
        new(ShiftChanges, Critical: false, InApp: true, Email: true, Sms: false),
        new(Hours, Critical: false, InApp: true, Email: true, Sms: false),
        new(Organizations, Critical: false, InApp: true, Email: true, Sms: false),
        new(HelpRequests, Critical: false, InApp: true, Email: true, Sms: false),
        new(Readiness, Critical: false, InApp: true, Email: true, Sms: false),
        new(StaffAlerts, Critical: false, InApp: true, Email: true, Sms: false),
        new(Account, Critical: false, InApp: true, Email: true, Sms: false),
    ];

    public static NotificationKind? Find(string? code) => All.FirstOrDefault(k => k.Code == code);
}
