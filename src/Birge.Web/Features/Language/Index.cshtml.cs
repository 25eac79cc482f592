using Birge.Web.Data;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Language;

/// <summary>
/// The language switcher: remembers the choice in a cookie (and on the account, for messages). A stranger's form has
/// no antiforgery token (their pages are kept whole by the output cache, and a forged choice would only set a cookie
/// of the forger's choosing on a browser with no account); a signed-in person's has one, and it is checked.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class IndexModel(BirgeDb db, IAntiforgery antiforgery) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        var chosen = Cultures.FromName(culture) ?? Cultures.Kazakh;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });

        if (User.Identity?.IsAuthenticated == true && Guid.TryParse(User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id))
        {
            await db.Accounts.Where(a => a.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Language, chosen.TwoLetterISOLanguageName), cancellationToken);
        }

        // A ?culture= in the address would override the choice just made.
        var target = Url.IsLocalUrl(returnUrl) ? StripCulture(returnUrl!) : "/";
        return LocalRedirect(target);
    }

    private static string StripCulture(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[q..]);
        query.Remove("culture");
        var rest = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(url[..q], query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))));
        return rest;
    }
}
