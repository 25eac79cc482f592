using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Birge.Web.Infrastructure;

/// <summary>
/// One form field the same way everywhere: label, optional hint, the error next to the field, the value typed
/// before (so a form comes back filled), and the ARIA links a screen reader needs.
/// <code>&lt;field for="Input.Email" label="@L["Email"]" type="email" autocomplete="email" /&gt;</code>
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public bool Required { get; set; }

    public int? Maxlength { get; set; }

    /// <summary>For <c>type="checkbox"</c>: the value sent when ticked (default "true").</summary>
    public string? Value { get; set; }

    /// <summary>For <c>type="select"</c>: the options; the first, empty one invites a choice.</summary>
    public IEnumerable<SelectListItem>? Items { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];
        var value = state?.AttemptedValue ?? Format(For.Model);

        var describedBy = new List<string>();
        var html = new System.Text.StringBuilder();
        if (Type == "checkbox")
        {
            output.TagName = "div";
            output.TagMode = TagMode.StartTagAndEndTag;
            output.Attributes.SetAttribute("class", errors.Count > 0 ? "field checkbox field--error" : "field checkbox");
            var own = Value ?? "true";
            var ticked = state?.AttemptedValue is { } attempted ? attempted == own : For.Model is true || Format(For.Model) == own;
            output.Content.SetHtmlContent(Checkbox(id, name, own, ticked, errors));
            return;
        }

        html.Append("<label for=\"").Append(id).Append("\">").Append(E(Label));
        if (Required)
        {
            html.Append(" <span class=\"required\" aria-hidden=\"true\">*</span>");
        }

        html.Append("</label>");
        if (Hint is not null)
        {
            describedBy.Add(id + "-hint");
            html.Append("<p class=\"hint\" id=\"").Append(id).Append("-hint\">").Append(E(Hint)).Append("</p>");
        }

        if (errors.Count > 0)
        {
            describedBy.Add(id + "-error");
            html.Append("<p class=\"error\" id=\"").Append(id).Append("-error\">").Append(E(string.Join(" ", errors))).Append("</p>");
        }

        var common = new System.Text.StringBuilder();
        common.Append(" id=\"").Append(id).Append("\" name=\"").Append(E(name)).Append('"');
        if (describedBy.Count > 0)
        {
            common.Append(" aria-describedby=\"").Append(string.Join(' ', describedBy)).Append('"');
        }

        if (errors.Count > 0)
        {
            common.Append(" aria-invalid=\"true\"");
        }

        if (Required)
        {
            common.Append(" required aria-required=\"true\"");
        }

        if (Autocomplete is not null)
        {
            common.Append(" autocomplete=\"").Append(E(Autocomplete)).Append('"');
        }

        if (Type == "select")
        {
            html.Append("<select").Append(common).Append('>');
            foreach (var item in Items ?? [])
            {
                html.Append("<option value=\"").Append(E(item.Value)).Append('"');
                if (item.Value == value)
                {
                    html.Append(" selected");
                }

                html.Append('>').Append(E(item.Text)).Append("</option>");
            }

            html.Append("</select>");
        }
        else if (Type == "textarea")
        {
            html.Append("<textarea rows=\"4\"").Append(common).Append('>').Append(E(value ?? "")).Append("</textarea>");
        }
        else
        {
            html.Append("<input type=\"").Append(E(Type)).Append('"').Append(common);
            if (Type != "password" && value is not null)
            {
                html.Append(" value=\"").Append(E(value)).Append('"');
            }

            if (Inputmode is not null)
            {
                html.Append(" inputmode=\"").Append(E(Inputmode)).Append('"');
            }

            if (Maxlength is not null)
            {
                html.Append(" maxlength=\"").Append(Maxlength.Value.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            html.Append('>');
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field--error" : "field");
        output.Content.SetHtmlContent(html.ToString());
    }

    private string Checkbox(string id, string name, string own, bool ticked, List<string> errors)
    {
        var html = new System.Text.StringBuilder();
        if (errors.Count > 0)
        {
            html.Append("<p class=\"error\" id=\"").Append(id).Append("-error\">").Append(E(string.Join(" ", errors))).Append("</p>");
        }

        html.Append("<input type=\"checkbox\" id=\"").Append(id).Append("\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(own)).Append('"');
        if (ticked)
        {
            html.Append(" checked");
        }

        if (errors.Count > 0)
        {
            html.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(id).Append("-error\"");
        }

        html.Append("><label for=\"").Append(id).Append("\">").Append(E(Label)).Append("</label>");
        return html.ToString();
    }

    private string E(string text) => encoder.Encode(text);

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
