using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Birge.BrowserTests.Infrastructure;

/// <summary>
/// The whole Birge app on Kestrel (a free loopback port, a fresh SQLite file) and one headless Debian Chromium,
/// shared by every browser test. Each test opens its own <see cref="IBrowserContext"/>: a phone, in one language.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>A small phone, the device most volunteers will use.</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "birge-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly int port = FreeLoopbackPort();
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl => $"http://127.0.0.1:{port}";

    /// <summary>The app's <see cref="TimeProvider"/>: real time unless a journey moves it on.</summary>
    public TestClock Clock { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Debian's Chromium; never a downloaded one.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("BIRGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install Debian's chromium package (./test.sh does) or set BIRGE_CHROMIUM; " +
                "the browser tests never download a browser.");
        }

        Directory.CreateDirectory(folder);
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh phone-sized browser session whose language preference is <paramref name="culture"/>.</summary>
    public async Task<IPage> NewPageAsync(CultureInfo culture)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = culture.Name,
            ViewportSize = Phone,
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// An adult account made by the app's own sign-up, as if through the form: in Almaty unless <paramref name="kato"/>
    /// names another region, with an e-mail and a Kazakh mobile number never used before; the person logs in with the
    /// e-mail and <see cref="Pages.Password"/>, in <paramref name="language"/> unless they choose another.
    /// </summary>
    public async Task<TestAccount> NewAccountAsync(string fullName, string language = "kk", string? kato = null)
    {
        var email = Pages.NewEmail();
        var phone = Pages.NewPhone();
        using var scope = Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignUp>().ExecuteAsync(
            new SignUpInput
            {
                Email = email,
                Phone = phone,
                Password = Pages.Password,
                FullName = fullName,
                BirthDate = new DateOnly(1992, 5, 17),
                RegionKato = kato ?? Pages.AlmatyCity,
                ConsentVersion = PersonalDataConsent.CurrentVersion,
            },
            language,
            "test",
            CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        return new TestAccount(result.Value!.Account.Id, email, phone);
    }

    /// <summary>
    /// An organisation in Almaty that its front office has verified (the organisations journey does this through the
    /// pages), with the person as its coordinator, as an accepted invitation makes them.
    /// </summary>
    public Task<Guid> VerifiedOrganizationAsync(string name, Guid coordinatorId, LocalizedText description) => Db(async db =>
    {
        var now = DateTime.UtcNow;
        var organization = new Organization
        {
            Bin = Pages.NewBin(),
            Name = name,
            LegalForm = "foundation",
            RegionKato = Pages.AlmatyCity,
            Directions = ["social"],
            Description = description,
            CreatedAt = now,
        };
        organization.RefreshSearchText();
        Assert.Null(organization.Decide(OrganizationDecision.Verify, null, Guid.NewGuid(), now));
        organization.Members.Add(new OrganizationMember { OrganizationId = organization.Id, AccountId = coordinatorId, Role = OrganizationMember.Coordinator, JoinedAt = now });
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    });

    /// <summary>Runs a query against the app's database in a scope of its own.</summary>
    public async Task<T> Db<T>(Func<BirgeDb, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<BirgeDb>());
    }

    public new async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it is harmless.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", DatabaseProvider.Sqlite.ToString());
        builder.UseSetting("ConnectionStrings:Birge", $"Data Source={Path.Combine(folder, "birge.db")}");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Security:RequireHttps", "false");
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Outbox:Mode", "File");
        builder.UseSetting("Outbox:Directory", Path.Combine(folder, "outbox"));
        builder.UseSetting("Birge:PublicUrl", BaseUrl);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An account made for a test: its id, the e-mail it logs in with, its mobile number.</summary>
public sealed record TestAccount(Guid Id, string Email, string Phone);

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
