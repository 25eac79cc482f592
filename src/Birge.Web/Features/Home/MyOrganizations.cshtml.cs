using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Home;

/// <summary>"My organisation" for a person who acts for several: each with its role and its manage page.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class MyOrganizationsModel(StartPage start) : PageModel
{
    public const int Shown = 100;

    public List<MyOrganization> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organizations = await start.OrganizationsAsync(Scopes.AccountId(User)!.Value, Shown, cancellationToken);
}
