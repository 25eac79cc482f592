using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.Matching;

/// <summary>
/// An operator offers an open request to chosen volunteers: each is offered it once (a second offer to the same
/// person is not sent again), told by a message that names only the category and the district, and the offer is in
/// the request's timeline and the audit log.
/// </summary>
public sealed class HelpRequestOffers(BirgeDb db, HelpRequestMatching matching, Outbox outbox, AuditLog audit, TimeProvider clock)
{
    public const int MaxAtOnce = 20;

    public const string AuditAction = "help_request.offered";

    /// <summary>Returns how many volunteers were newly offered the request.</summary>
    public async Task<Outcome<int>> OfferAsync(Guid helpRequestId, IReadOnlyList<Guid>? volunteerIds, Guid operatorId, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        var ids = (volunteerIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Outcome.Invalid("volunteerIds", HelpRequestErrors.OfferNobody);
        }

        if (ids.Count > MaxAtOnce)
        {
            return Outcome.Invalid("volunteerIds", HelpRequestErrors.OfferTooMany);
        }

        if (!request.IsQueued)
        {
            return Outcome.Refused(HelpRequestErrors.NotActive);
        }

        if ((await matching.UnsuitableAsync(request, ids, cancellationToken)).Count > 0)
        {
            return Outcome.Invalid("volunteerIds", HelpRequestErrors.OfferVolunteerUnsuitable);
        }

        var already = await db.HelpRequestOffers.Where(o => o.HelpRequestId == request.Id && ids.Contains(o.VolunteerId))
            .Select(o => o.VolunteerId).ToListAsync(cancellationToken);
        var fresh = ids.Except(already).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var volunteers = await db.Accounts.AsNoTracking().Where(a => fresh.Contains(a.Id)).ToListAsync(cancellationToken);
        var category = Translated("HelpCategory_" + request.Category);
        var district = await DistrictAsync(request, cancellationToken);
        var link = outbox.Link($"/help-requests/{request.Id}");
        foreach (var volunteer in volunteers)
        {
            db.HelpRequestOffers.Add(new HelpRequestOffer { HelpRequestId = request.Id, VolunteerId = volunteer.Id, OfferedBy = operatorId, OfferedAt = now });
            await outbox.ToAccountAsync(volunteer, new HelpRequestMessages.HelpOffered(category, district, link), cancellationToken: cancellationToken);
        }

        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = HelpRequestEvent.Offered, ActorId = operatorId });
        audit.Record(AuditAction, "help_request", request.Id.ToString(), request.RegionKato, $"volunteers={volunteers.Count}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another operator offered the same person at the same moment: the key keeps one offer, nothing else is sent.
            db.ChangeTracker.Clear();
            return Outcome.Refused(HelpRequestErrors.OfferConflict);
        }

        return volunteers.Count;
    }

    /// <summary>What everybody may see of where: the locality, or the region's name when none was given.</summary>
    public async Task<LocalizedText> DistrictAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.Locality))
        {
            return new LocalizedText(request.Locality, request.Locality, request.Locality);
        }

        return await db.Regions.AsNoTracking().Where(r => r.Kato == request.RegionKato).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken)
            ?? new LocalizedText(request.RegionKato, request.RegionKato, request.RegionKato);
    }

    private static LocalizedText Translated(string key) =>
        new(Cultures.Text(key, Cultures.Kazakh), Cultures.Text(key, Cultures.Russian), Cultures.Text(key, Cultures.English));
}
