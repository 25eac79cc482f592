namespace Birge.Web.Data;

/// <summary>Data-protection keys live in the database so that every web node reads every cookie and token.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; init; }

    public string? FriendlyName { get; init; }

    public required string Xml { get; init; }
}
