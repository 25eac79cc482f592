using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Applications;

/// <summary>One of a volunteer's applications, with what the "my shifts" page and the API show about it.</summary>
public sealed record MyShift(
    Guid ApplicationId,
    Guid ShiftId,
    Guid OpportunityId,
    LocalizedText Title,
    string? Address,
    bool Online,
    DateTime StartsAt,
    DateTime EndsAt,
    LocalizedText Role,
    ApplicationStatus Status,
    DateTime AppliedAt,
    bool OpportunityCancelled)
{
    public int? WaitlistPosition { get; set; }
}

/// <summary>
/// A person on a shift's roster. Contacts are there only when the volunteer chose to share them, marked when not
/// confirmed (anyone can type someone else's address at sign-up).
/// </summary>
public sealed record RosterEntry(
    Guid ApplicationId,
    Guid VolunteerId,
    string FullName,
    string? Email,
    string? Phone,
    int? Age,
    ApplicationStatus Status,
    DateTime AppliedAt,
    bool EmailConfirmed,
    bool PhoneConfirmed);

public sealed record Roster(Shift Shift, Opportunity Opportunity, string OrganizationName, IReadOnlyList<RosterEntry> Entries)
{
    public IEnumerable<RosterEntry> Accepted => Entries.Where(e => e.Status == ApplicationStatus.Accepted).OrderBy(e => e.FullName, StringComparer.CurrentCulture);

    public IEnumerable<RosterEntry> Pending => Entries.Where(e => e.Status == ApplicationStatus.Pending).OrderBy(e => e.AppliedAt);

    /// <summary>In the order seats will be offered.</summary>
    public IEnumerable<RosterEntry> Waitlist => Entries.Where(e => e.Status == ApplicationStatus.Waitlisted).OrderBy(e => e.AppliedAt).ThenBy(e => e.ApplicationId);
}

/// <summary>Who is on which shift: a volunteer's own list and a coordinator's roster (page, API and CSV).</summary>
public sealed class Rosters(BirgeDb db, TimeProvider clock)
{
    private static readonly string[] CsvHeaders =
        ["Apply_Csv_Name", "Apply_Csv_Status", "Apply_Csv_Position", "Apply_Csv_Age", "Apply_Csv_Email", "Apply_Csv_Phone", "Apply_Csv_AppliedAt"];

    public async Task<(List<MyShift> Items, int Total)> MineAsync(Guid volunteerId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking()
            .Where(a => a.VolunteerId == volunteerId)
            .Join(db.Shifts, a => a.ShiftId, s => s.Id, (a, s) => new { a, s })
            .Join(db.Opportunities, x => x.s.OpportunityId, o => o.Id, (x, o) => new { x.a, x.s, o });
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(x => x.s.StartsAt)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(x => new MyShift(x.a.Id, x.s.Id, x.o.Id, x.o.Title, x.o.Address, x.o.Online, x.s.StartsAt, x.s.EndsAt, x.s.Role, x.a.Status, x.a.AppliedAt, x.o.Status == OpportunityStatus.Cancelled))
            .ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.Status == ApplicationStatus.Waitlisted))
        {
            row.WaitlistPosition = 1 + await db.Applications.CountAsync(
                a => a.ShiftId == row.ShiftId && a.Status == ApplicationStatus.Waitlisted && a.Id != row.ApplicationId && a.AppliedAt < row.AppliedAt,
                cancellationToken);
        }

        return (rows, total);
    }

    /// <summary>The shift's roster whatever the opportunity's status; null for an unknown shift.</summary>
    public async Task<Roster?> RosterAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        var found = await db.Shifts.AsNoTracking()
            .Where(s => s.Id == shiftId)
            .Join(db.Opportunities.AsNoTracking(), s => s.OpportunityId, o => o.Id, (s, o) => new { s, o })
            .Join(db.Organizations, x => x.o.OrganizationId, g => g.Id, (x, g) => new { x.s, x.o, g.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.ShiftId == shiftId && a.Status != ApplicationStatus.Cancelled)
            .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => new { a, p })
            .GroupJoin(db.VolunteerProfiles, x => x.a.VolunteerId, v => v.AccountId, (x, v) => new { x.a, x.p, v })
            .SelectMany(x => x.v.DefaultIfEmpty(), (x, v) => new
            {
                x.a.Id,
                x.a.VolunteerId,
                x.a.Status,
                x.a.AppliedAt,
                x.p.FullName,
                x.p.Email,
                x.p.Phone,
                x.p.EmailConfirmed,
                x.p.PhoneConfirmed,
                x.p.BirthDate,
                ShowContacts = v != null && v.ShowContactsToOrganisers,
                ShowAge = v == null || v.ShowAgeToOrganisers,
            })
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var entries = rows.Select(r => new RosterEntry(
            r.Id,
            r.VolunteerId,
            r.FullName ?? "—",
            r.ShowContacts ? r.Email : null,
            r.ShowContacts ? r.Phone : null,
            r.ShowAge && r.BirthDate is { } born ? Account.AgeOn(born, today) : null,
            r.Status,
            r.AppliedAt,
            r.EmailConfirmed,
            r.PhoneConfirmed)).ToList();
        return new Roster(found.s, found.o, found.Name, entries);
    }

    /// <summary>
    /// The roster as CSV for Excel: UTF-8 with a byte-order mark (so Kazakh letters show), headers in the reader's
    /// language, times in Kazakhstan time. Cells that Excel would run as formulas are escaped.
    /// </summary>
    public static byte[] Csv(Roster roster, Func<string, string> text)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord([.. CsvHeaders.Select(text)]);
            var position = 0;
            foreach (var entry in roster.Accepted.Concat(roster.Pending).Concat(roster.Waitlist).Concat(roster.Entries.Where(e => e.Status == ApplicationStatus.Declined)))
            {
                csv.WriteRecord(
                [
                    entry.FullName,
                    text("Apply_Status_" + entry.Status),
                    entry.Status == ApplicationStatus.Waitlisted ? (++position).ToString(CultureInfo.InvariantCulture) : "",
                    entry.Age?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Contact(entry.Email, entry.EmailConfirmed, text),
                    Contact(entry.Phone, entry.PhoneConfirmed, text),
                    KazakhstanTime.FromUtc(entry.AppliedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ]);
            }
        }

        return stream.ToArray();
    }

    private static string Contact(string? contact, bool confirmed, Func<string, string> text) =>
        contact is null ? "" : confirmed ? contact : $"{contact} ({text("Account_NotConfirmed")})";
}
