namespace Birge.Web.Domain;

/// <summary>One of Kazakhstan's 17 oblasts and 3 cities of republican significance, keyed by KATO code.</summary>
public sealed class Region
{
    public required string Kato { get; init; }

    public required string Iso { get; init; }

    public required LocalizedText Name { get; set; }

    public required LocalizedText Centre { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }
}
