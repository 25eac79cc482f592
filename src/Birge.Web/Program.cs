using Birge.Web.Data;
using Birge.Web.Features.Accounts;
using Birge.Web.Features.Admin;
using Birge.Web.Features.Applications;
using Birge.Web.Features.Attendance;
using Birge.Web.Features.Book;
using Birge.Web.Features.CallOuts;
using Birge.Web.Features.FrontOffices;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Features.Home;
using Birge.Web.Features.Notifications;
using Birge.Web.Features.Opportunities;
using Birge.Web.Features.Organizations;
using Birge.Web.Features.Pictures;
using Birge.Web.Features.Profile;
using Birge.Web.Features.Readiness;
using Birge.Web.Features.Reference;
using Birge.Web.Features.Statistics;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

// Settings, static files and relative data paths are the program's own, whatever folder it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolder.DefaultContentRoot(args) });
var services = builder.Services;
var configuration = builder.Configuration;
var environment = builder.Environment;

// A singleton that captures a scoped service, or a registration that cannot be built, fails at start in every environment.
builder.Host.UseDefaultServiceProvider(o => o.ValidateScopes = o.ValidateOnBuild = true);

// No URL with a one-time token or code reaches a log, at any level.
services.AddLogRedaction();
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

services.AddSingleton(TimeProvider.System);
services.AddBirgeDb(configuration, environment.ContentRootPath);
services.AddBirgeLocalization();
services.AddBirgeIdentity(configuration);
services.AddBirgeAuthorization(environment);

services.AddBirgePages(configuration);
services.AddApiDocument();
services.AddBirgeRateLimiting(configuration);
services.AddTrustedProxies();
services.AddHttpsOnly(configuration);
services.AddBirgeTelemetry(configuration);
services.AddPeriodicJobs();
services.AddOutbox(configuration, environment);

// The features: each registers its use cases, jobs and route scopes, and maps its API below.
services.AddAccounts();
services.AddOrganizations();
services.AddFrontOffices();
services.AddAdmin();
services.AddOpportunities();
services.AddApplications();
services.AddAttendance();
services.AddBook();
services.AddHelpRequests(configuration);
services.AddNotifications();
services.AddReadiness();
services.AddStatistics();
services.AddCallOuts();
services.AddHome();
services.AddPictures();

var app = builder.Build();

if (Commands.IsCommand(args))
{
    return await Commands.RunAsync(app, args);
}

if (environment.IsDevelopment() || configuration.GetValue("Database:MigrateOnStart", false))
{
    await DatabaseInitializer.MigrateAsync(app.Services, withDemoData: environment.IsDevelopment() && configuration.GetValue("DemoData:Enabled", true));
}

app.UseTrustedProxies(configuration);
app.UseSecurityHeaders();

// First, so that error pages and problems are written in the request's language too.
app.UseRequestLocalization();

// Plain HTTP where HTTPS is required: a redirect or a clear answer, before anything needs the Secure cookies.
app.UseHttpsOnly(configuration);
if (!environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseBirgeErrors();
app.UseNoTrace();
app.UseNulRefusal();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseEndedSessions();
app.UseAuthorization();
// Whole answers kept for strangers only, where an endpoint asks for it (the search: SearchResults.Policy).
app.UseOutputCache();
app.UseAntiforgery();

app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
app.MapApiReference();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapAccounts();
app.MapReference();
app.MapOrganizations();
app.MapProfile();
app.MapFrontOffices();
app.MapAdmin();
app.MapOpportunities();
app.MapApplications();
app.MapAttendance();
app.MapBook();
app.MapHelpRequests();
app.MapNotifications();
app.MapReadiness();
app.MapStatistics();
app.MapCallOuts();
app.MapPictures();

await app.RunAsync();
return 0;

/// <summary>The test host starts the app through this type.</summary>
public partial class Program;
