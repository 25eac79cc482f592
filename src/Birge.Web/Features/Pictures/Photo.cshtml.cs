using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Pictures;

/// <summary>The owner and coordinators of the organisation that offers an opportunity upload, replace and remove its photo.</summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class PhotoModel(PictureUploads uploads, IStringLocalizer<SharedResource> localizer) : PicturePage(uploads, localizer)
{
    public override PictureSubject Subject => PictureSubject.OpportunityPhoto;

    public Task<IActionResult> OnGetAsync(Guid opportunityId, bool tooLarge, CancellationToken cancellationToken) =>
        ShowAsync(opportunityId, tooLarge, cancellationToken);

    public Task<IActionResult> OnPostAsync(Guid opportunityId, CancellationToken cancellationToken) =>
        UploadAsync(opportunityId, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(Guid opportunityId, CancellationToken cancellationToken) =>
        RemoveAsync(opportunityId, cancellationToken);
}
