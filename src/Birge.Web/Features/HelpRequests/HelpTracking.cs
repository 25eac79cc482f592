using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// What the person who asked can do from the tracking page: say they no longer need help, or confirm they were helped.
/// The tracking code alone is not enough (it travels in an SMS and may be seen): each action also asks for the last
/// four digits of the phone the request came from, and after <see cref="MaxWrongDigits"/> wrong tries in
/// <see cref="WrongDigitsWindow"/> the request refuses them for a while.
/// </summary>
public sealed class HelpTracking(BirgeDb db, TimeProvider clock, AuditLog audit, HelpRequestHours hours)
{
    public const int MaxWrongDigits = 5;

    public static readonly TimeSpan WrongDigitsWindow = TimeSpan.FromHours(1);

    /// <summary>The timeline's kind for a wrong try of the phone's last digits (counted for <see cref="MaxWrongDigits"/>).</summary>
    public const string WrongDigits = "phone_digits_wrong";

    public const int Digits = 4;

    public Task<Outcome<HelpRequest>> CancelAsync(string? trackingCode, string? lastDigits, CancellationToken cancellationToken) =>
        ActAsync(trackingCode, lastDigits, "help_request.cancelled_by_requester", (request, now) => request.Cancel(now), HelpRequestEvent.Cancelled, cancellationToken);

    public Task<Outcome<HelpRequest>> ConfirmAsync(string? trackingCode, string? lastDigits, CancellationToken cancellationToken) =>
        ActAsync(trackingCode, lastDigits, "help_request.confirmed_by_requester", (request, now) => request.ConfirmByRequester(now), HelpRequestEvent.Closed, cancellationToken);

    /// <summary>The digits as typed ("12 34", "1234") when they are four digits, else null.</summary>
    public static string? Normalize(string? digits)
    {
        var given = new string((digits ?? "").Where(c => c is not (' ' or '-')).ToArray());
        return given.Length == Digits && given.All(char.IsAsciiDigit) ? given : null;
    }

    private async Task<Outcome<HelpRequest>> ActAsync(
        string? trackingCode,
        string? lastDigits,
        string action,
        Func<HelpRequest, DateTime, string?> change,
        string eventKind,
        CancellationToken cancellationToken)
    {
        if (TrackingCode.Parse(trackingCode, out var code) != CodeCheck.Valid)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.TrackingCode == code, cancellationToken);
        if (request is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - WrongDigitsWindow;
        if (await db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == WrongDigits && e.At > since, cancellationToken) >= MaxWrongDigits)
        {
            return Outcome.Refused(HelpRequestErrors.PhoneDigitsTooManyAttempts, "digits");
        }

        if (Normalize(lastDigits) is not { } digits)
        {
            return Outcome.Invalid("digits", HelpRequestErrors.PhoneDigitsInvalid);
        }

        // Erased (90 days after closing): nothing is left to act on.
        if (request.Phone is null)
        {
            return Outcome.Refused(HelpRequestErrors.NotActive);
        }

        if (!request.Phone.EndsWith(digits, StringComparison.Ordinal))
        {
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = WrongDigits });
            await audit.RecordDeniedAsync(action, "help_request", request.Id.ToString(), request.RegionKato, cancellationToken);
            var wrong = await db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == request.Id && e.Kind == WrongDigits && e.At > since, cancellationToken);
            return wrong >= MaxWrongDigits
                ? Outcome.Refused(HelpRequestErrors.PhoneDigitsTooManyAttempts, "digits")
                : Outcome.Invalid("digits", HelpRequestErrors.PhoneDigitsWrong);
        }

        var status = request.Status;
        if (change(request, now) is { } error)
        {
            return Outcome.Refused(error);
        }

        // One change of this request at a time: the row is taken only while it is still in the state the change was
        // decided on, so a confirmation racing the operator's call-back (or a second click) closes it once.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await db.HelpRequests
            .Where(r => r.Id == request.Id && r.Status == status)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (held != 1)
        {
            return Outcome.Refused(eventKind == HelpRequestEvent.Closed ? HelpRequestErrors.NotDone : HelpRequestErrors.NotActive);
        }

        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = eventKind });
        audit.Record(action, "help_request", request.Id.ToString(), request.RegionKato);
        if (eventKind == HelpRequestEvent.Closed)
        {
            // The person helped said so: the volunteer's time becomes confirmed hours, confirmed by nobody on staff.
            await hours.CreditAsync(request, confirmedBy: null, minutes: null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }
}
