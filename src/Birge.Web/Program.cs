using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Features.Admin;
using Birge.Web.Features.Applications;
using Birge.Web.Features.Attendance;
using Birge.Web.Features.Book;
using Birge.Web.Features.FrontOffices;
using Birge.Web.Features.Opportunities;
using Birge.Web.Features.Organizations;
using Birge.Web.Features.Profile;
using Birge.Web.Features.Reference;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;

// Settings, static files and relative data paths are the program's own, whatever folder it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolder.DefaultContentRoot(args) });
var services = builder.Services;
var configuration = builder.Configuration;
var environment = builder.Environment;

// No URL with a one-time token or code reaches a log, at any level.
services.AddLogRedaction();
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

services.AddSingleton(TimeProvider.System);
services.AddBirgeDb(configuration, environment.ContentRootPath);

// Languages: Kazakh by default, Russian and English.
services.AddLocalization();
services.Configure<RequestLocalizationOptions>(o =>
{
    o.DefaultRequestCulture = new RequestCulture(Cultures.Kazakh);
    o.SupportedCultures = [.. Cultures.All];
    o.SupportedUICultures = [.. Cultures.All];
    o.RequestCultureProviders = [new BirgeRequestCultureProvider()];
});

// Accounts: Identity's managers over our own store; cookies for pages, bearer tokens for the API.
services.AddIdentityCore<Account>(o =>
    {
        o.Password.RequiredLength = Password.MinLength;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.SignIn.RequireConfirmedAccount = true;
        o.User.RequireUniqueEmail = false;
    })
    .AddUserStore<AccountStore>()
    .AddClaimsPrincipalFactory<AccountClaimsFactory>()
    .AddSignInManager()
    .AddDefaultTokenProviders();
services.AddScoped<IUserConfirmation<Account>, AccountConfirmation>();
services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));

const string SmartScheme = "pages-or-api";
services.AddAuthentication(o =>
    {
        o.DefaultScheme = SmartScheme;
        o.DefaultChallengeScheme = SmartScheme;
    })
    .AddPolicyScheme(SmartScheme, null, o => o.ForwardDefaultSelector = context =>
        context.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
    .AddCookie(IdentityConstants.ApplicationScheme, o =>
    {
        o.Cookie.Name = "birge.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = configuration.GetValue("Security:RequireHttps", true) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/account/login";
        o.LogoutPath = "/account/logout";
        o.AccessDeniedPath = "/error/403";
        o.ExpireTimeSpan = TimeSpan.FromDays(14);
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
    })
    .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
services.AddAccountSessions();
services.AddAuthorization(o => Policies.Add(o, environment));
services.AddScoped<IAuthorizationHandler, ScopedRequirementsHandler>();
services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
services.AddHttpContextAccessor();

// Kazakh and Russian text goes out as UTF-8 characters, not six-byte numeric entities per letter.
services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
services.AddAntiforgery(o =>
{
    o.Cookie.Name = "birge.af";
    o.Cookie.SecurePolicy = configuration.GetValue("Security:RequireHttps", true) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});
services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.AuthorizeFolder("/");
    })
    .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedBindingMessages>();
services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Complete);
services.AddApiDocument();

services.AddBirgeRateLimiting(configuration);
services.AddHttpClient("sms");
services.AddTrustedProxies();
services.AddHttpsOnly(configuration);
services.AddSingleton<RefusalAllowance>();

