namespace Birge.Web.Domain;

/// <summary>
/// Closed lists the forms offer. Their names live in the resources as <c>Skill_{code}</c>, <c>SpokenLanguage_{code}</c>
/// and <c>LegalForm_{code}</c>; the codes are part of the API.
/// </summary>
public static class Catalogues
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en", "uz", "ug", "tr", "de", "zh", "ko", "ar", "sign"];

    public static readonly IReadOnlyList<string> Skills =
    [
        "first_aid", "driving", "cooking", "teaching", "tutoring", "it", "design", "photo_video", "social_media",
        "translation", "sign_language", "event_organisation", "psychology", "medicine", "law", "construction",
        "gardening", "animal_care", "sport_coaching", "music", "elderly_care", "childcare", "rescue", "logistics",
    ];

    public static readonly IReadOnlyList<string> LegalForms =
    [
        "public_association", "foundation", "private_institution", "association", "religious_association",
        "llp", "joint_stock_company", "state_institution", "state_enterprise", "individual_entrepreneur", "other",
    ];
}
