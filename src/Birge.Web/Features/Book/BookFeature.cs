namespace Birge.Web.Features.Book;

/// <summary>The volunteer book, signed certificates and their public check.</summary>
public static class BookFeature
{
    public static IServiceCollection AddBook(this IServiceCollection services)
    {
        services.AddSingleton(sp => CertificateSigner.FromConfiguration(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddScoped<VolunteerBook>();
        return services;
    }

    public static IEndpointRouteBuilder MapBook(this IEndpointRouteBuilder app)
    {
        // Certificates cannot be signed or checked without the platform's key: refuse to start rather than fail later.
        _ = app.ServiceProvider.GetRequiredService<CertificateSigner>();
        return app.MapBookApi();
    }
}
