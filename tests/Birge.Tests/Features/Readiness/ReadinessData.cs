using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Readiness;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Readiness;

/// <summary>Teams, members and certificates made through the register's own service, for the tests that read them.</summary>
public static class ReadinessData
{
    public const string Mangystau = "470000000";
    public const string Atyrau = "230000000";
    public const string Jetisu = "330000000";

    public static DateOnly Today => DateOnly.FromDateTime(Birge.Web.Localization.KazakhstanTime.FromUtc(DateTime.UtcNow));

    public static async Task<Team> NewTeamAsync(this BirgeApp app, string region, string kind = "rescue", DateOnly? lastDrill = null, bool standby = false, string? name = null)
    {
        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<TeamRoster>().CreateAsync(
            new TeamInput(region, name ?? "Команда " + Guid.NewGuid().ToString("N")[..6], kind, null, lastDrill, standby), Guid.NewGuid(), CancellationToken.None);
        return created.Value ?? throw new InvalidOperationException(created.Error);
    }

    public static async Task AddMemberAsync(this BirgeApp app, Guid teamId, Guid accountId, string role = "member", params CertificateInput[] certificates)
    {
        using var scope = app.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<TeamRoster>().AddAsync(teamId, accountId, role, certificates, CancellationToken.None);
        Assert.True(added.Succeeded, added.Error);
    }
}
