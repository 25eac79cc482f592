using System.Net;
using Birge.Web.Domain;

namespace Birge.Tests.Infrastructure;

/// <summary>Makes people for tests: unique contacts, a valid form, and signed-in clients.</summary>
public static class People
{
    public const string Password = "Qazaq-2026";
    public const string AlmatyCity = "750000000";

    private static int counter = Random.Shared.Next(1_000_000, 9_000_000);

    public static string NewEmail() => $"person{Interlocked.Increment(ref counter)}@example.com";

    /// <summary>A fresh Kazakh mobile number, as a person would type it.</summary>
    public static string NewPhone() => $"8 (707) {Interlocked.Increment(ref counter) % 10_000_000:0000000}";

    /// <summary>A complete, valid sign-up form for an adult; override fields to test one thing.</summary>
    public static Dictionary<string, string> AdultForm(string? email = null) => new()
    {
        ["Input.Email"] = email ?? NewEmail(),
        ["Input.Phone"] = "",
        ["Input.Password"] = Password,
        ["Input.FullName"] = "Айгерім Серікқызы",
        ["Input.BirthDate"] = "1995-05-15",
        ["Input.RegionKato"] = AlmatyCity,
        ["Input.Iin"] = "",
        ["Input.ConsentVersion"] = "on",
    };

    /// <summary>Signs up through the real form and returns the signed-in client and the e-mail used.</summary>
    public static async Task<(HttpClient Client, string Email)> SignUpAsync(BirgeApp app, string? acceptLanguage = null)
    {
        var client = app.Browser(acceptLanguage);
        var email = NewEmail();
        var page = await client.GetPageAsync("/account/signup");
        using var response = await client.SubmitAsync(page, "main form", AdultForm(email), "/account/signup");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Location());
        return (client, email);
    }

    public static string ConsentVersion => PersonalDataConsent.CurrentVersion;
}
