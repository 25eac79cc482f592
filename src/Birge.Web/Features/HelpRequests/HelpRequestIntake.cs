using System.Security.Cryptography;
using System.Text;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>What a person asking for help gives, on the form at <c>/help</c>, to an operator, or to <c>POST /api/v1/help-requests</c>.</summary>
public sealed class HelpRequestInput
{
    public string? Category { get; set; }

    public string? Description { get; set; }

    public string? RegionKato { get; set; }

    public string? Locality { get; set; }

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Language { get; set; }

    public List<string> Vulnerabilities { get; set; } = [];

    public string? Urgency { get; set; }

    public string? ConsentVersion { get; set; }
}

/// <param name="Repeated">The same form came again within <see cref="HelpRequestIntake.RepeatWindow"/>: this is the request it made then.</param>
public sealed record HelpRequestAsked(HelpRequest Request, bool Repeated);

/// <summary>
/// Takes a request for help. Asked online, it waits for the 6-digit code sent to the phone; taken by an operator (who
/// heard the person on that phone), it is queued at once. Either way the person gets the tracking code by SMS once it
/// is queued. The same form twice within ten minutes makes one request.
/// </summary>
public sealed class HelpRequestIntake(BirgeDb db, Outbox outbox, TimeProvider clock, SlaTargets sla)
{
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    /// <summary>A new SMS code may be asked for this long after the last one, and <see cref="MaxResends"/> times for one request.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(60);

    public const int MaxResends = 5;

    /// <summary>The timeline's kind for a code sent again (counted for <see cref="MaxResends"/>).</summary>
    public const string CodeResent = "phone_code_resent";

    // Kazakhstan's extent with a margin: a point outside it is a mistake on the map.
    private const double MinLatitude = 40.5, MaxLatitude = 55.5, MinLongitude = 46.4, MaxLongitude = 87.4;

