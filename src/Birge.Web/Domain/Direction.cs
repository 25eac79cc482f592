namespace Birge.Web.Domain;

/// <summary>A direction of volunteering (social, ecology, emergencies…); codes are part of the public API.</summary>
public sealed class Direction
{
    public const string Emergency = "emergency";

    public required string Code { get; init; }

    public required LocalizedText Name { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The law forbids minors from emergency and dangerous work.</summary>
    public int MinimumAge { get; set; }
}
