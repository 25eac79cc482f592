using System.Text;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>One of a caller's requests, or a possible duplicate, as the call centre lists it.</summary>
public sealed record CallerRequest(
    Guid Id,
    string TrackingCode,
    string Category,
    HelpRequestStatus Status,
    DateTime CreatedAt,
    string RegionKato,
    string? Locality,
    string? Address,
    string? Name,
    string Language);

/// <summary>What a possible duplicate is compared on: the phone, or the category near the same address.</summary>
public sealed record DuplicateProbe(string? Phone, string? Category, string? RegionKato, string? Address, double? Latitude, double? Longitude, Guid? Except = null);

/// <summary>
/// The call centre's searches: a repeat caller's recent requests (by the phone, over the (Phone, CreatedAt) index), and
/// the open requests a new one may repeat.
/// </summary>
public sealed class HelpRequestLookup(BirgeDb db, TimeProvider clock)
{
    public static readonly TimeSpan CallerHistory = TimeSpan.FromDays(60);

    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(7);

    /// <summary>Two points closer than this are "near the same address".</summary>
    public const double NearKm = 0.3;

    private const int MaxCallerRequests = 20;

    // Requests of one category in one region within a week, compared in memory; enough for the busiest region.
    private const int MaxCandidates = 2000;

    private const int MaxDuplicates = 10;

    /// <summary>The phone's requests of the last 60 days, newest first; <paramref name="phone"/> is normalised (+77…).</summary>
    public async Task<List<CallerRequest>> RepeatCallerAsync(string phone, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - CallerHistory;
        return await db.HelpRequests.AsNoTracking()
            .Where(r => r.Phone == phone && r.CreatedAt >= since)
            .OrderByDescending(r => r.CreatedAt)
            .Take(MaxCallerRequests)
            .Select(r => new CallerRequest(r.Id, r.TrackingCode, r.Category, r.Status, r.CreatedAt, r.RegionKato, r.Locality, r.Address, r.RequesterName, r.Language))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Requests of the last 7 days, not closed, that the probe may repeat: the same phone, or the same category in the
    /// same region at the same address (compared without case, punctuation or spacing) or within 300 m. Newest first.
    /// </summary>
    public async Task<List<CallerRequest>> PossibleDuplicatesAsync(DuplicateProbe probe, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - DuplicateWindow;
        var recent = db.HelpRequests.AsNoTracking()
            .Where(r => r.CreatedAt >= since && r.Id != probe.Except
                && (r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open || r.Status == HelpRequestStatus.Claimed || r.Status == HelpRequestStatus.DoneUnconfirmed));

        var found = new List<CallerRequest>();
        if (probe.Phone is { } phone)
        {
            found.AddRange(await recent.Where(r => r.Phone == phone)
                .OrderByDescending(r => r.CreatedAt)
                .Take(MaxDuplicates)
                .Select(r => new CallerRequest(r.Id, r.TrackingCode, r.Category, r.Status, r.CreatedAt, r.RegionKato, r.Locality, r.Address, r.RequesterName, r.Language))
                .ToListAsync(cancellationToken));
        }

        var address = NormalisedAddress(probe.Address);
        if (probe is { Category: { } category, RegionKato: { } region } && (address.Length > 0 || probe.Latitude is not null))
        {
            var candidates = await recent.Where(r => r.Category == category && r.RegionKato == region && r.Phone != probe.Phone)
                .OrderByDescending(r => r.CreatedAt)
                .Take(MaxCandidates)
                .Select(r => new { Request = new CallerRequest(r.Id, r.TrackingCode, r.Category, r.Status, r.CreatedAt, r.RegionKato, r.Locality, r.Address, r.RequesterName, r.Language), r.Latitude, r.Longitude })
                .ToListAsync(cancellationToken);
            found.AddRange(candidates
                .Where(c => (address.Length > 0 && NormalisedAddress(c.Request.Address) == address)
                    || (probe is { Latitude: { } lat, Longitude: { } lon } && c is { Latitude: { } clat, Longitude: { } clon }
                        && OpportunitySearch.DistanceKm(lat, lon, clat, clon) <= NearKm))
                .Select(c => c.Request)
                .Take(MaxDuplicates));
        }

        return [.. found.DistinctBy(r => r.Id).OrderByDescending(r => r.CreatedAt).Take(MaxDuplicates)];
    }

    /// <summary>"ул. Абая, 10 кв.5" and "Ул Абая 10, кв 5" are the same address: letters and digits, lower case, single spaces.</summary>
    public static string NormalisedAddress(string? address)
    {
        var text = new StringBuilder();
        foreach (var c in (address ?? "").Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(c == 'ё' ? 'е' : c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        return text.ToString().TrimEnd();
    }
}
