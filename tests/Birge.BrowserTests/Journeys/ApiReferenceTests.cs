using System.Net;
using Birge.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// The API reference at <c>/scalar</c> works on a machine with no internet: it lists the operations of api.md from
/// <c>/openapi/v1.json</c>, asks nothing of any other host, and its Content-Security-Policy refuses nothing it needs.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ApiReferenceTests(BrowserApp app)
{
    [Fact]
    public async Task The_api_reference_lists_the_operations_and_no_request_leaves_the_machine()
    {
        // A developer's screen: the reference is a tool for people writing clients.
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var elsewhere = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && !(IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address)) && url.Host != "localhost")
            {
                lock (elsewhere)
                {
                    elsewhere.Add(route.Request.Url);
                }

                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (refused)
                {
                    refused.Add(message.Text);
                }
            }
        };
        var document = page.WaitForResponseAsync(r => r.Url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));

        await page.GotoAsync("/scalar");

        Assert.Equal(200, (await document).Status);
        await Expect(page).ToHaveTitleAsync("Birge API");
        // POST /api/v1/accounts of api.md, by its summary and its path.
        await Expect(page.GetByText("Sign up: an adult is active at once, a child under 14 waits for a parent's consent").First)
            .ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByText("/api/v1/accounts").First).ToBeAttachedAsync();

        Assert.True(elsewhere.Count == 0, "The reference asked other hosts for: " + string.Join(", ", elsewhere));
        Assert.True(refused.Count == 0, "The Content-Security-Policy refused: " + string.Join("\n", refused));
        await context.CloseAsync();
    }
}
