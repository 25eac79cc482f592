using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

/// <summary>The fair of organisations: every verified organisation, searchable and filterable by GET links that can be shared.</summary>
[AllowAnonymous]
public sealed class IndexModel(OrganizationDirectory directory, BirgeDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "direction")]
    public string? Direction { get; set; }

    public int CurrentPage { get; private set; } = 1;

    public int Total { get; private set; }

    public int PageCount { get; private set; }

    public List<Organization> Items { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public Dictionary<string, string> DirectionNames { get; private set; } = [];

    public List<SelectListItem> Regions { get; private set; } = [];

    public List<SelectListItem> Directions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        Regions = [.. RegionNames.Select(r => new SelectListItem(r.Value, r.Key, r.Key == Region)).OrderBy(i => i.Text, byName)];
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(cancellationToken);
        DirectionNames = directions.ToDictionary(d => d.Code, d => d.Name.Resolve());
        Directions = [.. directions.Select(d => new SelectListItem(d.Name.Resolve(), d.Code, d.Code == Direction))];

        // "page" names the Razor page in route values, so the number is read from the query itself.
        CurrentPage = OrganizationDirectory.ClampPage(int.TryParse(Request.Query["page"], CultureInfo.InvariantCulture, out var number) ? number : null);
        var query = new DirectoryQuery(Q, Region, Direction, OrganizationStatus.Verified, CurrentPage, OrganizationDirectory.DefaultPageSize);
        (Items, Total) = await directory.SearchAsync(query, cancellationToken);
        PageCount = Math.Max(1, (Total + OrganizationDirectory.DefaultPageSize - 1) / OrganizationDirectory.DefaultPageSize);
    }

    /// <summary>This search on another page: the filters stay in the link.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query["q"] = Q.Trim();
        }

        if (!string.IsNullOrWhiteSpace(Region))
        {
            query["region"] = Region;
        }

        if (!string.IsNullOrWhiteSpace(Direction))
        {
            query["direction"] = Direction;
        }

        if (page > 1)
        {
            query["page"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString("/organizations", query);
    }
}
