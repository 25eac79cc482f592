using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Home;

[AllowAnonymous]
public sealed class IndexModel(BirgeDb db) : PageModel
{
    public int Volunteers { get; private set; }

    public int Regions { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Volunteers = await db.Accounts.CountAsync(a => a.Status == AccountStatus.Active, cancellationToken);
        Regions = await db.Regions.CountAsync(cancellationToken);
    }
}