// Use cases.
services.AddScoped<ApiProblems>();
services.AddScoped<AuditLog>();
services.AddScoped<Scopes>();
services.AddScoped<Outbox>();
services.AddScoped<SignUp>();
services.AddSingleton<SignUpLimits>();
services.AddScoped<ContactConfirmation>();
services.AddScoped<AccountLookup>();
services.AddScoped<LoginCheck>();
services.AddScoped<PasswordReset>();
services.AddScoped<PersonalData>();
services.AddScoped<ParentConsentConfirmation>();
services.AddScoped<OrganizationRegistration>();
services.AddScoped<CoordinatorInvitations>();
services.AddScoped<OrganizationDirectory>();
services.AddScoped<StaffAssignment>();
services.AddScoped<OrganizationVerification>();
services.AddScoped<LegalDetailsChanges>();
services.AddScoped<AuditQuery>();
services.AddScoped<OpportunityEditor>();
services.AddScoped<OpportunitySearch>();
services.AddScoped<ShiftApplications>();
services.AddScoped<Rosters>();
services.AddScoped<ShiftCheckin>();
services.AddScoped<ShiftHours>();
services.AddSingleton(_ => CertificateSigner.FromConfiguration(configuration, environment));
services.AddScoped<VolunteerBook>();

// Notifications leave through the outbox: files in Development, SMTP and an SMS gateway elsewhere.
if (configuration.GetValue("Outbox:Mode", environment.IsDevelopment() ? "File" : "Network") == "File")
{
    services.AddSingleton<FileMessageSender>();
    services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<FileMessageSender>());
}
else
{
    services.AddSingleton<IMessageSender, NetworkMessageSender>();
}

if (configuration.GetValue("Outbox:Enabled", true))
{
    services.AddHostedService<OutboxSender>();
}

services.AddSingleton<OutboxSender>();

// The day-before reminders of shifts; off in tests, which run it once by hand.
services.AddSingleton<Reminders>();
if (configuration.GetValue("Reminders:Enabled", !environment.IsEnvironment("Testing")))
{
    services.AddHostedService(sp => sp.GetRequiredService<Reminders>());
}

// Accounts whose e-mail or phone is not confirmed within 7 days are removed (reminded at day 5); off in tests.
services.AddSingleton<UnconfirmedAccounts>();
if (configuration.GetValue("UnconfirmedAccounts:Enabled", !environment.IsEnvironment("Testing")))
{
    services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedAccounts>());
}

var app = builder.Build();

if (Commands.IsCommand(args))
{
    return await Commands.RunAsync(app, args);
}

// Certificates cannot be signed or checked without the platform's key: refuse to start rather than fail later.
_ = app.Services.GetRequiredService<CertificateSigner>();

if (environment.IsDevelopment() || configuration.GetValue("Database:MigrateOnStart", false))
{
    await DatabaseInitializer.MigrateAsync(app.Services, withDemoData: environment.IsDevelopment() && configuration.GetValue("DemoData:Enabled", true));
}

if (configuration.GetValue("ForwardedHeaders:Enabled", false))
{
    app.UseForwardedHeaders();
}

app.UseSecurityHeaders();

// First, so that error pages and problems are written in the request's language too.
app.UseRequestLocalization();

// Plain HTTP where HTTPS is required: a redirect or a clear answer, before anything needs the Secure cookies.
app.UseHttpsOnly(configuration);
if (!environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseWhen(IsApi, api =>
{
    // Malformed JSON is the client's mistake (400), not a server error.
    api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    });
    api.UseStatusCodePages(ApiStatusCodes.WriteAsync);
    api.UseApiBodyLimit();
});
app.UseWhen(context => !IsApi(context), pages =>
{
    pages.UseExceptionHandler("/error/500");
    pages.UseStatusCodePagesWithReExecute("/error/{0}");
});

app.UseNoTrace();
app.UseNulRefusal();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseEndedSessions();
app.UseAuthorization();
app.UseAntiforgery();

app.MapRazorPages();
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapAccountsApi();
app.MapReferenceApi();
app.MapOrganizationsApi();
app.MapProfileApi();
app.MapFrontOfficesApi();
app.MapAuditApi();
app.MapOpportunitiesApi();
app.MapApplicationsApi();
app.MapAttendanceApi();
app.MapBookApi();

await app.RunAsync();
return 0;

static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

/// <summary>The test host starts the app through this type.</summary>
public partial class Program;
