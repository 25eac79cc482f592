using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Home;

/// <summary>The public home for strangers; for a signed-in person their start page, a section for each thing they are.</summary>
[AllowAnonymous]
public sealed class IndexModel(BirgeDb db, StartPage start, Scopes scopes, TimeProvider clock) : PageModel
{
    public int Volunteers { get; private set; }

    public int Regions { get; private set; }

    public DateTime Now { get; private set; }

    public VolunteerStart? Volunteer { get; private set; }

    public CoordinatorStart? Coordinator { get; private set; }

    public StaffStart? Staff { get; private set; }

    public OperatorStart? Operator { get; private set; }

    public CountryStart? Country { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Volunteers = await db.Accounts.CountAsync(a => a.Status == AccountStatus.Active, cancellationToken);
        Regions = await db.Regions.CountAsync(cancellationToken);
        if (Scopes.AccountId(User) is not { } me)
        {
            return;
        }

        Volunteer = await start.VolunteerAsync(me, cancellationToken);
        Coordinator = await start.CoordinatorAsync(me, cancellationToken);
        Staff = await start.StaffAsync(await scopes.StaffRegionsAsync(User, cancellationToken), cancellationToken);
        Operator = await start.OperatorAsync(User, me, cancellationToken);
        if (User.IsInRole(AccountRole.Admin))
        {
            Country = await start.CountryAsync(Volunteers, cancellationToken);
        }
    }
}
