using Birge.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Birge.Web.Infrastructure;

/// <summary>Ready means the database answers.</summary>
public sealed class DatabaseHealthCheck(BirgeDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
