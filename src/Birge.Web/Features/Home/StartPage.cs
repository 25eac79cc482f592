using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Features.Book;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Features.HelpRequests.CallCentre;
using Birge.Web.Features.Notifications;
using Birge.Web.Features.Opportunities;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Home;

/// <summary>What every signed-in person has: their next shift, hours, applications waiting, things near them, notices.</summary>
public sealed record VolunteerStart(
    MyShift? Next,
    int MinutesThisYear,
    IReadOnlyList<MyShift> Waiting,
    string RegionKato,
    IReadOnlyList<OpportunityHit> Near,
    IReadOnlyList<InboxItem> Notices,
    int Unread);

/// <summary>An organisation the person acts for, with their role in it.</summary>
public sealed record MyOrganization(Guid Id, string Name, string Role);

/// <summary>A coming shift of one of the person's organisations, with its seats.</summary>
public sealed record ComingShift(Guid ShiftId, Guid OpportunityId, LocalizedText Title, DateTime StartsAt, DateTime EndsAt, int Taken, int Capacity);

/// <summary>A shift that has begun whose volunteers checked in but have no hours yet.</summary>
public sealed record HoursWaiting(Guid ShiftId, LocalizedText Title, DateTime StartsAt, int Volunteers);

public sealed record CoordinatorStart(IReadOnlyList<MyOrganization> Organizations, IReadOnlyList<ComingShift> Shifts, IReadOnlyList<HoursWaiting> Hours);

/// <summary>A front office's queues over the regions the person covers.</summary>
public sealed record StaffStart(int Regions, int OrganizationsToVerify, int ChangesToReview, int HelpNew, int HelpOverdue);

/// <summary>The call centre's counts over the regions of the operator's office.</summary>
public sealed record OperatorStart(int New, int Open, int Claimed, int Overdue);

public sealed record CountryStart(int Volunteers, int Organizations, int OrganizationsPending, int Opportunities, int HelpOpen, int HelpOverdue);

/// <summary>
/// The start page at <c>/</c> for a signed-in person: a section for each thing the person is. Each section reads
/// through the services its own pages use (my shifts, the book, the inbox, the search, the help-request counts), and
/// every list is bounded.
/// </summary>
public sealed class StartPage(BirgeDb db, Rosters rosters, VolunteerBook book, Inbox inbox, OpportunitySearch search, HelpRequestCounts helpCounts, TimeProvider clock)
{
    public const int NearShown = 3;
    public const int NoticesShown = 3;
    public const int OrganizationsShown = 20;
    public const int ShiftsShown = 10;
    public const int WaitingShown = 10;

    /// <summary>How far back a shift's unconfirmed hours are still shown as waiting.</summary>
    public static readonly TimeSpan HoursWindow = TimeSpan.FromDays(30);

    public async Task<VolunteerStart> VolunteerAsync(Guid me, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (mine, _) = await rosters.MineAsync(me, 1, MyShiftsModel.Shown, cancellationToken);
        var coming = mine.Where(s => s.EndsAt > now && !s.OpportunityCancelled).OrderBy(s => s.StartsAt).ToList();
        var year = KazakhstanTime.FromUtc(now).Year;
        var entries = await book.EntriesAsync(me, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken);
        var region = await db.Accounts.AsNoTracking().Where(a => a.Id == me).Select(a => a.RegionKato).FirstAsync(cancellationToken);
        var (near, _) = await search.SearchAsync(new OpportunityQuery(Region: region, PageSize: NearShown), cancellationToken);
        var notices = await inbox.PageAsync(me, unreadOnly: true, 1, cancellationToken);
        return new VolunteerStart(
            coming.FirstOrDefault(s => s.Status == ApplicationStatus.Accepted),
            entries.Sum(e => e.Minutes),
            [.. coming.Where(s => s.Status is ApplicationStatus.Pending or ApplicationStatus.Waitlisted)],
            region,
            near,
            [.. notices.Items.Take(NoticesShown)],
            notices.Unread);
    }

