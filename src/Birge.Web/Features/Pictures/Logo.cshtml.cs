using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Pictures;

/// <summary>The organisation's owner and coordinators upload, replace and remove its logo.</summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class LogoModel(PictureUploads uploads, IStringLocalizer<SharedResource> localizer) : PicturePage(uploads, localizer)
{
    public override PictureSubject Subject => PictureSubject.OrganizationLogo;

    public Task<IActionResult> OnGetAsync(Guid organizationId, bool tooLarge, CancellationToken cancellationToken) =>
        ShowAsync(organizationId, tooLarge, cancellationToken);

    public Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken cancellationToken) =>
        UploadAsync(organizationId, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(Guid organizationId, CancellationToken cancellationToken) =>
        RemoveAsync(organizationId, cancellationToken);
}
