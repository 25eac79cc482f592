using Microsoft.AspNetCore.Mvc.Razor;

namespace Birge.Web.Features.Pictures;

/// <summary>Organisations' logos and opportunities' photos: uploaded, re-encoded, served and shown.</summary>
public static class PicturesFeature
{
    public static IServiceCollection AddPictures(this IServiceCollection services)
    {
        services.AddScoped<PictureUploads>();
        services.AddScoped<PictureShelf>();
        // Any page shows pictures with <partial name="_Picture" …>, which lives here rather than in Shared.
        services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Features/Pictures/{0}" + RazorViewEngine.ViewExtension));
        return services;
    }

    public static IEndpointRouteBuilder MapPictures(this IEndpointRouteBuilder app) => app.MapPicturesApi();
}
