using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Admin;

/// <summary>What the national admin looks for in the audit log. Dates are days in Kazakhstan's time, both included.</summary>
public sealed class AuditFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Region { get; set; }

    public string? Action { get; set; }

    public Guid? ActorId { get; set; }

    public string? Outcome { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;

    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Days outside <see cref="DateWindow"/> are refused (on "from" and "to") rather than searched.</summary>
    public List<FieldError> Validate(DateTime nowUtc) => DateWindow.Check(From, To, nowUtc);
}

/// <summary>One audit entry as the admin reads it: the actor's name beside their id.</summary>
public sealed record AuditItem(
    long Id,
    DateTime At,
    Guid? ActorId,
    string? ActorName,
    string Action,
    string TargetType,
    string? TargetId,
    string? RegionKato,
    string Outcome,
    string? Details);

public sealed record AuditPage(IReadOnlyList<AuditItem> Items, int Total, int Page, int PageSize);

/// <summary>Reads the audit log, newest first, for the admin page and the API alike.</summary>
public sealed class AuditQuery(BirgeDb db)
{
    /// <summary>Further than anyone pages by hand; keeps the offset far from overflowing.</summary>
    public const int MaxPage = 100_000;

    public async Task<AuditPage> FindAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(filter.Page, 1, MaxPage);
        var pageSize = Math.Clamp(filter.PageSize, 1, AuditFilter.MaxPageSize);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            var region = filter.Region.Trim();
            entries = entries.Where(e => e.RegionKato == region);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            // "organization." finds every decision on organisations; an exact action finds just that. Refusals are
            // stored as "GET /route", so a leading HTTP method is matched in capitals and the rest in lower case.
            var action = NormalizeAction(filter.Action);
            entries = entries.Where(e => e.Action == action || e.Action.StartsWith(action));
        }

        if (filter.ActorId is { } actor)
        {
            entries = entries.Where(e => e.ActorId == actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Outcome))
        {
            var outcome = filter.Outcome.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.Outcome == outcome);
        }

        if (filter.From is { } from)
        {
            var start = StartOfDayUtc(from);
            entries = entries.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries
            // The order it was written in: the log is append-only, and a clock set back or forward cannot reorder it.
            .OrderByDescending(e => e.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var actorIds = rows.Where(e => e.ActorId != null).Select(e => e.ActorId!.Value).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking()
            .Where(a => actorIds.Contains(a.Id))
            .Select(a => new { a.Id, a.FullName })
            .ToDictionaryAsync(a => a.Id, a => a.FullName, cancellationToken);
        var items = rows.Select(e => new AuditItem(
            e.Id, e.At, e.ActorId, e.ActorId is { } id ? names.GetValueOrDefault(id) : null,
            e.Action, e.TargetType, e.TargetId, e.RegionKato, e.Outcome, e.Details)).ToList();
        return new AuditPage(items, total, page, pageSize);
    }

    private static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), KazakhstanTime.Zone);

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static string NormalizeAction(string action)
    {
        action = action.Trim();
        var space = action.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? action : action[..space];
        return Methods.Contains(first, StringComparer.OrdinalIgnoreCase)
            ? first.ToUpperInvariant() + action[first.Length..]
            : action.ToLowerInvariant();
    }
}
