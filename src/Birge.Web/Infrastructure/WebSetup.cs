using Birge.Web.Features.Accounts;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;

namespace Birge.Web.Infrastructure;

/// <summary>The web parts every feature shares: languages, Razor Pages, forms, problems and error pages.</summary>
public static class WebSetup
{
    /// <summary>Kazakh by default, Russian and English: the link's <c>?culture=</c>, then the cookie, then Accept-Language.</summary>
    public static IServiceCollection AddBirgeLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures.Kazakh);
            o.SupportedCultures = [.. Cultures.All];
            o.SupportedUICultures = [.. Cultures.All];
            o.RequestCultureProviders = [new BirgeRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Razor Pages from <c>Features/</c>, signed-in by default, with localized views, labels and binding messages.</summary>
    public static IServiceCollection AddBirgePages(this IServiceCollection services, IConfiguration configuration)
    {
        // Kazakh and Russian text goes out as UTF-8 characters, not six-byte numeric entities per letter.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "birge.af";
            o.Cookie.SecurePolicy = BirgeIdentity.SecureCookies(configuration);
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
        services.AddScoped<ApiProblems>();
        return services;
    }

    /// <summary>
    /// Errors and bare status codes: the API answers problem details (malformed JSON is the client's mistake, 400),
    /// pages show the error page in the request's language.
    /// </summary>
    public static IApplicationBuilder UseBirgeErrors(this IApplicationBuilder app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = exception => exception switch
                {
                    BadHttpRequestException bad => bad.StatusCode,
                    _ when DatabaseUnavailable.Is(exception) => StatusCodes.Status503ServiceUnavailable,
                    _ => StatusCodes.Status500InternalServerError,
                },
            });
            api.UseStatusCodePages(ApiStatusCodes.WriteAsync);
            api.UseApiBodyLimit();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                StatusCodeSelector = exception => DatabaseUnavailable.Is(exception)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
