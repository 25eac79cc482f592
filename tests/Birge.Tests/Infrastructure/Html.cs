using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Birge.Web.Localization;

namespace Birge.Tests.Infrastructure;

/// <summary>Reads pages and submits their real forms, hidden antiforgery field included, as a browser would.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Fills the form found by <paramref name="formSelector"/> (its current values, then <paramref name="values"/>)
    /// and posts it. A checkbox named in values is ticked with its own value when given "on"; an empty value unticks it.
    /// With <paramref name="submitter"/>, it is that button of the form that is pressed: its name and value are sent and
    /// its <c>formaction</c> (e.g. a page handler's) is where the form goes, as in a browser.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client,
        IHtmlDocument page,
        string formSelector,
        IReadOnlyDictionary<string, string>? values = null,
        string? pageUrl = null,
        string? submitter = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var fields = new List<KeyValuePair<string, string>>();
        var given = new Dictionary<string, string>(values ?? new Dictionary<string, string>());
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
                    var tick = given.Remove(name, out var v) ? v.Length > 0 : box.IsChecked;
                    if (tick)
                    {
                        fields.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "submit" }:
                case IHtmlButtonElement:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, given.Remove(name, out var iv) ? iv : input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, given.Remove(name, out var sv) ? sv : select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, given.Remove(name, out var av) ? av : area.Value));
                    break;
            }
        }

        // Values for buttons (e.g. the language switcher's name="culture") or fields the form lacks.
        fields.AddRange(given);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl ?? page.Url : action;
        if (target.StartsWith("about:", StringComparison.Ordinal))
        {
            target = pageUrl ?? throw new InvalidOperationException("The form has no action: pass pageUrl.");
        }

        if (submitter is not null)
        {
            var button = form.QuerySelector(submitter) ?? throw new InvalidOperationException($"No button '{submitter}' in the form '{formSelector}'.");
            if (button.GetAttribute("formaction") is { Length: > 0 } formAction)
            {
                target = formAction;
            }

            if (button.GetAttribute("name") is { Length: > 0 } buttonName)
            {
                fields.Add(new(buttonName, button.GetAttribute("value") ?? ""));
            }
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(target, content);
    }

    /// <summary>The text of the error shown next to a field, by the field's id (e.g. "Input_Iin").</summary>
    public static string? FieldError(this IHtmlDocument page, string id) => page.GetElementById(id + "-error")?.TextContent.Trim();

    public static string? Value(this IHtmlDocument page, string id) => page.GetElementById(id)?.GetAttribute("value");

    /// <summary>A resource string as the app shows it, failing when the translation is missing.</summary>
    public static string Text(string key, CultureInfo culture, params object[] args)
    {
        var text = Cultures.Text(key, culture);
        Assert.NotEqual(key, text);
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    public static string Location(this HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"No redirect ({(int)response.StatusCode}).");

    public static IElement Find(this IHtmlDocument page, string selector) =>
        page.QuerySelector(selector) ?? throw new InvalidOperationException($"Nothing matches '{selector}'.");
}
