using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Birge.Tests.Infrastructure;

/// <summary>Calls the JSON API as a mobile app or partner would, and reads its problem responses.</summary>
public static class Api
{
    /// <summary>A complete, valid <c>POST /api/v1/accounts</c> body for an adult; change entries to test one thing.</summary>
    public static Dictionary<string, object?> AdultAccount(string? email = null) => new()
    {
        ["email"] = email ?? People.NewEmail(),
        ["password"] = People.Password,
        ["fullName"] = "Айгерім Серікқызы",
        ["birthDate"] = "1995-05-15",
        ["regionKato"] = People.AlmatyCity,
        ["consentVersion"] = People.ConsentVersion,
    };

    public static HttpClient Client(this BirgeApp app, string? acceptLanguage = null, string? accessToken = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status and code; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static async Task<HttpResponseMessage> TokenResponseAsync(this BirgeApp app, string login, string password)
    {
        using var client = app.Client();
        return await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
    }

    public static async Task<string> TokenAsync(BirgeApp app, string login, string password = People.Password)
    {
        using var response = await app.TokenResponseAsync(login, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
    }
}
