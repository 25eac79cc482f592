using System.Diagnostics;

namespace Birge.Web.Infrastructure;

/// <summary>
/// A background job that runs every <c>Jobs:&lt;Name&gt;:Interval</c> while <c>Jobs:&lt;Name&gt;:Enabled</c> (on by
/// default, off in the Testing environment, where tests call <see cref="RunOnceAsync"/>). Each run is taken once
/// across nodes (<see cref="JobClaims"/>): a node that finds the job running elsewhere skips its turn. Each run is
/// logged with what it did (counts only, never personal data) and counted in the <c>Birge</c> meter.
/// </summary>
/// <typeparam name="TRun">What one run did; its default means "nothing", which is also what a skipped run returns.</typeparam>
public abstract class PeriodicJob<TRun>(string name, TimeSpan defaultInterval, JobServices services) : BackgroundService
    where TRun : struct
{
    private readonly ILogger logger = services.Loggers.CreateLogger("Birge.Jobs." + name);

    public string Name { get; } = name;

    public TimeSpan Interval { get; } = services.Configuration.GetValue($"Jobs:{name}:Interval", defaultInterval);

    public bool Enabled { get; } = services.Configuration.GetValue($"Jobs:{name}:Enabled", !services.Environment.IsEnvironment("Testing"));

    protected BirgeMetrics Metrics => services.Metrics;

    /// <summary>Runs the job once, unless another node (or another call on this one) is running it right now.</summary>
    public async Task<TRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var claim = await services.Claims.TryTakeAsync(Name, cancellationToken);
        if (claim is null)
        {
            logger.LogDebug("{Job} is running elsewhere; this turn is skipped.", Name);
            services.Metrics.JobRan(Name, JobOutcome.Skipped);
            return default;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var run = await RunAsync(cancellationToken);
            logger.Log(
                EqualityComparer<TRun>.Default.Equals(run, default) ? LogLevel.Debug : LogLevel.Information,
                "{Job} ran in {Milliseconds} ms: {Run}",
                Name,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                run);
            services.Metrics.JobRan(Name, JobOutcome.Done);
            return run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            services.Metrics.JobRan(Name, JobOutcome.Failed);
            throw;
        }
    }

    /// <summary>The job's work: whatever is due now.</summary>
    protected abstract Task<TRun> RunAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            logger.LogInformation("{Job} is off (Jobs:{Job}:Enabled).", Name, Name);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job} failed; it runs again in {Interval}.", Name, Interval);
            }

            await Task.Delay(Interval, services.Clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

/// <summary>What every <see cref="PeriodicJob{TRun}"/> needs from the app, in one parameter.</summary>
public sealed record JobServices(
    IConfiguration Configuration,
    IHostEnvironment Environment,
    TimeProvider Clock,
    JobClaims Claims,
    BirgeMetrics Metrics,
    ILoggerFactory Loggers);

public static class PeriodicJobs
{
    /// <summary>One instance per job: the hosted service that runs it, and the same object for tests and callers.</summary>
    public static IServiceCollection AddPeriodicJob<TJob>(this IServiceCollection services)
        where TJob : class, IHostedService
    {
        services.AddSingleton<TJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TJob>());
        return services;
    }

    /// <summary>What the jobs share; added once by Program.</summary>
    public static IServiceCollection AddPeriodicJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobClaims>();
        services.AddSingleton<JobServices>();
        return services;
    }
}
