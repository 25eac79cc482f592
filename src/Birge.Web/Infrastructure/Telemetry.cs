using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Birge.Web.Infrastructure;

/// <summary>
/// The <c>Birge</c> meter: runs of the background jobs (by job and outcome) and the depth of the outbox. The
/// instruments always exist; they leave the process only when <see cref="Telemetry"/> is configured.
/// </summary>
public sealed class BirgeMetrics
{
    public const string MeterName = "Birge";

    private readonly Counter<long> jobRuns;
    private long outboxDepth = -1;

    public BirgeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        jobRuns = meter.CreateCounter<long>(
            "birge.job.runs", "{run}", "Runs of the background jobs, by job and outcome (done, failed, or skipped while another node ran it).");
        meter.CreateObservableGauge(
            "birge.outbox.depth",
            () => Interlocked.Read(ref outboxDepth) is var depth and >= 0 ? [new Measurement<long>(depth)] : Array.Empty<Measurement<long>>(),
            "{message}",
            "Messages waiting to be sent, as the outbox sender counted them at the end of its last run.");
    }

    public void JobRan(string job, JobOutcome outcome) => jobRuns.Add(
        1,
        new KeyValuePair<string, object?>("job", job),
        new KeyValuePair<string, object?>("outcome", outcome switch
        {
            JobOutcome.Done => "done",
            JobOutcome.Failed => "failed",
            _ => "skipped",
        }));

    /// <summary>The sender's count after its run; the gauge reports it without asking the database.</summary>
    public void OutboxDepthCounted(long depth) => Interlocked.Exchange(ref outboxDepth, depth);
}

public enum JobOutcome
{
    Done,
    Failed,
    Skipped,
}

/// <summary>
/// OpenTelemetry, off unless <c>Telemetry:OtlpEndpoint</c> is set: traces of requests, outgoing HTTP and PostgreSQL
/// commands, and metrics of requests, outgoing HTTP, the runtime and the <c>Birge</c> meter, sent by OTLP
/// (<c>Telemetry:OtlpProtocol</c> grpc, the default, or http/protobuf). Logs stay with the app's own (redacting) loggers.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddBirgeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BirgeMetrics>();
        if (configuration["Telemetry:OtlpEndpoint"] is not { Length: > 0 } endpoint)
        {
            return services;
        }

        var http = string.Equals(configuration["Telemetry:OtlpProtocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        var root = endpoint.TrimEnd('/');
        void Exporter(OtlpExporterOptions o, string signal)
        {
            o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            o.Endpoint = new Uri(http ? $"{root}/v1/{signal}" : root);
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["Telemetry:ServiceName"] ?? "birge"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) =>
                    activity.SetTag("url.path", LogRedaction.Redact(request.Path.Value ?? "")))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => Exporter(o, "traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(BirgeMetrics.MeterName)
                .AddOtlpExporter(o => Exporter(o, "metrics")));
        return services;
    }
}
