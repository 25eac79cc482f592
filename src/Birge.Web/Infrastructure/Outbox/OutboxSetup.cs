namespace Birge.Web.Infrastructure;

public static class OutboxSetup
{
    /// <summary>
    /// Notifications leave through the outbox: files in Development (<c>Outbox:Mode=File</c>, shown at /dev/outbox),
    /// SMTP and an SMS gateway elsewhere; <see cref="OutboxSender"/> delivers them.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddScoped<Outbox>();
        services.AddHttpClient("sms");
        if (configuration.GetValue("Outbox:Mode", environment.IsDevelopment() ? "File" : "Network") == "File")
        {
            services.AddSingleton<FileMessageSender>();
            services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<FileMessageSender>());
        }
        else
        {
            services.AddSingleton<IMessageSender, NetworkMessageSender>();
        }

        services.AddPeriodicJob<OutboxSender>();
        if (environment.IsDevelopment())
        {
            // On a developer's machine the outbox viewer opens without an account, so a logged-out password reset or
            // a sign-up's confirmation link can be finished locally. Elsewhere it is refused to everyone.
            services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AllowAnonymousToPage("/Dev/Outbox"));
        }

        return services;
    }
}
