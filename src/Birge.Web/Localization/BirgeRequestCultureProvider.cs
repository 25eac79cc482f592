using Microsoft.AspNetCore.Localization;

namespace Birge.Web.Localization;

/// <summary>
/// Picks the culture from <c>?culture=</c>, then the cookie set by the language switcher, then Accept-Language,
/// mapping any spelling of a language (kk, kk-KZ, ru-RU, en-GB) to one of Birge's three cultures.
/// </summary>
public sealed class BirgeRequestCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = Cultures.FromName(httpContext.Request.Query["culture"])
            ?? FromCookie(httpContext)
            ?? FromAcceptLanguage(httpContext);
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
    }

    private static System.Globalization.CultureInfo? FromCookie(HttpContext httpContext)
    {
        var cookie = httpContext.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        var parsed = cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(cookie);
        return parsed is null ? null : Cultures.FromName(parsed.UICultures.FirstOrDefault().Value);
    }

    private static System.Globalization.CultureInfo? FromAcceptLanguage(HttpContext httpContext)
    {
        var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        return languages
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Cultures.FromName(l.Value.Value))
            .FirstOrDefault(c => c is not null);
    }
}
