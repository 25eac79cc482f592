using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.CallCentre;

/// <summary>
/// The call centre's queue: the active requests of the person's regions (every region for the national office), by
/// language and status, the soonest SLA breach first (overdue at the top, paused ones after the running ones, those
/// awaiting the call-back last). The list shows no name, phone or address, so reading it is not audited.
/// </summary>
[Authorize(Policy = Policies.RegionStaffOrOperator)]
public sealed class QueueModel(BirgeDb db, TimeProvider clock) : PageModel
{
    public const int QueueSize = 200;

    /// <summary>The statuses the queue shows, as the filter names them; "waiting" is a running request whose clock is paused.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["new", "open", "claimed", "waiting", "done_unconfirmed"];

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public List<QueueRow> Queue { get; private set; } = [];

    public int Total { get; private set; }

    public Dictionary<string, int> Counts { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    /// <summary>The regions the filter offers; empty when the person works for one region only.</summary>
    public List<string> Choices { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var covered = await CallCentreView.OfficeRegionsAsync(db, User, cancellationToken);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        var mine = regions.Select(r => r.Kato).Where(k => covered is null || covered.Contains(k)).ToList();
        if (mine.Count > 1)
        {
            Choices = [.. mine.OrderBy(k => RegionNames[k], StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
        }

        if (!string.IsNullOrEmpty(Region) && mine.Contains(Region))
        {
            mine = [Region];
        }
        else
        {
            Region = null;
        }

        Language = HelpCategories.Languages.Contains(Language ?? "") ? Language : null;
        Status = Statuses.Contains(Status ?? "") ? Status : null;

        var active = db.HelpRequests.AsNoTracking()
            .Where(r => mine.Contains(r.RegionKato)
                && (r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open
                    || r.Status == HelpRequestStatus.Claimed || r.Status == HelpRequestStatus.DoneUnconfirmed));
        if (Language is { } language)
        {
            active = active.Where(r => r.Language == language);
        }

        var counts = await active
            .GroupBy(r => new { r.Status, Waiting = r.WaitingSince != null })
            .Select(g => new { g.Key.Status, g.Key.Waiting, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = Statuses.ToDictionary(s => s, s => counts.Where(c => Name(c.Status, c.Waiting) == s).Sum(c => c.Count));

        var shown = Status switch
        {
            "new" => active.Where(r => r.Status == HelpRequestStatus.New && r.WaitingSince == null),
            "open" => active.Where(r => r.Status == HelpRequestStatus.Open && r.WaitingSince == null),
            "claimed" => active.Where(r => r.Status == HelpRequestStatus.Claimed && r.WaitingSince == null),
            "waiting" => active.Where(r => r.WaitingSince != null && r.Status != HelpRequestStatus.DoneUnconfirmed),
            "done_unconfirmed" => active.Where(r => r.Status == HelpRequestStatus.DoneUnconfirmed),
            _ => active,
        };
        Total = await shown.CountAsync(cancellationToken);

        // The next target: claimed by ClaimDueAt while queued, done by DoneDueAt once claimed, none once done.
        Queue = await shown
            .Select(r => new
            {
                r.Id,
                r.TrackingCode,
                r.Category,
                r.Urgency,
                r.RegionKato,
                r.Locality,
                r.Language,
                r.Status,
                r.ClaimDueAt,
                r.DoneDueAt,
                r.WaitingSince,
                Due = r.Status == HelpRequestStatus.Claimed ? r.DoneDueAt : r.Status == HelpRequestStatus.DoneUnconfirmed ? null : r.ClaimDueAt,
            })
            .OrderBy(r => r.Due == null)
            .ThenBy(r => r.WaitingSince != null)
            .ThenBy(r => r.Due)
            .ThenBy(r => r.TrackingCode)
            .Take(QueueSize)
            .Select(r => new QueueRow(r.Id, r.TrackingCode, r.Category, r.Urgency, r.RegionKato, r.Locality, r.Language, r.Status, r.ClaimDueAt, r.DoneDueAt, r.WaitingSince))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A status as the queue names it: a running request whose clock is paused is "waiting".</summary>
    public static string Name(HelpRequestStatus status, bool waiting) =>
        waiting && status != HelpRequestStatus.DoneUnconfirmed ? "waiting" : status.ApiName();
}

public sealed record QueueRow(
    Guid Id,
    string TrackingCode,
    string Category,
    HelpUrgency Urgency,
    string RegionKato,
    string? Locality,
    string Language,
    HelpRequestStatus Status,
    DateTime? ClaimDueAt,
    DateTime? DoneDueAt,
    DateTime? WaitingSince);
