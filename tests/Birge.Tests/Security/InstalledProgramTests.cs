using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Birge.Tests.Security;

/// <summary>
/// The built program laid out as <c>dotnet publish</c> lays it out (the build output and <c>wwwroot</c> in one folder,
/// like <c>/opt/birge</c>), started in Production from another, empty working folder (like systemd's
/// <c>WorkingDirectory=/var/lib/birge</c>) on a free loopback port, as behind nginx on the same machine. Stopped at the end.
/// </summary>
public sealed class InstalledProgram : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string root = Path.Combine(Path.GetTempPath(), "birge-installed", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? process;

    public string InstallFolder => Path.Combine(root, "opt-birge");

    public string WorkingFolder => Path.Combine(root, "var-lib-birge");

    public string DatabaseFile => Path.Combine(root, "data", "birge.db");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>What the program wrote to its console (stdout and stderr) so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var build = BuildOutput();
        CopyFolder(build, InstallFolder);
        CopyFolder(Path.Combine(RepositoryRoot(), "src", "Birge.Web", "wwwroot"), Path.Combine(InstallFolder, "wwwroot"));
        Directory.CreateDirectory(WorkingFolder);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        var keyFile = Path.Combine(root, "certificate-signing-key.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = WorkingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InstallFolder, "Birge.Web.dll"));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k is "DOTNET_CONTENTROOT" or "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Birge"] = $"Data Source={DatabaseFile}";
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Certificates__SigningKeyFile"] = keyFile;
        start.Environment["ForwardedHeaders__Enabled"] = "true";
        start.Environment["Jobs__Outbox__Enabled"] = "false";
        start.Environment["Jobs__Reminders__Enabled"] = "false";
        start.Environment["Jobs__UnconfirmedAccounts__Enabled"] = "false";

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The program stopped with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var live = await Client.GetAsync("/health/live");
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The program did not answer /health/live within {StartTimeout}:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(wait.Token);
            }

            process.Dispose();
        }

        Directory.Delete(root, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>The folder holding Birge.Tests.sln's checkout (found upwards from the test's own folder).</summary>
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Birge.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Birge.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>src/Birge.Web/bin/{configuration}/{framework}, built with the tests (test.sh builds the solution).</summary>
    private static string BuildOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var folder = Path.Combine(RepositoryRoot(), "src", "Birge.Web", "bin", testOutput.Parent!.Name, testOutput.Name);
        return File.Exists(Path.Combine(folder, "Birge.Web.dll"))
            ? folder
            : throw new InvalidOperationException($"Birge.Web is not built in {folder}: run ./test.sh, which builds it.");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Started from any folder, the program reads its own settings (appsettings.json: logging at Warning for ASP.NET, one
/// line per entry), serves its own static files, keeps data where it is configured and sends no Server header.
/// </summary>
public sealed class InstalledProgramTests(InstalledProgram program) : IClassFixture<InstalledProgram>
{
    [Fact]
    public async Task Static_files_come_from_the_programs_own_folder_wherever_it_is_started()
    {
        using var response = await HttpsPageAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_programs_appsettings_are_in_effect_wherever_it_is_started()
    {
        using (var page = await HttpsPageAsync("/account/reset-password?account=1&token=Sekret-Token-Value"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // appsettings.json: the console writes one line per entry, and ASP.NET logs only warnings (no request lines).
        var output = program.Output;
        Assert.Contains("info: Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sekret-Token-Value", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_goes_where_it_is_configured_and_nothing_into_the_working_folder()
    {
        Assert.True(File.Exists(program.DatabaseFile));
        Assert.Empty(Directory.EnumerateFileSystemEntries(program.WorkingFolder));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/account/login")]
    [InlineData("/css/site.css")]
    public async Task No_answer_names_the_server_software(string path)
    {
        using var response = await HttpsPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(", ", response.Headers.Server));
    }

    /// <summary>A request as nginx passes it on after ending TLS.</summary>
    private Task<HttpResponseMessage> HttpsPageAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return program.Client.SendAsync(request);
    }
}
