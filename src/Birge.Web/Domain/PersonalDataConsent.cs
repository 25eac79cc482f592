namespace Birge.Web.Domain;

/// <summary>
/// The versioned text a person agrees to before Birge processes their personal data. A new version gets a new
/// constant and new resource keys (<c>Consent_{version}_Text</c>); records keep the version that was agreed.
/// </summary>
public static class PersonalDataConsent
{
    public const string CurrentVersion = "2026-11";

    public static string TextKey(string version) => $"Consent_{version.Replace('-', '_')}_Text";
}
