using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Features.Profile;

/// <summary>
/// Posts the real <c>/profile</c> form as a browser would. Its checkbox groups share one name (Input.Skills…), so the
/// test says exactly which boxes are ticked, by id; every other field keeps what the page shows unless overridden.
/// </summary>
public static class ProfileForm
{
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        IHtmlDocument page,
        IReadOnlyDictionary<string, string>? texts = null,
        IEnumerable<string>? tickedIds = null,
        IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>("main form") ?? throw new InvalidOperationException("No form on /profile.");
        var ticked = tickedIds?.ToHashSet();
        var given = new Dictionary<string, string>(texts ?? new Dictionary<string, string>());
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    if (ticked?.Contains(box.Id!) ?? box.IsChecked)
                    {
                        fields.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlButtonElement:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, given.Remove(name, out var v) ? v : input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, given.Remove(name, out var a) ? a : area.Value));
                    break;
            }
        }

        Assert.Empty(given);
        fields.AddRange(extra ?? []);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync("/profile", content);
    }

    /// <summary>Ids of the ticked boxes on a page.</summary>
    public static HashSet<string> Ticked(IHtmlDocument page) =>
        [.. page.QuerySelectorAll<IHtmlInputElement>("main form input[type=checkbox]").Where(b => b.IsChecked).Select(b => b.Id!)];

    public static async Task<IHtmlDocument> SaveAsync(
        HttpClient client, IReadOnlyDictionary<string, string>? texts = null, IEnumerable<string>? tickedIds = null)
    {
        var page = await client.GetPageAsync("/profile");
        using var response = await PostAsync(client, page, texts, tickedIds);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/profile", response.Location());
        return await client.GetPageAsync("/profile");
    }
}
