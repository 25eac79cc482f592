using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Appends privileged actions and refused attempts to the audit log (the database refuses to change an entry).
/// <see cref="Record"/> joins the caller's <c>SaveChanges</c>, so the action and its entry are stored together.
/// </summary>
public sealed class AuditLog(BirgeDb db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(string action, string targetType, string? targetId, string? regionKato, string? details = null) =>
        db.AuditEntries.Add(Entry(action, targetType, targetId, regionKato, AuditEntry.Done, details));

    /// <summary>A refused attempt is stored at once: there is no other change to store it with.</summary>
    public async Task RecordDeniedAsync(string action, string targetType, string? targetId, string? regionKato, CancellationToken cancellationToken, string? details = null)
    {
        db.AuditEntries.Add(Entry(action, targetType, targetId, regionKato, AuditEntry.Denied, details));
        await db.SaveChangesAsync(cancellationToken);
    }

    private AuditEntry Entry(string action, string targetType, string? targetId, string? regionKato, string outcome, string? details) => new()
    {
        At = clock.GetUtcNow().UtcDateTime,
        ActorId = Guid.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
        Action = Clip(action, 256)!,
        TargetType = Clip(targetType, 32)!,
        TargetId = Clip(targetId, 64),
        RegionKato = Region(regionKato),
        Outcome = outcome,
        Details = Clip(details, 2000),
    };

    /// <summary>A refused route's {kato} is whatever was typed: kept as the region only when it can be one (9 digits or "national").</summary>
    private static string? Region(string? kato) =>
        kato is null || kato == FrontOffice.NationalKato || (kato.Length == 9 && kato.All(char.IsAsciiDigit)) ? kato : null;

    /// <summary>Long request paths (a refused URL with a long query) must not make the entry itself fail to store.</summary>
    private static string? Clip(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;
}
