namespace Birge.Web.Domain;

/// <summary>
/// Stable, machine-readable reasons for refusing a request. They are part of the public API (the <c>code</c> of a
/// problem) and name the resource key <c>Error_{code}</c> with the message in each language.
/// </summary>
public static class ErrorCodes
{
    public const string AccountExists = "account_exists";
    public const string AwaitingParentConsent = "awaiting_parent_consent";
    public const string BirthDateInFuture = "birth_date_in_future";
    public const string BirthDateInvalid = "birth_date_invalid";
    public const string BirthDateRequired = "birth_date_required";
    public const string ConsentOutdated = "consent_outdated";
    public const string ConsentRequired = "consent_required";
    public const string ContactRequired = "contact_required";
    public const string EmailInvalid = "email_invalid";
    public const string FullNameInvalid = "full_name_invalid";
    public const string FullNameRequired = "full_name_required";
    public const string IinInvalid = "iin_invalid";
    public const string LoginFailed = "login_failed";
    public const string LoginRequired = "login_required";
    public const string ParentConsentRequired = "parent_consent_required";
    public const string PasswordRequired = "password_required";
    public const string PasswordTooLong = "password_too_long";
    public const string PasswordTooShort = "password_too_short";
    public const string PasswordWeak = "password_weak";
    public const string PhoneInvalid = "phone_invalid";
    public const string RegionInvalid = "region_invalid";
    public const string TokenInvalid = "token_invalid";
    public const string ConfirmationRequired = "confirmation_required";
    public const string TooLong = "too_long";
    public const string ValueInvalid = "value_invalid";
    public const string BinInvalid = "bin_invalid";
    public const string BinExists = "bin_exists";
    public const string NameRequired = "name_required";
    public const string LegalFormInvalid = "legal_form_invalid";
    public const string DirectionsRequired = "directions_required";
    public const string DirectionInvalid = "direction_invalid";
    public const string WebsiteInvalid = "website_invalid";
    public const string ReasonRequired = "reason_required";
    public const string StatusChangeInvalid = "status_change_invalid";
    public const string DecisionInvalid = "decision_invalid";
    public const string InvitationInvalid = "invitation_invalid";
    public const string AlreadyMember = "already_member";
    public const string AccountNotFound = "account_not_found";
    public const string RoleInvalid = "role_invalid";
    public const string FrontOfficeNotFound = "front_office_not_found";
    public const string SkillInvalid = "skill_invalid";
    public const string LanguageInvalid = "language_invalid";

    // Opportunities, applications, attendance, hours and certificates (issue 4).
    public const string TitleRequired = "title_required";
    public const string DescriptionRequired = "description_required";
    public const string ShiftsRequired = "shifts_required";
    public const string TooManyShifts = "too_many_shifts";
    public const string RepeatInvalid = "repeat_invalid";
    public const string ShiftTimesInvalid = "shift_times_invalid";
    public const string ShiftTooLong = "shift_too_long";
    public const string ShiftInPast = "shift_in_past";
    public const string CapacityInvalid = "capacity_invalid";
    public const string CapacityBelowTaken = "capacity_below_taken";
    public const string MinAgeInvalid = "min_age_invalid";
    public const string EmergencyAdultsOnly = "emergency_adults_only";
    public const string LocationRequired = "location_required";
    public const string CoordinatesInvalid = "coordinates_invalid";
    public const string KindInvalid = "kind_invalid";
    public const string RecurrenceInvalid = "recurrence_invalid";
    public const string OrganizationNotVerified = "organization_not_verified";
    public const string OpportunityCancelled = "opportunity_cancelled";
    public const string OpportunityNotPublished = "opportunity_not_published";
    public const string DateRangeInvalid = "date_range_invalid";
    public const string AlreadyApplied = "already_applied";
    public const string ShiftFull = "shift_full";
    public const string ShiftOver = "shift_over";
    public const string AgeRestricted = "age_restricted";
    public const string ApplicationNotActive = "application_not_active";
    public const string CheckinCodeInvalid = "checkin_code_invalid";
    public const string NotOnShift = "not_on_shift";
    public const string NotCheckedIn = "not_checked_in";
    public const string NotAttended = "not_attended";
    public const string MinutesInvalid = "minutes_invalid";
    public const string HoursExceedShift = "hours_exceed_shift";
    public const string HoursOverlap = "hours_overlap";
    public const string HoursOverDayLimit = "hours_over_day_limit";
    public const string HoursRevoked = "hours_revoked";
    public const string NoHours = "no_hours";
    public const string CertificateNotFound = "certificate_not_found";
    public const string ShiftHasApplicants = "shift_has_applicants";
    public const string CheckinNotOpen = "checkin_not_open";
    public const string AlreadyDisputed = "already_disputed";

    // Hardening (issue 9): accounts and tokens.
    public const string SignUpLimited = "sign_up_limited";

    // Hardening (issue 9): hosting, proxies and requests.
    public const string HttpsRequired = "https_required";
    public const string RequestTooLarge = "request_too_large";

    // Hardening (issue 9): API inputs and the OpenAPI document.
    public const string DateOutOfRange = "date_out_of_range";
    public const string ShiftTooFar = "shift_too_far";

    // Hardening (issue 9): organisations' legal details.
    public const string LegalDetailsOwnerOnly = "legal_details_owner_only";
}

/// <summary>A refusal tied to one input field; the message key defaults to <c>Error_{code}</c>.</summary>
public sealed record FieldError(string Field, string Code, string? MessageKey = null)
{
    public string Message => MessageKey ?? "Error_" + Code;
}
