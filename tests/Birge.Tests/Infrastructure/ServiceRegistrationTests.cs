using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// Each service is registered once. A second registration of a service that is resolved alone silently replaces the
/// first (or, for a hosted service registered by type, runs a second instance beside the one callers get); services
/// meant to be many (hosted services, options set-ups, authorisation handlers) are resolved together and may repeat,
/// and a framework default may be replaced by adding ours after it.
/// </summary>
public abstract class ServiceRegistrationTests(BirgeApp app)
{
    /// <summary>Resolved as a collection by their consumers, so several registrations are the point.</summary>
    private static readonly Type[] Many =
    [
        typeof(IHostedService), typeof(IConfigureOptions<>), typeof(IPostConfigureOptions<>), typeof(IValidateOptions<>),
        typeof(IOptionsChangeTokenSource<>), typeof(IAuthorizationHandler), typeof(IStartupFilter),
    ];

    [Fact]
    public void No_service_of_the_app_is_registered_twice_or_built_twice()
    {
        var ours = typeof(Program).Assembly;
        var registrations = app.Registrations.Where(d => !d.IsKeyedService).ToList();
        Assert.NotEmpty(registrations);

        // Ours twice, or ours before another registration that then wins. Replacing a framework default by adding
        // ours after it is the framework's own way (Identity's claims factory, for one) and leaves ours in effect.
        var twice = registrations
            .Where(d => !IsMany(d.ServiceType))
            .GroupBy(d => d.ServiceType)
            .Where(g => g.Count() > 1)
            .Where(g => g.Key.Assembly == ours
                || g.Count(d => IsOurs(d, ours)) > 1
                || (g.Any(d => IsOurs(d, ours)) && !IsOurs(g.Last(), ours)))
            .Select(g => $"{g.Key.Name} is registered {g.Count()} times, the last one wins: {string.Join(", ", g.Select(Describe))}");

        // The same class of ours built by the container under two service types is two objects (e.g. a job that
        // runs as a hosted service while tests and callers get another instance).
        var built = registrations
            .Where(d => d.ImplementationType?.Assembly == ours)
            .GroupBy(d => d.ImplementationType!)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Name} is built for {string.Join(" and ", g.Select(d => d.ServiceType.Name))}: register it once and forward the others to it");

        var problems = twice.Concat(built).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_job_is_one_object_for_its_callers_and_its_hosted_service()
    {
        var hosted = app.Services.GetServices<IHostedService>().ToList();

        Assert.Contains(app.Services.GetRequiredService<OutboxSender>(), hosted);
        Assert.Contains(app.Services.GetRequiredService<Birge.Web.Features.Applications.Reminders>(), hosted);
        Assert.Contains(app.Services.GetRequiredService<Birge.Web.Features.Accounts.UnconfirmedAccounts>(), hosted);
        Assert.Single(hosted.OfType<OutboxSender>());
    }

    private static bool IsOurs(ServiceDescriptor d, System.Reflection.Assembly ours) =>
        d.ImplementationType?.Assembly == ours || d.ImplementationInstance?.GetType().Assembly == ours
        || d.ImplementationFactory?.Method.DeclaringType?.Assembly == ours;

    private static bool IsMany(Type type) =>
        Many.Contains(type.IsGenericType ? type.GetGenericTypeDefinition() : type);

    private static string Describe(ServiceDescriptor d) =>
        d.ImplementationType?.Name ?? d.ImplementationInstance?.GetType().Name ?? "a factory";
}

[Collection(Sqlite.Name)]
public sealed class ServiceRegistrationTestsOnSqlite(SqliteApp app) : ServiceRegistrationTests(app);

[Collection(Postgres.Name)]
public sealed class ServiceRegistrationTestsOnPostgres(PostgresApp app) : ServiceRegistrationTests(app);
