using Birge.Web.Data;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Admin;

/// <summary>
/// The audit page in words: what each entry's target is called (an organisation's name, a person's, an opportunity's
/// title), looked up for one page of entries at a time. The API keeps its ids: this is for people reading the page.
/// </summary>
public sealed class AuditNames(BirgeDb db)
{
    /// <summary>The name of each target that still exists, by (target type, target id).</summary>
    public async Task<Dictionary<(string Type, string Id), string>> FindAsync(IEnumerable<AuditItem> items, CancellationToken cancellationToken)
    {
        var ids = items
            .Where(i => i.TargetId is not null && Guid.TryParse(i.TargetId, out _))
            .GroupBy(i => i.TargetType)
            .ToDictionary(g => g.Key, g => g.Select(i => Guid.Parse(i.TargetId!)).Distinct().ToList());
        var names = new Dictionary<(string, string), string>();
        void Add(string type, Guid id, string? name)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                names[(type, id.ToString())] = name;
            }
        }

        List<Guid> Of(string type) => ids.GetValueOrDefault(type) ?? [];
        if (Of("organization") is { Count: > 0 } organizations)
        {
            foreach (var o in await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            {
                Add("organization", o.Id, o.Name);
            }
        }

        if (Of("organization_change") is { Count: > 0 } changes)
        {
            foreach (var c in await db.OrganizationChanges.AsNoTracking().Where(c => changes.Contains(c.Id))
                .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new { c.Id, o.Name }).ToListAsync(cancellationToken))
            {
                Add("organization_change", c.Id, c.Name);
            }
        }

        if (Of("account") is { Count: > 0 } accounts)
        {
            foreach (var a in await db.Accounts.AsNoTracking().Where(a => accounts.Contains(a.Id)).Select(a => new { a.Id, a.FullName }).ToListAsync(cancellationToken))
            {
                Add("account", a.Id, a.FullName);
            }
        }

        if (Of("opportunity") is { Count: > 0 } opportunities)
        {
            foreach (var o in await db.Opportunities.AsNoTracking().Where(o => opportunities.Contains(o.Id)).Select(o => new { o.Id, o.Title }).ToListAsync(cancellationToken))
            {
                Add("opportunity", o.Id, o.Title.Resolve());
            }
        }

        if (Of("shift") is { Count: > 0 } shifts)
        {
            foreach (var s in await db.Shifts.AsNoTracking().Where(s => shifts.Contains(s.Id))
                .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => new { s.Id, s.StartsAt, o.Title }).ToListAsync(cancellationToken))
            {
                Add("shift", s.Id, $"{s.Title.Resolve()}, {KazakhstanTime.FromUtc(s.StartsAt):g}");
            }
        }

        // Applications, check-ins and hours are a volunteer's: they are named after the volunteer.
        if (Of("application") is { Count: > 0 } applications)
        {
            foreach (var a in await db.Applications.AsNoTracking().Where(a => applications.Contains(a.Id))
                .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => new { a.Id, p.FullName }).ToListAsync(cancellationToken))
            {
                Add("application", a.Id, a.FullName);
            }
        }

        if (Of("attendance") is { Count: > 0 } attendances)
        {
            foreach (var a in await db.Attendances.AsNoTracking().Where(a => attendances.Contains(a.Id))
                .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => new { a.Id, p.FullName }).ToListAsync(cancellationToken))
            {
                Add("attendance", a.Id, a.FullName);
            }
        }

        if (Of("hours") is { Count: > 0 } hours)
        {
            foreach (var h in await db.HoursEntries.AsNoTracking().Where(h => hours.Contains(h.Id))
                .Join(db.Accounts, h => h.VolunteerId, p => p.Id, (h, p) => new { h.Id, p.FullName }).ToListAsync(cancellationToken))
            {
                Add("hours", h.Id, h.FullName);
            }
        }

        if (Of("team") is { Count: > 0 } teams)
        {
            foreach (var t in await db.Teams.AsNoTracking().Where(t => teams.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            {
                Add("team", t.Id, t.Name);
            }
        }

        if (Of("call_out") is { Count: > 0 } callOuts)
        {
            foreach (var c in await db.CallOuts.AsNoTracking().Where(c => callOuts.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken))
            {
                Add("call_out", c.Id, c.Title);
            }
        }

        if (Of("help_request") is { Count: > 0 } requests)
        {
            foreach (var r in await db.HelpRequests.AsNoTracking().Where(r => requests.Contains(r.Id)).Select(r => new { r.Id, r.TrackingCode }).ToListAsync(cancellationToken))
            {
                Add("help_request", r.Id, HelpRequests.TrackingCode.Format(r.TrackingCode));
            }
        }

        return names;
    }

    /// <summary>The resource key of an action's words: "hours.confirmed" → Phone_Audit_hours_confirmed.</summary>
    public static string ActionKey(string action) => "Phone_Audit_" + action.Replace('.', '_');

    /// <summary>A refusal at a route is stored as the route ("GET /api/v1/teams"), not as an action code.</summary>
    public static bool IsRoute(string action) => action.Contains(' ', StringComparison.Ordinal) || action.Contains('/', StringComparison.Ordinal);
}
