using System.Globalization;
using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.CallCentre;

/// <summary>What the call centre's pages share: whose regions a person works for, and the SLA clock in words.</summary>
public static class CallCentreView
{
    /// <summary>The regions whose front office (staff or operators) the person works for; null means every region.</summary>
    public static async Task<IReadOnlySet<string>?> OfficeRegionsAsync(BirgeDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.IsInRole(AccountRole.Admin))
        {
            return null;
        }

        var id = Scopes.AccountId(user);
        var offices = await db.FrontOfficeStaff.AsNoTracking()
            .Where(s => s.AccountId == id)
            .Select(s => s.FrontOfficeKato)
            .ToListAsync(cancellationToken);
        return offices.Contains(FrontOffice.NationalKato) ? null : offices.ToHashSet();
    }

    /// <summary>"2 h 10 min left", "overdue by 35 min", "paused", or null when no target applies (done, closed).</summary>
    public static string? Clock(HelpRequestStatus status, DateTime? claimDueAt, DateTime? doneDueAt, DateTime? waitingSince, DateTime now, CultureInfo culture)
    {
        var due = status switch
        {
            HelpRequestStatus.New or HelpRequestStatus.Open => claimDueAt,
            HelpRequestStatus.Claimed => doneDueAt,
            _ => null,
        };
        if (due is not { } at)
        {
            return null;
        }

        if (waitingSince is not null)
        {
            return Cultures.Text("CallCentre_Clock_Paused", culture);
        }

        var minutes = (int)Math.Round(Math.Abs((at - now).TotalMinutes), MidpointRounding.AwayFromZero);
        var duration = Durations.Format(Math.Max(minutes, 1), culture);
        return string.Format(culture, Cultures.Text(at > now ? "CallCentre_Clock_Left" : "CallCentre_Clock_Overdue", culture), duration);
    }

    public static string Clock(HelpRequest request, DateTime now, CultureInfo culture) =>
        Clock(request.Status, request.ClaimDueAt, request.DoneDueAt, request.WaitingSince, now, culture) ?? "—";
}
