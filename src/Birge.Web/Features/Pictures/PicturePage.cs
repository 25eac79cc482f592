using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Pictures;

public sealed class PictureInput
{
    public IFormFile? File { get; set; }

    public string? AltKk { get; set; }

    public string? AltRu { get; set; }

    public string? AltEn { get; set; }
}

/// <summary>
/// The page of one logo or photo: shows the current one, takes a new one with its alt text in three languages, removes
/// it. <see cref="LogoModel"/> and <see cref="PhotoModel"/> only say whose picture it is.
/// </summary>
[PictureFormLimit]
public abstract class PicturePage(PictureUploads uploads, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PictureInput Input { get; set; } = new();

    public PictureOwner Owner { get; private set; } = null!;

    public Picture? Current { get; private set; }

    public abstract PictureSubject Subject { get; }

    /// <summary>The page's own address, where the form posts and the refusal of a too-large upload comes back to.</summary>
    public string Address => Request.Path;

    protected async Task<IActionResult> ShowAsync(Guid ownerId, bool tooLarge, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(ownerId, cancellationToken))
        {
            return NotFound();
        }

        if (tooLarge)
        {
            ModelState.AddError("Input.File", PictureErrors.TooLarge, localizer);
        }
        else if (Current is not null)
        {
            Input = new PictureInput { AltKk = Current.Alt.Kk, AltRu = Current.Alt.Ru, AltEn = Current.Alt.En };
        }

        return Page();
    }

    protected async Task<IActionResult> UploadAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(ownerId, cancellationToken))
        {
            return NotFound();
        }

        var upload = await Upload.ReadAsync(Input.File, cancellationToken);
        var result = await uploads.UploadAsync(Owner, upload, new LocalizedText(Input.AltKk, Input.AltRu, Input.AltEn), Scopes.AccountId(User)!.Value, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, localizer);
            return Page();
        }

        TempData["Status"] = "Picture_Saved";
        return Redirect(Address);
    }

    protected async Task<IActionResult> RemoveAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(ownerId, cancellationToken))
        {
            return NotFound();
        }

        if (await uploads.RemoveAsync(Owner, cancellationToken))
        {
            TempData["Status"] = "Picture_Removed";
        }

        return Redirect(Address);
    }

    private async Task<bool> LoadAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        if (await uploads.OwnerAsync(Subject, ownerId, cancellationToken) is not { } owner)
        {
            return false;
        }

        Owner = owner;
        Current = await uploads.CurrentAsync(Subject, ownerId, cancellationToken);
        return true;
    }
}

/// <summary>
/// Forms with a picture may be a little larger than the largest picture; a bigger one (or a broken one) comes back to
/// the page with the translated "too large" message instead of failing. It runs before the antiforgery check, which
/// would otherwise read the whole body first.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PictureFormLimitAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>As for the API: room for a file a little over the largest picture, refused with its own message, form filled.</summary>
    public const int FormBytes = RequestLimits.ApiUploadBytes;

    // Antiforgery's own filter has order 1000.
    public int Order => 0;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return;
        }

        var tooLarge = new RedirectResult(request.Path + "?tooLarge=true");
        if (request.ContentLength > FormBytes)
        {
            context.Result = tooLarge;
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = FormBytes;
        }

        if (!request.HasFormContentType)
        {
            return;
        }

        try
        {
            await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = FormBytes }, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Too large without a length given (Kestrel's BadHttpRequestException is an IOException), or cut off.
            context.Result = tooLarge;
        }
    }
}
