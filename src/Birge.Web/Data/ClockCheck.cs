using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Birge.Web.Data;

/// <summary>
/// This node's clock against the database's. Each node times what it does by its own clock (a claim's end, an
/// outbox lease, a rotating check-in code, a job's "due"), so a node whose clock is off by more than
/// <c>Database:ClockSkewSeconds</c> (5) is not ready: <c>/health/ready</c> says so, and an operator rolling nodes or
/// watching them sees it before people do. The database's clock is the one every node shares.
/// </summary>
public sealed class ClockCheck(BirgeDb db, TimeProvider clock, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = TimeSpan.FromSeconds(configuration.GetValue("Database:ClockSkewSeconds", 5.0));
        var database = db.Provider == DatabaseProvider.Postgres
            ? await db.Database.SqlQuery<DateTime>($"SELECT now() AS \"Value\"").SingleAsync(cancellationToken)
            : DateTime.ParseExact(
                await db.Database.SqlQuery<string>($"SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') AS \"Value\"").SingleAsync(cancellationToken),
                "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var off = clock.GetUtcNow().UtcDateTime - database.ToUniversalTime();
        return off.Duration() <= limit
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"This node's clock is {off.TotalSeconds:F1} s off the database's.");
    }
}
