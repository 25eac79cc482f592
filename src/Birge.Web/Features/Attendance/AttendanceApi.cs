using System.Security.Claims;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.Attendance;

/// <summary>Check-in codes, check-in and check-out, and confirmed hours of a shift (M7).</summary>
public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Attendance and hours").RequireAuthorization(Policies.Account);
        api.MapGet("/shifts/{shiftId:guid}/checkin-code", CodeAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("The shift's current check-in code (new every minute, accepted for two) for the coordinator's screen")
            .WithName("getCheckinCode").ProducesProblems(StatusCodes.Status409Conflict);
        api.MapPost("/shifts/{shiftId:guid}/checkin", CheckInAsync).RequireAuthorization(Policies.Account)
            .WithSummary("An accepted volunteer checks in with the current code; again changes nothing")
            .WithName("checkIn").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/shifts/{shiftId:guid}/checkout", CheckOutAsync).RequireAuthorization(Policies.Account)
            .WithSummary("The volunteer checks out with a fresh code; answers the minutes counted within the shift")
            .WithName("checkOut").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/shifts/{shiftId:guid}/hours", HoursAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("The coordinator's view: each volunteer's attendance and hours entry")
            .WithName("getShiftHours");
        api.MapPost("/shifts/{shiftId:guid}/hours", ConfirmAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("The coordinator confirms hours, all or nothing; minutes default to the attended time")
            .WithName("confirmHours").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/shifts/{shiftId:guid}/hours/{hoursEntryId:guid}/revoke", RevokeAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("The coordinator revokes confirmed hours with a reason; certificates that counted them are revoked")
            .WithName("revokeHours").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/me/hours/{hoursEntryId:guid}/dispute", DisputeAsync).RequireAuthorization(Policies.Account)
            .WithSummary("The volunteer disputes their confirmed hours (the id of GET /api/v1/me/hours); the organisation's coordinators are told")
            .WithName("disputeHours").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<CheckinCodeResponse>, ProblemHttpResult>> CodeAsync(
        Guid shiftId, ShiftCheckin checkin, TimeProvider clock, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return CheckinCode.IsOpen(info.Shift, now)
            ? TypedResults.Ok(new CheckinCodeResponse(CheckinCode.Current(info.Shift, now), CheckinCode.ExpiresAt(now), CheckinCode.RotatesAt(now)))
            : problems.Refusal(AttendanceErrors.CheckinNotOpen);
    }

    private static async Task<Results<Ok<CheckinResponse>, ProblemHttpResult>> CheckInAsync(
        Guid shiftId, CodeRequest request, ClaimsPrincipal user, ShiftCheckin checkin, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var result = await checkin.CheckInAsync(info, Scopes.AccountId(user)!.Value, request.Code, cancellationToken);
        return result.Value is { } scan ? TypedResults.Ok(CheckinResponse.From(scan)) : problems.Refusal(result);
    }

    private static async Task<Results<Ok<CheckinResponse>, ProblemHttpResult>> CheckOutAsync(
        Guid shiftId, CodeRequest request, ClaimsPrincipal user, ShiftCheckin checkin, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var result = await checkin.CheckOutAsync(info, Scopes.AccountId(user)!.Value, request.Code, cancellationToken);
        return result.Value is { } scan ? TypedResults.Ok(CheckinResponse.From(scan)) : problems.Refusal(result);
    }

    private static async Task<Results<Ok<ShiftHoursResponse>, ProblemHttpResult>> HoursAsync(
        Guid shiftId, ShiftCheckin checkin, ShiftHours hours, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var volunteers = await hours.VolunteersAsync(info, cancellationToken);
        return TypedResults.Ok(new ShiftHoursResponse(
            info.Shift.Id,
            info.Shift.StartsAt,
            info.Shift.EndsAt,
            info.Shift.LengthMinutes,
            [.. volunteers.Select(v => new VolunteerHoursItem(
                v.VolunteerId,
                v.FullName,
                v.Attendance?.CheckedInAt,
                v.Attendance?.CheckedOutAt,
                v.Attendance?.MarkedBy is not null,
                v.AttendedMinutes,
                v.SuggestedMinutes,
                v.Entry is null ? null : HoursEntryItem.From(v.Entry)))]));
    }

    private static async Task<Results<Ok<ConfirmedHoursResponse>, ProblemHttpResult>> ConfirmAsync(
        Guid shiftId, ConfirmHoursRequest request, ClaimsPrincipal user, ShiftCheckin checkin, ShiftHours hours, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var wanted = request.Entries ?? [];
        if (wanted.Count == 0 || wanted.Count > Shift.MaxCapacity)
        {
            return problems.Validation("entries", ErrorCodes.ValueInvalid);
        }

        // A null in the list, or an entry without its volunteer, is refused by its place.
        var missing = wanted.Select((e, i) => (e, i)).Where(x => x.e?.VolunteerId is null).Select(x => new FieldError($"entries[{x.i}]", ErrorCodes.ValueInvalid)).ToList();
        if (missing.Count > 0)
        {
            return problems.Validation(missing);
        }

        var confirmed = await hours.ConfirmAsync(
            info, [.. wanted.Select(e => new HoursToConfirm(e!.VolunteerId!.Value, e.Minutes))], Scopes.AccountId(user)!.Value, cancellationToken);
        if (confirmed.Value is not { } entries)
        {
            // Name each refusal by its place in the request, as partners sent it.
            var index = wanted.Select((e, i) => (e!.VolunteerId!.Value.ToString(), i)).DistinctBy(x => x.Item1).ToDictionary(x => x.Item1, x => x.i);
            return problems.Validation([.. confirmed.Errors.Select(e => e with { Field = $"entries[{index[e.Field]}]" })]);
        }

        return TypedResults.Ok(new ConfirmedHoursResponse([.. entries.Select(HoursEntryItem.From)]));
    }

    private static async Task<Results<Ok<RevokedHoursResponse>, ProblemHttpResult>> RevokeAsync(
        Guid shiftId, Guid hoursEntryId, ReasonRequest request, ShiftCheckin checkin, ShiftHours hours, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var revoked = await hours.RevokeAsync(info, hoursEntryId, request.Reason, cancellationToken);
        return revoked.Succeeded
            ? TypedResults.Ok(new RevokedHoursResponse(hoursEntryId, "revoked", revoked.Value))
            : problems.Refusal(revoked);
    }

    private static async Task<Results<Ok<DisputedHoursResponse>, ProblemHttpResult>> DisputeAsync(
        Guid hoursEntryId, ReasonRequest request, ClaimsPrincipal user, ShiftHours hours, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await hours.OwnEntryAsync(hoursEntryId, Scopes.AccountId(user)!.Value, cancellationToken) is not { } own)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var disputed = await hours.DisputeAsync(own.Entry, own.Shift, request.Reason, cancellationToken);
        return disputed.Succeeded
            ? TypedResults.Ok(new DisputedHoursResponse(hoursEntryId, "disputed"))
            : problems.Refusal(disputed);
    }
}

