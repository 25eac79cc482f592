using Birge.Web.Domain;

namespace Birge.Tests.Infrastructure;

/// <summary>Values for people in tests: unique contacts and a valid sign-up form. <see cref="TestData"/> makes the people.</summary>
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

    public static string ConsentVersion => PersonalDataConsent.CurrentVersion;
}
