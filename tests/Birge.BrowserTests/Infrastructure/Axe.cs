using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Birge.BrowserTests.Infrastructure;

public static class Axe
{
    private static readonly string[] Blocking = ["serious", "critical"];

    private const string WidestElements = """
        limit => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > limit)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().replace(/ +/g, '.') : ''))
        """;

    /// <summary>
    /// Runs axe on the page as it is now and fails on any serious or critical violation, naming the rule, its help
    /// text and the elements, so the failure explains itself.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page, string what)
    {
        // WCAG 1.4.10 (reflow): nothing wider than the phone, so nobody scrolls sideways to read a line.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > BrowserApp.Phone.Width)
        {
            var wide = await page.EvaluateAsync<string[]>(WidestElements, BrowserApp.Phone.Width);
            Assert.Fail($"{what} ({page.Url}) is {width} px wide on a {BrowserApp.Phone.Width} px phone. Too wide: {string.Join(", ", wide)}");
        }

        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        if (blocking.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.Append("axe found ").Append(blocking.Count).Append(" serious or critical problem(s) on ")
            .Append(what).Append(" (").Append(page.Url).AppendLine("):");
        foreach (var violation in blocking)
        {
            message.Append("- ").Append(violation.Id).Append(" [").Append(violation.Impact).Append("] ").AppendLine(violation.Help);
            foreach (var node in violation.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                message.Append("    ").Append(node.Target).Append("  ").Append(node.Html).Append("  ").AppendLine(string.Join("; ", checks));
            }
        }

        Assert.Fail(message.ToString());
    }
}
