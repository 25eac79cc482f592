using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// A coordinator's work on an opportunity: write it (a draft), edit it and its shifts, publish it once the
/// organisation is verified, cancel it (every applicant is told, in their language, and loses the application).
/// </summary>
public sealed class OpportunityEditor(BirgeDb db, AuditLog audit, Outbox outbox, ShiftApplications applications, TimeProvider clock)
{
    public const int MaxMinAge = 100;

    /// <summary>The opportunity (with its shifts, tracked) and its organisation, for a coordinator's change.</summary>
    public async Task<(Opportunity Opportunity, Organization Organization)?> FindAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.Include(o => o.Shifts).FirstOrDefaultAsync(o => o.Id == opportunityId, cancellationToken);
        if (opportunity is null)
        {
            return null;
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == opportunity.OrganizationId, cancellationToken);
        return (opportunity, organization);
    }

    public async Task<Outcome<Opportunity>> CreateAsync(Organization organization, OpportunityInput input, Guid coordinatorId, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(input, existing: null, cancellationToken);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var opportunity = new Opportunity
        {
            OrganizationId = organization.Id,
            RegionKato = "",
            CreatedAt = now,
            CreatedBy = coordinatorId,
            UpdatedAt = now,
        };
        Apply(opportunity, input, organization.Name);
        foreach (var shift in input.Shifts.SelectMany(row => NewShifts(opportunity, row)))
        {
            opportunity.Shifts.Add(shift);
        }

        opportunity.RefreshSchedule();
        db.Opportunities.Add(opportunity);
        await db.SaveChangesAsync(cancellationToken);
        return opportunity;
    }

    /// <summary>
    /// Saves new details and shifts: a shift with an id is changed, one without is added, one left out is removed
    /// unless someone applied to it; no shift's seats go below those taken.
    /// </summary>
    public async Task<Outcome<Opportunity>> UpdateAsync(Opportunity opportunity, string organizationName, OpportunityInput input, CancellationToken cancellationToken)
    {
        if (opportunity.Status == OpportunityStatus.Cancelled)
        {
            return Outcome.Refused(OpportunityErrors.OpportunityCancelled);
        }

        var errors = await ValidateAsync(input, opportunity, cancellationToken);
        var kept = input.Shifts.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        var removed = opportunity.Shifts.Where(s => !kept.Contains(s.Id)).ToList();
        var removedIds = removed.Select(s => s.Id).ToList();
        if (removedIds.Count > 0 && await db.Applications.AnyAsync(a => removedIds.Contains(a.ShiftId), cancellationToken))
        {
            errors.Add(new FieldError("shifts", OpportunityErrors.ShiftHasApplicants));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        Apply(opportunity, input, organizationName);
        foreach (var shift in removed)
        {
            opportunity.Shifts.Remove(shift);
            db.Shifts.Remove(shift);
        }

        var raised = new List<Guid>();
        var moved = new List<Shift>();
        foreach (var row in input.Shifts)
        {
            if (opportunity.Shifts.FirstOrDefault(s => row.Id is not null && s.Id == row.Id) is { } shift)
            {
                if (row.Capacity!.Value > shift.Capacity)
                {
                    raised.Add(shift.Id);
                }

                if (opportunity.IsPublished && (shift.StartsAt != row.StartsAt || shift.EndsAt != row.EndsAt))
                {
                    moved.Add(shift);
                }

                shift.StartsAt = row.StartsAt!.Value;
                shift.EndsAt = row.EndsAt!.Value;
                shift.Capacity = row.Capacity!.Value;
                shift.Role = row.Role.Trimmed();
            }
            else
            {
                foreach (var added in NewShifts(opportunity, row))
                {
                    opportunity.Shifts.Add(added);
                    db.Shifts.Add(added);
                }
            }
        }

        opportunity.RefreshSchedule();
        opportunity.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await TellMovedAsync(opportunity, moved, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A seat was taken between reading and saving: the check constraint (Taken <= Capacity) refused it.
            db.ChangeTracker.Clear();
            return Outcome.Invalid("shifts", OpportunityErrors.CapacityBelowTaken);
        }

        // New seats go to the people already waiting, first in line first, each told.
        foreach (var shiftId in raised)
        {
            await applications.PromoteWaitlistAsync(shiftId, cancellationToken);
        }

        return opportunity;
    }

    /// <summary>Everyone still counting on a shift whose times changed is told the new times, in their language.</summary>
    private async Task TellMovedAsync(Opportunity opportunity, List<Shift> moved, CancellationToken cancellationToken)
    {
        var shiftIds = moved.Select(s => s.Id).ToList();
        var active = Application.ActiveStatuses;
        var applicants = await db.Applications.AsNoTracking()
            .Where(a => shiftIds.Contains(a.ShiftId) && active.Contains(a.Status))
            .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => new { a.ShiftId, Person = p })
            .ToListAsync(cancellationToken);
        foreach (var applicant in applicants)
        {
            var shift = moved.First(s => s.Id == applicant.ShiftId);
            await outbox.ToAccountAsync(applicant.Person, new OpportunityMessages.ShiftMoved(opportunity.Title, shift.StartsAt, shift.EndsAt, outbox.Link("/opportunities/" + opportunity.Id)), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Makes a draft public; only a verified organisation may.</summary>
    public async Task<Outcome> PublishAsync(Opportunity opportunity, Organization organization, CancellationToken cancellationToken)
    {
        if (opportunity.Publish(organization.IsVerified, clock.GetUtcNow().UtcDateTime) is { } refused)
        {
            return Outcome.Refused(refused);
        }

        audit.Record("opportunity.published", "opportunity", opportunity.Id.ToString(), opportunity.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>
    /// Cancels the opportunity: every active application becomes cancelled, every shift's seats free, and each
    /// applicant is told once, in their language, with the reason.
    /// </summary>
    public async Task<Outcome> CancelAsync(Opportunity opportunity, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (opportunity.Cancel(reason, now) is { } refused)
        {
            // Cancelled already is the opportunity's state; anything else is about the reason given.
            return refused == OpportunityErrors.OpportunityCancelled ? Outcome.Refused(refused) : Outcome.Invalid("reason", refused);
        }

        var shiftIds = opportunity.Shifts.Select(s => s.Id).ToList();
        var active = Application.ActiveStatuses;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var applicants = await db.Applications
            .Where(a => shiftIds.Contains(a.ShiftId) && active.Contains(a.Status))
            .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => p)
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var applicant in applicants)
        {
            await outbox.ToAccountAsync(applicant, new OpportunityMessages.OpportunityCancelled(opportunity.Title, opportunity.CancelReason!, outbox.Link("/opportunities/" + opportunity.Id)), cancellationToken: cancellationToken);
        }

        audit.Record("opportunity.cancelled", "opportunity", opportunity.Id.ToString(), opportunity.RegionKato, $"applicants: {applicants.Count}");
        await db.SaveChangesAsync(cancellationToken);
        await db.Applications
            .Where(a => shiftIds.Contains(a.ShiftId) && active.Contains(a.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApplicationStatus.Cancelled).SetProperty(a => a.UpdatedAt, now), cancellationToken);
        await db.Shifts.Where(s => s.OpportunityId == opportunity.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, 0), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var shift in opportunity.Shifts)
        {
            shift.Taken = 0;
        }

        return Outcome.Done;
    }

    public async Task<List<FieldError>> ValidateAsync(OpportunityInput input, Opportunity? existing, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>(input.ParseErrors);
        if (OpportunityKindNames.Parse(input.Kind) is null)
        {
            errors.Add(new FieldError("kind", OpportunityErrors.KindInvalid));
        }

        CheckText(errors, "title", input.Title, OpportunityErrors.TitleRequired, Opportunity.MaxTitleLength);
        CheckText(errors, "description", input.Description, OpportunityErrors.DescriptionRequired, Opportunity.MaxDescriptionLength);

        var directions = Directions(input);
        if (directions.Count == 0)
        {
            errors.Add(new FieldError("directions", ErrorCodes.DirectionsRequired));
        }
        else if (await db.Directions.CountAsync(d => directions.Contains(d.Code), cancellationToken) != directions.Count)
        {
            errors.Add(new FieldError("directions", ErrorCodes.DirectionInvalid));
        }

        var region = Clean(input.RegionKato);
        if (region is null || !await db.Regions.AnyAsync(r => r.Kato == region, cancellationToken))
        {
            errors.Add(new FieldError("regionKato", ErrorCodes.RegionInvalid));
        }

        var address = Clean(input.Address);
        if (address is { Length: > Opportunity.MaxAddressLength })
        {
            errors.Add(new FieldError("address", ErrorCodes.TooLong));
        }

        if (!input.Online)
        {
            // Written so that NaN, which compares false with everything, is refused too.
            if (input.Latitude is null != input.Longitude is null
                || input.Latitude is not (null or (>= -90 and <= 90))
                || input.Longitude is not (null or (>= -180 and <= 180)))
            {
                errors.Add(new FieldError("latitude", OpportunityErrors.CoordinatesInvalid));
            }
            else if (address is null && input.Latitude is null)
            {
                errors.Add(new FieldError("address", OpportunityErrors.LocationRequired));
            }
        }

        if (input.MinAge is < 0 or > MaxMinAge)
        {
            errors.Add(new FieldError("minAge", OpportunityErrors.MinAgeInvalid));
        }
        else if (input.MinAge is > 0 and < Opportunity.EmergencyMinAge && directions.Contains(Direction.Emergency))
        {
            // The law's limit is applied anyway (RequiredMinAge); a younger age typed on purpose is a mistake to show.
            errors.Add(new FieldError("minAge", OpportunityErrors.EmergencyAdultsOnly));
        }

        CheckShifts(errors, input.Shifts, existing);
        return [.. errors.Distinct()];
    }

    private void CheckShifts(List<FieldError> errors, List<ShiftInput> shifts, Opportunity? existing)
    {
        if (shifts.Count == 0)
        {
            errors.Add(new FieldError("shifts", OpportunityErrors.ShiftsRequired));
            return;
        }

        if (shifts.Sum(s => 1 + Math.Clamp(s.RepeatWeekly, 0, ShiftInput.MaxRepeats)) > Opportunity.MaxShifts)
        {
            errors.Add(new FieldError("shifts", OpportunityErrors.TooManyShifts));
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in shifts)
        {
            var field = $"shifts[{row.Index}].";
            if (errors.Any(e => e.Field.StartsWith(field, StringComparison.Ordinal)))
            {
                continue;
            }

            if (row.RepeatWeekly is < 0 or > ShiftInput.MaxRepeats || (row.Id is not null && row.RepeatWeekly != 0))
            {
                errors.Add(new FieldError(field + "repeatWeekly", OpportunityErrors.RepeatInvalid));
                continue;
            }

            var current = existing?.Shifts.FirstOrDefault(s => s.Id == row.Id);
            if (row.Id is not null && current is null)
            {
                errors.Add(new FieldError(field + "id", ErrorCodes.ValueInvalid));
                continue;
            }

            if (row.StartsAt is null)
            {
                errors.Add(new FieldError(field + "startsAt", OpportunityErrors.ShiftTimesInvalid));
            }

            if (row.EndsAt is null)
            {
                errors.Add(new FieldError(field + "endsAt", OpportunityErrors.ShiftTimesInvalid));
            }

            if (row.Capacity is null)
            {
                errors.Add(new FieldError(field + "capacity", OpportunityErrors.CapacityInvalid));
            }

            if (row.StartsAt is not { } startsAt || row.EndsAt is not { } endsAt || row.Capacity is not { } capacity)
            {
                continue;
            }

            // Within the window before any arithmetic: a start in 9999 would overflow its weekly repeats.
            if (startsAt < DateWindow.EarliestUtc)
            {
                errors.Add(new FieldError(field + "startsAt", OpportunityErrors.ShiftInPast));
            }
            else if (startsAt > DateWindow.LatestShiftStart(now))
            {
                errors.Add(new FieldError(field + "startsAt", OpportunityErrors.ShiftTooFar));
            }
            else if (startsAt.AddDays(7 * row.RepeatWeekly) > DateWindow.LatestShiftStart(now))
            {
                errors.Add(new FieldError(field + "repeatWeekly", OpportunityErrors.ShiftTooFar));
            }
            else if (Shift.Validate(startsAt, endsAt, capacity, row.Role.Trimmed()) is { } code)
            {
                var name = code switch
                {
                    OpportunityErrors.CapacityInvalid => "capacity",
                    ErrorCodes.TooLong => "role",
                    _ => "endsAt",
                };
                errors.Add(new FieldError(field + name, code));
            }
            else if (endsAt <= now && (current is null || current.StartsAt != startsAt || current.EndsAt != endsAt))
            {
                errors.Add(new FieldError(field + "endsAt", OpportunityErrors.ShiftInPast));
            }
            else if (current is not null && capacity < current.Taken)
            {
                errors.Add(new FieldError(field + "capacity", OpportunityErrors.CapacityBelowTaken));
            }
        }
    }

    private static void CheckText(List<FieldError> errors, string field, LocalizedText text, string requiredCode, int maxLength)
    {
        if (text.IsEmpty)
        {
            errors.Add(new FieldError(field, requiredCode));
        }
        else if (text.Trimmed().LongestLength > maxLength)
        {
            errors.Add(new FieldError(field, ErrorCodes.TooLong));
        }
    }

    private static void Apply(Opportunity opportunity, OpportunityInput input, string organizationName)
    {
        opportunity.Kind = OpportunityKindNames.Parse(input.Kind)!.Value;
        opportunity.Title = input.Title.Trimmed();
        opportunity.Description = input.Description.Trimmed();
        opportunity.Directions = Directions(input);
        opportunity.RegionKato = Clean(input.RegionKato)!;
        opportunity.Address = Clean(input.Address);
        opportunity.Online = input.Online;
        opportunity.Latitude = input.Online ? null : input.Latitude;
        opportunity.Longitude = input.Online ? null : input.Longitude;
        opportunity.MinAge = input.MinAge ?? 0;
        opportunity.AutoAccept = input.AutoAccept;
        opportunity.RefreshSearchText(organizationName);
    }

    /// <summary>The row's shift and its weekly repeats (Kazakhstan keeps one offset all year, so a week is 7 × 24 h).</summary>
    private static IEnumerable<Shift> NewShifts(Opportunity opportunity, ShiftInput row) =>
        Enumerable.Range(0, row.RepeatWeekly + 1).Select(week => new Shift
        {
            OpportunityId = opportunity.Id,
            StartsAt = row.StartsAt!.Value.AddDays(7 * week),
            EndsAt = row.EndsAt!.Value.AddDays(7 * week),
            Capacity = row.Capacity!.Value,
            Role = row.Role.Trimmed(),
        });

    private static List<string> Directions(OpportunityInput input) =>
        [.. input.Directions.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim()).Distinct(StringComparer.Ordinal)];

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
