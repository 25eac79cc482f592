namespace Birge.Web.Infrastructure;

/// <summary>
/// Where the program finds <c>appsettings.json</c>, <c>wwwroot</c> and relative data paths (its content root).
/// ASP.NET's default is the working folder, so <c>cd /srv/x &amp;&amp; dotnet /opt/birge/Birge.Web.dll</c> ran
/// without its settings and static files. Here it is, in this order: <c>--contentRoot</c>,
/// <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c> when given (the test host gives one); the project folder
/// when started from source (<c>dotnet run</c> works in the project folder, so <c>data/</c> stays
/// <c>src/Birge.Web/data</c>); otherwise the folder that holds <c>Birge.Web.dll</c>.
/// </summary>
public static class AppFolder
{
    /// <summary>The content root to start with, or null when one is configured (the host then takes that one).</summary>
    public static string? DefaultContentRoot(string[] args)
    {
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(configured))
        {
            return null;
        }

        var workingFolder = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(workingFolder, "Birge.Web.csproj")) ? workingFolder : AppContext.BaseDirectory;
    }
}
