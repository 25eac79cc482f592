using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.CallOuts;

/// <summary>
/// A region's call-outs and the "new call-out" form for its staff (and the national office's): "preview" says how many
/// people the first wave reaches and how many SMS parts its text takes, sending nothing; "send" sends it.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class IndexModel(BirgeDb db, CallOutDispatch dispatch, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal) { ["regionKato"] = "" };

    [BindProperty]
    public CallOutForm Input { get; set; } = new();

    public string Kato { get; private set; } = "";

    public string RegionName { get; private set; } = "";

    public List<CallOut> CallOuts { get; private set; } = [];

    public List<Team> Teams { get; private set; } = [];

    public List<Region> OtherRegions { get; private set; } = [];

    /// <summary>After "preview": whom the first wave reaches, and the SMS's parts.</summary>
    public (int People, int SmsParts, string Sms)? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kato, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kato, cancellationToken))
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Input.StartsAt = CallOutForm.Local(now.AddHours(3));
        Input.AnswerBy = CallOutForm.Local(now.AddHours(1));
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string kato, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kato, cancellationToken))
        {
            return NotFound();
        }

        var preview = await dispatch.PreviewAsync(Input.ToInput(kato), User, cancellationToken);
        if (preview.Value is not { } value)
        {
            ModelState.AddRefusal(preview, localizer, Renames);
            return Page();
        }

        var c = value.CallOut;
        var sms = new CallOutMessages.CallOutSent(c.Title, c.Place, c.StartsAt, c.ShortCode, $"{Request.Scheme}://{Request.Host}/call-outs/{c.Id}")
            .Text(MessagePart.Sms, System.Globalization.CultureInfo.CurrentUICulture);
        Preview = (value.Recipients, SmsParts.Count(sms), sms);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kato, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kato, cancellationToken))
        {
            return NotFound();
        }

        var sent = await dispatch.SendAsync(Input.ToInput(kato), User, cancellationToken);
        if (sent.Value is not { } value)
        {
            ModelState.AddRefusal(sent, localizer, Renames);
            return Page();
        }

        TempData["Status"] = "CallOut_Sent_Notice";
        return RedirectToPage("/CallOuts/Board", new { kato, callOutId = value.CallOut.Id });
    }

    private async Task<bool> LoadAsync(string kato, CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        if (regions.FirstOrDefault(r => r.Kato == kato) is not { } region)
        {
            return false;
        }

        Kato = kato;
        RegionName = region.Name.Resolve();
        OtherRegions = [.. regions.Where(r => r.Kato != kato).OrderBy(r => r.Name.Resolve(), StringComparer.CurrentCulture)];
        Teams = await db.Teams.AsNoTracking().Where(t => t.RegionKato == kato).OrderBy(t => t.Standby).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        CallOuts = await db.CallOuts.AsNoTracking().Where(c => c.RegionKato == kato).OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(cancellationToken);
        return true;
    }
}
