using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.CallOuts;

/// <summary>Error codes of call-outs: sending one, replying by link or SMS, closing it, the roster's check-in and hours.</summary>
[ErrorCodeGroup]
public static class CallOutErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string TextRequired = "callout_text_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string NeededInvalid = "callout_needed_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string AnswerByInvalid = "callout_answer_by_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string StartsAtInvalid = "callout_starts_at_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string NextWaveInvalid = "callout_next_wave_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string CertificateUnknown = "callout_certificate_unknown";
    [HttpStatus(Status422UnprocessableEntity)] public const string TeamInvalid = "callout_team_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string NeighbourInvalid = "callout_neighbour_invalid";
    [HttpStatus(Status403Forbidden)] public const string OtherRegion = "callout_other_region";
    [HttpStatus(Status404NotFound)] public const string NotRecipient = "callout_not_recipient";
    [HttpStatus(Status422UnprocessableEntity)] public const string AnswerInvalid = "callout_answer_invalid";
    [HttpStatus(Status409Conflict)] public const string NotOpen = "callout_not_open";
    [HttpStatus(Status422UnprocessableEntity)] public const string SmsTextInvalid = "sms_reply_invalid";
    [HttpStatus(Status404NotFound)] public const string SmsSenderUnknown = "sms_sender_unknown";
    [HttpStatus(Status404NotFound)] public const string ShortCodeUnknown = "callout_code_unknown";
    [HttpStatus(Status403Forbidden)] public const string NotSelected = "callout_not_selected";
    [HttpStatus(Status422UnprocessableEntity)] public const string CheckinCodeWrong = "callout_checkin_code_wrong";
    [HttpStatus(Status409Conflict)] public const string NotCheckedIn = "callout_not_checked_in";
    [HttpStatus(Status422UnprocessableEntity)] public const string MinutesInvalid = "callout_minutes_invalid";
    [HttpStatus(Status409Conflict)] public const string HoursAlready = "callout_hours_already";
}
