using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Birge.Tests.Infrastructure;

/// <summary>OpenTelemetry is off unless an OTLP endpoint is configured; then traces and metrics are collected.</summary>
public abstract class TelemetryTests(BirgeApp app)
{
    [Fact]
    public void Without_an_endpoint_nothing_is_collected_or_sent()
    {
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_endpoint_traces_and_metrics_are_collected()
    {
        // A loopback port nothing listens on: the exporter fails quietly.
        await using var configured = app.WithWebHostBuilder(b => b.UseSetting("Telemetry:OtlpEndpoint", "http://127.0.0.1:9"));

        Assert.NotNull(configured.Services.GetService<MeterProvider>());
        Assert.NotNull(configured.Services.GetService<TracerProvider>());
    }
}

[Collection(Sqlite.Name)]
public sealed class TelemetryTestsOnSqlite(SqliteApp app) : TelemetryTests(app);

[Collection(Postgres.Name)]
public sealed class TelemetryTestsOnPostgres(PostgresApp app) : TelemetryTests(app);