public sealed record CodeRequest(string? Code);

public sealed record ReasonRequest(string? Reason);

public sealed record CheckinCodeResponse(string Code, DateTime ExpiresAt, DateTime RotatesAt);

public sealed record CheckinResponse(DateTime CheckedInAt, DateTime? CheckedOutAt, int? Minutes, bool Repeated)
{
    public static CheckinResponse From(Scan scan) =>
        new(scan.Attendance.CheckedInAt, scan.Attendance.CheckedOutAt, scan.Minutes, scan.Repeated);
}

public sealed record ConfirmHoursRequest(List<HoursToConfirmRequest>? Entries);

public sealed record HoursToConfirmRequest(Guid? VolunteerId, int? Minutes = null);

public sealed record HoursEntryItem(
    Guid Id,
    Guid VolunteerId,
    int Minutes,
    DateTime StartsAt,
    DateTime EndsAt,
    DateOnly Date,
    string Status,
    Guid? ConfirmedBy,
    DateTime ConfirmedAt,
    string? DisputeReason,
    DateTime? DisputedAt,
    DateTime? RevokedAt,
    string? RevokeReason)
{
    public static HoursEntryItem From(HoursEntry h) => new(
        h.Id, h.VolunteerId, h.Minutes, h.StartsAt, h.EndsAt, h.Date, h.Status.ToString().ToLowerInvariant(),
        h.ConfirmedBy, h.ConfirmedAt, h.DisputeReason, h.DisputedAt, h.RevokedAt, h.RevokeReason);
}

public sealed record VolunteerHoursItem(
    Guid VolunteerId,
    string? FullName,
    DateTime? CheckedInAt,
    DateTime? CheckedOutAt,
    bool MarkedByCoordinator,
    int? AttendedMinutes,
    int SuggestedMinutes,
    HoursEntryItem? Entry);

public sealed record ShiftHoursResponse(Guid ShiftId, DateTime StartsAt, DateTime EndsAt, int LengthMinutes, IReadOnlyList<VolunteerHoursItem> Volunteers);

public sealed record ConfirmedHoursResponse(IReadOnlyList<HoursEntryItem> Entries);

public sealed record RevokedHoursResponse(Guid Id, string Status, int RevokedCertificates);

public sealed record DisputedHoursResponse(Guid Id, string Status);
