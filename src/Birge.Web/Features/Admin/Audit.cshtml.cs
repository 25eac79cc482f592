using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Features.FrontOffices;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Admin;

/// <summary>The national admin reads the audit log: filters, newest first, 50 a page. Nothing here changes it.</summary>
[Authorize(Policy = Policies.NationalAdmin)]
public sealed class AuditModel(
    BirgeDb db,
    AuditQuery query,
    AccountLookup lookup,
    AuditNames auditNames,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    // Named, so that with no "Input." in the query the binder does not fall back to the route's own "page" value
    // ("/Admin/Audit") for Input.Page and report it as not valid.
    [BindProperty(SupportsGet = true, Name = "Input")]
    public AuditSearch Input { get; set; } = new();

    public AuditPage Result { get; private set; } = new([], 0, 1, AuditFilter.DefaultPageSize);

    public List<SelectListItem> RegionItems { get; private set; } = [];

    public List<SelectListItem> OutcomeItems { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    /// <summary>The targets' names, by (type, id), for the page shown.</summary>
    public Dictionary<(string Type, string Id), string> TargetNames { get; private set; } = [];

    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        RegionItems = [new SelectListItem(localizer["Audit_Any"], "")];
        RegionItems.AddRange(regions
            .Select(r => new SelectListItem(RegionNames[r.Kato], r.Kato))
            .OrderBy(i => i.Text, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)));
        OutcomeItems =
        [
            new SelectListItem(localizer["Audit_Any"], ""),
            new SelectListItem(localizer["Audit_Outcome_" + AuditEntry.Done], AuditEntry.Done),
            new SelectListItem(localizer["Audit_Outcome_" + AuditEntry.Denied], AuditEntry.Denied),
        ];

        // A bad date is reported by model binding next to its field; show what can be shown.
        var filter = new AuditFilter
        {
            Region = Input.Region,
            Action = Input.Action,
            Outcome = Input.Outcome,
            From = ModelState.GetValidationState("Input.From") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : Input.From,
            To = ModelState.GetValidationState("Input.To") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : Input.To,
            Page = Input.Page,
        };
        foreach (var error in filter.Validate(clock.GetUtcNow().UtcDateTime))
        {
            ModelState.AddFieldErrors([error], localizer);
            if (error.Field == "from")
            {
                filter.From = null;
            }
            else
            {
                filter.To = null;
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.Actor))
        {
            var actor = await lookup.FindByLoginAsync(Input.Actor, cancellationToken);
            if (actor is null)
            {
                ModelState.AddError("Input.Actor", FrontOfficeErrors.AccountNotFound, localizer);
                return;
            }

            filter.ActorId = actor.Id;
        }

        Result = await query.FindAsync(filter, cancellationToken);
        TargetNames = await auditNames.FindAsync(Result.Items, cancellationToken);
    }

    /// <summary>What was done, in words; a refused route is named as the request it was.</summary>
    public string ActionText(string action)
    {
        if (AuditNames.IsRoute(action))
        {
            return localizer["Phone_Audit_Route", action];
        }

        var words = localizer[AuditNames.ActionKey(action)];
        return words.ResourceNotFound ? action : words.Value;
    }

    /// <summary>What it was done to: the kind of thing in words and, where it still exists, its name.</summary>
    public string TargetText(AuditItem e)
    {
        var kind = localizer["Phone_AuditTarget_" + e.TargetType];
        var type = kind.ResourceNotFound ? e.TargetType : kind.Value;
        var name = e.TargetId is null ? null
            : e.TargetType == "region" ? RegionNames.GetValueOrDefault(e.TargetId)
            : TargetNames.GetValueOrDefault((e.TargetType, e.TargetId));
        return name is null ? type : $"{type}: {name}";
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var values = new Dictionary<string, string?>
        {
            ["Input.Region"] = Input.Region,
            ["Input.Action"] = Input.Action,
            ["Input.Actor"] = Input.Actor,
            ["Input.Outcome"] = Input.Outcome,
            ["Input.From"] = Input.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.To"] = Input.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Page"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            "/admin/audit", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}

public sealed class AuditSearch
{
    public string? Region { get; set; }

    public string? Action { get; set; }

    /// <summary>The actor's e-mail or phone.</summary>
    public string? Actor { get; set; }

    public string? Outcome { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;
}
