using AngleSharp.Html.Dom;

namespace Birge.Tests.Infrastructure;

/// <summary>Logs in through the real login form.</summary>
public static class Logins
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string login, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/account/login" : "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        IHtmlDocument page = await client.GetPageAsync(url);
        return await client.SubmitAsync(
            page,
            "main form",
            new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Password"] = password },
            url);
    }
}