    /// <param name="operatorId">The operator logging a call, or null for a person asking online.</param>
    public async Task<Outcome<HelpRequestAsked>> AskAsync(HelpRequestInput input, Guid? operatorId, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (!string.IsNullOrWhiteSpace(input.RegionKato) && !await db.Regions.AnyAsync(r => r.Kato == input.RegionKato, cancellationToken))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        _ = PhoneNumber.TryParse(input.Phone, out var phone);
        var category = input.Category!.Trim();
        var description = input.Description!.Trim();

        var since = now - RepeatWindow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await OneAskAtATimeAsync(phone!.Value, cancellationToken);
        var repeated = await db.HelpRequests
            .Where(r => r.Phone == phone!.Value && r.Category == category && r.Description == description && r.CreatedAt >= since)
            .OrderByDescending(r => r.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (repeated is not null)
        {
            return new HelpRequestAsked(repeated, Repeated: true);
        }

        var request = new HelpRequest
        {
            TrackingCode = TrackingCode.New(),
            Category = category,
            Description = description,
            RegionKato = input.RegionKato!,
            Locality = Clean(input.Locality),
            Address = Clean(input.Address),
            Latitude = input.Latitude,
            Longitude = input.Longitude,
            RequesterName = Clean(input.Name),
            Phone = phone!.Value,
            Language = Clean(input.Language) ?? Cultures.Kazakh.TwoLetterISOLanguageName,
            Vulnerabilities = [.. input.Vulnerabilities.Select(v => v.Trim()).Distinct()],
            Urgency = ParseUrgency(input.Urgency) ?? HelpUrgency.Normal,
            ConsentVersion = input.ConsentVersion!,
            Source = operatorId is null ? HelpRequestSource.Online : HelpRequestSource.Phone,
            OperatorId = operatorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.HelpRequests.Add(request);
        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = HelpRequestEvent.Asked, ActorId = operatorId });

        if (operatorId is null)
        {
            var code = request.NewPhoneCode(now);
            outbox.Sms(request.Phone, Cultures.FromLanguage(request.Language), new HelpRequestMessages.PhoneCode(code));
        }
        else
        {
            Queue(request, operatorId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HelpRequestAsked(request, Repeated: false);
    }

    /// <summary>
    /// Asks from one phone are taken one after another until the transaction ends, so the same form sent twice at the
    /// same moment (a double tap, a form sent again while the database fails over) finds the first as its repeat and
    /// makes one request. On PostgreSQL a transaction advisory lock on the number; SQLite has one writer, and writing
    /// first makes this transaction it.
    /// </summary>
    private async Task OneAskAtATimeAsync(string phone, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("help-request:" + phone)));
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
        else
        {
            await db.HelpRequests.Where(r => r.Id == Guid.Empty).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, r => r.UpdatedAt), cancellationToken);
        }
    }

    /// <summary>The person types the code from the SMS; a right one puts the request in the queue.</summary>
    public async Task<Outcome<HelpRequest>> ConfirmPhoneAsync(Guid id, string? code, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var wasWaiting = request.Status == HelpRequestStatus.Unconfirmed;
        var error = request.ConfirmPhone(code, now, sla);
        if (error is null && wasWaiting)
        {
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = HelpRequestEvent.Queued });
            TellReceived(request);
        }

        // A wrong code is counted, so that six digits cannot be guessed.
        await db.SaveChangesAsync(cancellationToken);
        // Too many wrong codes refuses the request as a whole (429): only a new code helps, not another try.
        return error switch
        {
            null => request,
            HelpRequestErrors.PhoneCodeTooManyAttempts => Outcome.Refused(error, "code"),
            _ => Outcome.Invalid("code", error),
        };
    }

    /// <summary>
    /// A new code for a request still waiting for one: the SMS did not come, or the code ran out. At most
    /// <see cref="MaxResends"/> times for one request and not within <see cref="ResendAfter"/> of the last, so that the
    /// six digits still cannot be guessed and nobody can flood a phone with messages.
    /// </summary>
    public async Task<Outcome> ResendCodeAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (request.Status != HelpRequestStatus.Unconfirmed)
        {
            return Outcome.Refused(request.Status == HelpRequestStatus.Cancelled ? HelpRequestErrors.NotActive : HelpRequestErrors.PhoneAlreadyConfirmed);
        }

        if (await db.HelpRequestEvents.CountAsync(e => e.HelpRequestId == id && e.Kind == CodeResent, cancellationToken) >= MaxResends)
        {
            return Outcome.Refused(HelpRequestErrors.PhoneCodeResendLimit);
        }

        // The last code was sent a code's lifetime before it runs out.
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.PhoneCodeExpiresAt is { } expires && now < expires - HelpRequest.PhoneCodeLifetime + ResendAfter)
        {
            return Outcome.Refused(HelpRequestErrors.PhoneCodeTooSoon);
        }

        var code = request.NewPhoneCode(now);
        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = id, At = now, Kind = CodeResent });
        outbox.Sms(request.Phone!, Cultures.FromLanguage(request.Language), new HelpRequestMessages.PhoneCode(code));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Puts a request the operator took in the queue and tells the person how to follow it.</summary>
    private void Queue(HelpRequest request, Guid? actorId, DateTime now)
    {
        request.Queue(now, sla);
        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = HelpRequestEvent.Queued, ActorId = actorId });
        TellReceived(request);
    }

    private void TellReceived(HelpRequest request) =>
        outbox.Sms(
            request.Phone!,
            Cultures.FromLanguage(request.Language),
            new HelpRequestMessages.Received(TrackingCode.Format(request.TrackingCode), outbox.Link("/help/" + request.TrackingCode)));

    public static HelpUrgency? ParseUrgency(string? value) => value?.Trim() switch
    {
        "critical" => HelpUrgency.Critical,
        "high" => HelpUrgency.High,
        "normal" => HelpUrgency.Normal,
        "low" => HelpUrgency.Low,
        _ => null,
    };

    private static List<FieldError> Validate(HelpRequestInput input)
    {
        var errors = new List<FieldError>();
        if (!HelpCategories.All.Contains(input.Category?.Trim() ?? ""))
        {
            errors.Add(new FieldError("category", HelpRequestErrors.CategoryInvalid));
        }

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            errors.Add(new FieldError("description", OpportunityErrors.DescriptionRequired));
        }
        else if (description.Length < HelpRequest.MinDescriptionLength)
        {
            errors.Add(new FieldError("description", HelpRequestErrors.DescriptionTooShort));
        }
        else if (description.Length > HelpRequest.MaxDescriptionLength)
        {
            errors.Add(new FieldError("description", ErrorCodes.TooLong));
        }

        if (string.IsNullOrWhiteSpace(input.RegionKato))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        if (input.Locality?.Trim().Length > HelpRequest.MaxLocalityLength)
        {
            errors.Add(new FieldError("locality", ErrorCodes.TooLong));
        }

        var address = input.Address?.Trim() ?? "";
        if (address.Length == 0)
        {
            errors.Add(new FieldError("address", HelpRequestErrors.AddressRequired));
        }
        else if (address.Length > HelpRequest.MaxAddressLength)
        {
            errors.Add(new FieldError("address", ErrorCodes.TooLong));
        }

        if (input.Latitude.HasValue != input.Longitude.HasValue)
        {
            errors.Add(new FieldError("latitude", OpportunityErrors.CoordinatesInvalid));
        }
        else if (input is { Latitude: { } lat, Longitude: { } lon }
            && (double.IsNaN(lat) || double.IsNaN(lon) || lat < MinLatitude || lat > MaxLatitude || lon < MinLongitude || lon > MaxLongitude))
        {
            errors.Add(new FieldError("latitude", HelpRequestErrors.PointOutsideKazakhstan));
        }

        if (input.Name?.Trim().Length > HelpRequest.MaxNameLength)
        {
            errors.Add(new FieldError("name", ErrorCodes.TooLong));
        }

        if (PhoneNumber.Check(input.Phone) is { } phoneError)
        {
            errors.Add(new FieldError("phone", phoneError));
        }

        if (input.Language is { } language && !HelpCategories.Languages.Contains(language.Trim()))
        {
            errors.Add(new FieldError("language", ErrorCodes.LanguageInvalid));
        }

        if (input.Vulnerabilities.Any(v => !HelpCategories.Vulnerabilities.Contains(v?.Trim() ?? "")))
        {
            errors.Add(new FieldError("vulnerabilities", HelpRequestErrors.VulnerabilityInvalid));
        }

        if (!string.IsNullOrWhiteSpace(input.Urgency) && ParseUrgency(input.Urgency) is null)
        {
            errors.Add(new FieldError("urgency", HelpRequestErrors.UrgencyInvalid));
        }

        if (string.IsNullOrWhiteSpace(input.ConsentVersion))
        {
            errors.Add(new FieldError("consentVersion", AccountErrors.ConsentRequired));
        }
        else if (input.ConsentVersion != PersonalDataConsent.CurrentVersion)
        {
            errors.Add(new FieldError("consentVersion", AccountErrors.ConsentOutdated));
        }

        return errors;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
