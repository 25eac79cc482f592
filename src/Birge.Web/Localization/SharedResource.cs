namespace Birge.Web.Localization;

/// <summary>Marker for the one resource file set: SharedResource.{kk,ru,en}.resx.</summary>
public sealed class SharedResource;
