namespace Birge.Web.Features.Readiness;

/// <summary>The team's form on the register's pages (new and edit): the same fields as <see cref="TeamInput"/>.</summary>
public sealed class TeamForm
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? Equipment { get; set; }

    public DateOnly? LastDrillOn { get; set; }

    public bool Standby { get; set; }

    public TeamInput ToInput(string regionKato) => new(regionKato, Name, Kind, Equipment, LastDrillOn, Standby);
}
