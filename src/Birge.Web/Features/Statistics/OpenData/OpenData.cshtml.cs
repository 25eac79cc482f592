using Birge.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// <c>/open-data</c>: what each table holds and its columns, the latest and dated files, the licence with the words to
/// name the source, when the files are published, and how the figures are made. No script; public.
/// </summary>
[AllowAnonymous]
public sealed class OpenDataModel(BirgeDb db) : PageModel
{
    /// <summary>How many earlier publications the page lists (every one stays at its address).</summary>
    public const int EarlierShown = 14;

    /// <summary>The published snapshots, the latest first.</summary>
    public IReadOnlyList<DateOnly> Published { get; private set; } = [];

    public DateOnly? Latest => Published.Count > 0 ? Published[0] : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Published = await OpenDataApi.PublishedAsync(db, cancellationToken);

    public static string Dated(DateOnly date, string file) => $"/open-data/{date:yyyy-MM-dd}/{file}";
}
