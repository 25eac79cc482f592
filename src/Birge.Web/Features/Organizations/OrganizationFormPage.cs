using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Organizations;

/// <summary>What the registration and edit forms share: the input and the lists its fields offer.</summary>
public abstract class OrganizationFormPage(BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public OrganizationInput Input { get; set; } = new();

    public List<SelectListItem> Regions { get; private set; } = [];

    public List<SelectListItem> LegalForms { get; private set; } = [];

    public List<SelectListItem> DirectionOptions { get; private set; } = [];

    /// <summary>The BIN, shown but not editable, on the edit form.</summary>
    public virtual bool BinEditable => true;

    /// <summary>Name, legal form and region: fields for the owner (and the registrant), text for coordinators.</summary>
    public virtual bool LegalDetailsEditable => true;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    protected async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        Regions = [new SelectListItem(localizer["Field_Region_Choose"], "")];
        Regions.AddRange(regions.Select(r => new SelectListItem(r.Name.Resolve(), r.Kato)).OrderBy(i => i.Text, byName));
        LegalForms = [new SelectListItem(localizer["Org_LegalForm_Choose"], "")];
        LegalForms.AddRange(Catalogues.LegalForms.Select(code => new SelectListItem(localizer["LegalForm_" + code], code)));
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(cancellationToken);
        DirectionOptions = [.. directions.Select(d => new SelectListItem(d.Name.Resolve(), d.Code))];
    }
}
