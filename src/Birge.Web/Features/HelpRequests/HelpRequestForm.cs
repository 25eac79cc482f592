using System.Globalization;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// The form a request for help is typed in, at <c>/help</c> by the person and at <c>/call-centre/new</c> by an operator
/// while the caller speaks. The point comes as text, so that "43.2389" and "43,2389" (a Russian keyboard) both work.
/// </summary>
public sealed class HelpRequestForm
{
    public string? Phone { get; set; }

    public string? Category { get; set; }

    public string? Description { get; set; }

    public string? RegionKato { get; set; }

    public string? Locality { get; set; }

    public string? Address { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public string? Name { get; set; }

    public string? Language { get; set; }

    public List<string> Vulnerabilities { get; set; } = [];

    /// <summary>The operator's triage; the person's form at <c>/help</c> does not ask it.</summary>
    public string? Urgency { get; set; }

    public string? ConsentVersion { get; set; }

    /// <summary>The point, or null when none is given; a point that is not a number adds its error.</summary>
    public (double? Latitude, double? Longitude) Point(List<FieldError> errors) =>
        (Coordinate(Latitude, "latitude", errors), Coordinate(Longitude, "longitude", errors));

    /// <summary>The form as the intake takes it, with the point read by <see cref="Point"/>.</summary>
    public HelpRequestInput ToInput(List<FieldError> errors)
    {
        var (latitude, longitude) = Point(errors);
        return new HelpRequestInput
        {
            Phone = Phone,
            Category = Category,
            Description = Description,
            RegionKato = RegionKato,
            Locality = Locality,
            Address = Address,
            Latitude = latitude,
            Longitude = longitude,
            Name = Name,
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language,
            Vulnerabilities = Vulnerabilities,
            Urgency = Urgency,
            ConsentVersion = ConsentVersion,
        };
    }

    private static double? Coordinate(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(new FieldError(field, OpportunityErrors.CoordinatesInvalid));
        return null;
    }
}