    /// <summary>The organisations the person owns or coordinates, by name; the menu asks for two to tell one from several.</summary>
    public async Task<List<MyOrganization>> OrganizationsAsync(Guid me, int take, CancellationToken cancellationToken) =>
        await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.AccountId == me)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { o.Id, o.Name, m.Role })
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Take(take)
            .Select(o => new MyOrganization(o.Id, o.Name, o.Role))
            .ToListAsync(cancellationToken);

    public async Task<CoordinatorStart?> CoordinatorAsync(Guid me, CancellationToken cancellationToken)
    {
        var organizations = await OrganizationsAsync(me, OrganizationsShown, cancellationToken);
        if (organizations.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - HoursWindow;
        var ids = organizations.Select(o => o.Id).ToList();
        var theirs = db.Opportunities.AsNoTracking().Where(o => ids.Contains(o.OrganizationId) && o.Status != OpportunityStatus.Cancelled);
        var shifts = await db.Shifts.AsNoTracking()
            .Where(s => s.EndsAt > now)
            .Join(theirs.Where(o => o.Status == OpportunityStatus.Published), s => s.OpportunityId, o => o.Id, (s, o) => new { s, o })
            .OrderBy(x => x.s.StartsAt).ThenBy(x => x.s.Id)
            .Take(ShiftsShown)
            .Select(x => new ComingShift(x.s.Id, x.o.Id, x.o.Title, x.s.StartsAt, x.s.EndsAt, x.s.Taken, x.s.Capacity))
            .ToListAsync(cancellationToken);

        // Checked in, not yet counted: what the shift's hours page asks the coordinator to confirm.
        var waiting = await db.Attendances.AsNoTracking()
            .Join(db.Shifts.Where(s => s.StartsAt <= now && s.EndsAt > since), a => a.ShiftId, s => s.Id, (a, s) => new { a, s.OpportunityId })
            .Join(theirs, x => x.OpportunityId, o => o.Id, (x, o) => x.a)
            .Where(a => !db.HoursEntries.Any(h => h.ShiftId == a.ShiftId && h.VolunteerId == a.VolunteerId))
            .GroupBy(a => a.ShiftId)
            .Select(g => new { ShiftId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.ShiftId)
            .Take(WaitingShown)
            .ToListAsync(cancellationToken);
        var waitingIds = waiting.Select(w => w.ShiftId).ToList();
        var titles = await db.Shifts.AsNoTracking()
            .Where(s => waitingIds.Contains(s.Id))
            .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => new { s.Id, o.Title, s.StartsAt })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        return new CoordinatorStart(
            organizations,
            shifts,
            [.. waiting.Select(w => new HoursWaiting(w.ShiftId, titles[w.ShiftId].Title, titles[w.ShiftId].StartsAt, w.Count)).OrderBy(w => w.StartsAt)]);
    }

    /// <summary>Null when the person is not front-office staff; all regions for the national office and the admin.</summary>
    public async Task<StaffStart?> StaffAsync(IReadOnlySet<string>? covered, CancellationToken cancellationToken)
    {
        if (covered is { Count: 0 })
        {
            return null;
        }

        var katos = covered is null ? await db.Regions.AsNoTracking().Select(r => r.Kato).ToListAsync(cancellationToken) : [.. covered];
        var organizations = await db.Organizations.CountAsync(o => katos.Contains(o.RegionKato) && o.Status == OrganizationStatus.Pending, cancellationToken);
        var changes = await db.OrganizationChanges.CountAsync(c => katos.Contains(c.RegionKato) && c.Status == OrganizationChangeStatus.Pending, cancellationToken);
        var help = await helpCounts.ForRegionsAsync(katos, cancellationToken);
        return new StaffStart(katos.Count, organizations, changes, help.Sum(h => h.New), help.Sum(h => h.Overdue));
    }

    /// <summary>Null unless the person is a call-centre operator of some office.</summary>
    public async Task<OperatorStart?> OperatorAsync(ClaimsPrincipal user, Guid me, CancellationToken cancellationToken)
    {
        if (!await db.FrontOfficeStaff.AnyAsync(s => s.AccountId == me && s.Role == FrontOfficeStaff.Operator, cancellationToken))
        {
            return null;
        }

        var covered = await CallCentreView.OfficeRegionsAsync(db, user, cancellationToken);
        var katos = covered is null ? await db.Regions.AsNoTracking().Select(r => r.Kato).ToListAsync(cancellationToken) : [.. covered];
        var help = await helpCounts.ForRegionsAsync(katos, cancellationToken);
        return new OperatorStart(help.Sum(h => h.New), help.Sum(h => h.Open), help.Sum(h => h.Claimed), help.Sum(h => h.Overdue));
    }

    public async Task<CountryStart> CountryAsync(int volunteers, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organizations = await db.Organizations.CountAsync(o => o.Status == OrganizationStatus.Verified, cancellationToken);
        var pending = await db.Organizations.CountAsync(o => o.Status == OrganizationStatus.Pending, cancellationToken);
        var opportunities = await db.Opportunities.CountAsync(o => o.Status == OpportunityStatus.Published && o.EndsAt > now, cancellationToken);
        var katos = await db.Regions.AsNoTracking().Select(r => r.Kato).ToListAsync(cancellationToken);
        var help = await helpCounts.ForRegionsAsync(katos, cancellationToken);
        return new CountryStart(volunteers, organizations, pending, opportunities, help.Sum(h => h.New + h.Open + h.Claimed), help.Sum(h => h.Overdue));
    }

    /// <summary>"today, 09:00", "tomorrow, 09:00" or the day in full, in Kazakhstan time.</summary>
    public static string When(DateTime startsAtUtc, DateTime nowUtc, Func<string, string> text)
    {
        var start = KazakhstanTime.FromUtc(startsAtUtc);
        var days = (start.Date - KazakhstanTime.FromUtc(nowUtc).Date).Days;
        var time = start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return days switch
        {
            <= 0 => string.Format(System.Globalization.CultureInfo.CurrentCulture, text("Start_When_Today"), time),
            1 => string.Format(System.Globalization.CultureInfo.CurrentCulture, text("Start_When_Tomorrow"), time),
            _ => start.ToString("dddd, d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.CurrentCulture),
        };
    }
}
