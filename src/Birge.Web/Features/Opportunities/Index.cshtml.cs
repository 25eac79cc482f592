using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// Finding something to do: the same search as <c>GET /api/v1/opportunities</c>, driven by a GET form whose
/// address can be shared (<c>?q=…&amp;region=…&amp;p=2</c>).
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = SearchResults.Policy)]
public sealed class IndexModel(OpportunitySearch search, BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public OpportunityQuery Query { get; private set; } = new();

    public int Total { get; private set; }

    public int PageCount { get; private set; }

    public List<OpportunityHit> Items { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<SelectListItem> Regions { get; private set; } = [];

    public List<SelectListItem> Directions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = Read();
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        Regions = [.. RegionNames.Select(r => new SelectListItem(r.Value, r.Key, r.Key == Query.Region)).OrderBy(i => i.Text, byName)];
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(cancellationToken);
        Directions = [.. directions.Select(d => new SelectListItem(d.Name.Resolve(), d.Code, d.Code == Query.Direction))];

        var errors = search.Validate(Query);
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, localizer[error.Message]);
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        (Items, Total) = await search.SearchAsync(Query, User, cancellationToken);
        PageCount = Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);
    }

    /// <summary>The query string as the API reads it; a value that does not parse is shown as an error.</summary>
    private OpportunityQuery Read()
    {
        var query = Request.Query;
        string? Text(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();

        double? Number(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            ModelState.AddError(name, ErrorCodes.ValueInvalid, localizer);
            return null;
        }

        DateOnly? Day(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            ModelState.AddError(name, ErrorCodes.ValueInvalid, localizer);
            return null;
        }

        var age = Number("age");
        var page = int.TryParse(Text("p"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        return new OpportunityQuery(
            Text("q"),
            Text("region"),
            Text("direction"),
            Day("from"),
            Day("to"),
            Number("lat"),
            Number("lon"),
            Number("radiusKm"),
            age is null ? null : (int)Math.Clamp(Math.Floor(age.Value), -1, 1000),
            Text("free") is "true" or "on" or "1",
            OpportunitySearch.ClampPage(page));
    }

    /// <summary>What was typed in the field, so a refused search comes back as the person wrote it.</summary>
    public string? Typed(string name) => Request.Query[name].FirstOrDefault();

    /// <summary>The refusals shown next to a field, or null.</summary>
    public string? ErrorFor(string name) =>
        ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>This search on another page: the filters stay in the link.</summary>
    public string PageLink(int page)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (key, value) in Request.Query)
        {
            if (key != "p" && !string.IsNullOrWhiteSpace(value))
            {
                values[key] = value.ToString();
            }
        }

        if (page > 1)
        {
            values["p"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString("/opportunities", values);
    }
}
