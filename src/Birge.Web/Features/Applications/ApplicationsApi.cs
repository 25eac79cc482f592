using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Organizations;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Applications;

/// <summary>Applications to shifts: apply, cancel, my list, a coordinator's roster and decisions; and the two files.</summary>
public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Applications").RequireAuthorization(Policies.Account);
        api.MapPost("/shifts/{shiftId:guid}/applications", ApplyAsync).RequireAuthorization(Policies.Account)
            .WithSummary("Apply to a shift: accepted while seats remain (or pending the coordinator's approval), else waitlisted with the place in line")
            .WithName("applyToShift").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/applications/{applicationId:guid}", CancelAsync).RequireAuthorization(Policies.Account)
            .WithSummary("The applicant cancels; the first on the waitlist is promoted")
            .WithName("cancelApplication").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/me/applications", MineAsync).RequireAuthorization(Policies.Account)
            .WithSummary("The caller's applications, latest shift first, with waitlist positions")
            .WithName("listMyApplications");
        api.MapGet("/shifts/{shiftId:guid}/applications", RosterAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("The shift's roster for its organisation's coordinators: contacts only where the volunteer shares them")
            .WithName("getRoster");
        api.MapPost("/shifts/{shiftId:guid}/applications/{applicationId:guid}/decision", DecideAsync).RequireAuthorization(Policies.OrganizationMember)
            .WithSummary("A coordinator accepts ({accept: true}) or declines an application; the volunteer is told")
            .WithName("decideApplication").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        // Files, not JSON: signed in with the page cookie like the pages that link to them.
        app.MapGet("/my/shifts/{applicationId:guid}/calendar.ics", CalendarAsync).RequireAuthorization(Policies.Account).ExcludeFromDescription();
        app.MapGet("/shifts/{shiftId:guid}/roster.csv", RosterCsvAsync).RequireAuthorization(Policies.OrganizationMember).ExcludeFromDescription();
        return app;
    }

    public static string ApiName(this ApplicationStatus status) => status.ToString().ToLowerInvariant();

    private static async Task<Results<Created<CreatedApplication>, ProblemHttpResult>> ApplyAsync(
        Guid shiftId, ClaimsPrincipal user, UserManager<Account> users, ShiftApplications applications, ApiProblems problems, CancellationToken cancellationToken)
    {
        var volunteer = await users.GetUserAsync(user);
        if (volunteer is null)
        {
            return problems.Refusal(ErrorCodes.Unauthorized);
        }

        var outcome = await applications.ApplyAsync(shiftId, volunteer, cancellationToken);
        if (outcome.Value is not { } applied)
        {
            return problems.Refusal(outcome);
        }

        return TypedResults.Created(
            "/api/v1/me/applications",
            new CreatedApplication(applied.Application.Id, applied.Application.Status.ApiName(), applied.WaitlistPosition));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        Guid applicationId, ClaimsPrincipal user, ShiftApplications applications, ApiProblems problems, CancellationToken cancellationToken)
    {
        var outcome = await applications.CancelAsync(applicationId, Scopes.AccountId(user)!.Value, cancellationToken);
        return outcome.Succeeded ? TypedResults.NoContent() : problems.Refusal(outcome);
    }

    private static async Task<Ok<MyApplicationPage>> MineAsync(
        int? page, int? pageSize, ClaimsPrincipal user, Rosters rosters, CancellationToken cancellationToken)
    {
        var number = OrganizationDirectory.ClampPage(page);
        var size = OrganizationDirectory.ClampPageSize(pageSize);
        var (items, total) = await rosters.MineAsync(Scopes.AccountId(user)!.Value, number, size, cancellationToken);
        return TypedResults.Ok(new MyApplicationPage([.. items.Select(MyApplicationItem.From)], total, number, size));
    }

    private static async Task<Results<Ok<RosterResponse>, ProblemHttpResult>> RosterAsync(
        Guid shiftId, Rosters rosters, AuditLog audit, BirgeDb db, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (await rosters.RosterAsync(shiftId, cancellationToken) is not { } roster)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        // Names and contacts of volunteers: a read of personal data, kept in the audit log.
        audit.Record("shift.roster_read", "shift", shiftId.ToString(), roster.Opportunity.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        var position = 0;
        var items = roster.Accepted.Concat(roster.Pending).Concat(roster.Waitlist)
            .Concat(roster.Entries.Where(e => e.Status == ApplicationStatus.Declined))
            .Select(e => new RosterItem(
                e.ApplicationId,
                e.VolunteerId,
                e.FullName,
                e.Email,
                e.Phone,
                e.Age,
                e.Status.ApiName(),
                e.AppliedAt,
                e.Status == ApplicationStatus.Waitlisted ? ++position : null,
                e.Email is null ? null : e.EmailConfirmed,
                e.Phone is null ? null : e.PhoneConfirmed))
            .ToList();
        return TypedResults.Ok(new RosterResponse(shiftId, roster.Shift.Capacity, roster.Shift.Taken, roster.Shift.SeatsLeft, items));
    }

    private static async Task<Results<Ok<CreatedApplication>, ProblemHttpResult>> DecideAsync(
        Guid shiftId, Guid applicationId, DecisionRequest request, ShiftApplications applications, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (request.Accept is not { } accept)
        {
            return problems.Validation("accept", ErrorCodes.DecisionInvalid);
        }

        var outcome = await applications.DecideAsync(shiftId, applicationId, accept, cancellationToken);
        return outcome.Value is { } decided
            ? TypedResults.Ok(new CreatedApplication(applicationId, decided.Application.Status.ApiName(), null))
            : problems.Refusal(outcome);
    }

    private static async Task<IResult> CalendarAsync(
        Guid applicationId, ClaimsPrincipal user, BirgeDb db, Outbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = Scopes.AccountId(user)!.Value;
        var found = await db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.VolunteerId == me)
            .Join(db.Shifts, a => a.ShiftId, s => s.Id, (a, s) => s)
            .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => new { s, o })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        var file = CalendarFile.Event(
            applicationId,
            found.s.Named(found.o.Title).Resolve(),
            found.o.Online ? "Online" : found.o.Address,
            found.s.StartsAt,
            found.s.EndsAt,
            clock.GetUtcNow().UtcDateTime,
            outbox.Link($"/opportunities/{found.o.Id}"));
        return TypedResults.File(file, "text/calendar; charset=utf-8", "birge-shift.ics");
    }

    private static async Task<IResult> RosterCsvAsync(
        Guid shiftId, Rosters rosters, AuditLog audit, BirgeDb db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (await rosters.RosterAsync(shiftId, cancellationToken) is not { } roster)
        {
            return TypedResults.NotFound();
        }

        audit.Record("shift.roster_exported", "shift", shiftId.ToString(), roster.Opportunity.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        var day = KazakhstanTime.FromUtc(roster.Shift.StartsAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(Rosters.Csv(roster, key => localizer[key]), "text/csv; charset=utf-8", $"roster-{day}.csv");
    }
}

public sealed record CreatedApplication(Guid Id, string Status, int? WaitlistPosition);

public sealed record DecisionRequest(bool? Accept);

public sealed record MyApplicationItem(
    Guid Id,
    Guid ShiftId,
    Guid OpportunityId,
    string Title,
    DateTime StartsAt,
    DateTime EndsAt,
    string? Role,
    string? Address,
    bool Online,
    string Status,
    int? WaitlistPosition,
    bool OpportunityCancelled)
{
    public static MyApplicationItem From(MyShift s) => new(
        s.ApplicationId, s.ShiftId, s.OpportunityId, s.Title.Resolve(), s.StartsAt, s.EndsAt, s.Role.ResolveOrNull(), s.Address, s.Online, s.Status.ApiName(), s.WaitlistPosition, s.OpportunityCancelled);
}

public sealed record MyApplicationPage(IReadOnlyList<MyApplicationItem> Items, int Total, int Page, int PageSize);

public sealed record RosterItem(
    Guid Id,
    Guid VolunteerId,
    string FullName,
    string? Email,
    string? Phone,
    int? Age,
    string Status,
    DateTime AppliedAt,
    int? WaitlistPosition,
    bool? EmailConfirmed,
    bool? PhoneConfirmed);

public sealed record RosterResponse(Guid ShiftId, int Capacity, int Taken, int SeatsLeft, IReadOnlyList<RosterItem> Items);
