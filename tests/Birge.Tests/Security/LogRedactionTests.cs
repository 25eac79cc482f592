using System.Net;
using Birge.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Birge.Tests.Security;

/// <summary>The app with a log provider that takes everything, Trace included, from every category.</summary>
public sealed class TraceLoggedSqliteApp : SqliteApp
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Logs.AddTo(builder);
    }
}

public sealed class TraceLoggedPostgresApp : PostgresApp
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Logs.AddTo(builder);
    }
}

/// <summary>
/// One-time tokens and codes travel in links (e-mails, SMS, QR codes); whoever reads the logs must not be able to use
/// them, at any log level.
/// </summary>
public abstract class LogRedactionTests(BirgeApp app, CapturedLogs logs)
{
    [Fact]
    public async Task Tokens_of_opened_confirmation_and_reset_links_appear_in_no_log_entry()
    {
        var person = await app.NewPerson().SignedIn();
        var confirm = await Messages.LinkAsync(app, person.Email, "/account/confirm?");
        var page = await person.Pages.GetPageAsync(confirm);
        using (var confirmed = await person.Pages.SubmitAsync(page, "main form", pageUrl: confirm))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var anonymous = app.Browser();
        var forgot = await anonymous.GetPageAsync("/account/forgot-password");
        using (var sent = await anonymous.SubmitAsync(forgot, "main form", new Dictionary<string, string> { ["Input.Login"] = person.Email }, "/account/forgot-password"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var reset = await Messages.LinkAsync(app, person.Email, "/account/reset-password?");
        var resetPage = await anonymous.GetPageAsync(reset);
        using (var done = await anonymous.SubmitAsync(resetPage, "main form", new Dictionary<string, string> { ["Input.Password"] = "Jana-Qupiya-77" }, reset))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        AssertNowhereInLogs(Messages.Query(confirm, "token"), Messages.Query(reset, "token"));
    }

    [Fact]
    public async Task Codes_in_the_paths_and_queries_of_links_appear_in_no_log_entry()
    {
        var person = await app.NewPerson().SignedIn();
        var secrets = Enumerable.Range(0, 8).Select(_ => Secret()).ToArray();

        using (await app.Browser().GetAsync($"/parent-consent?token={secrets[0]}"))
        using (await person.Pages.GetAsync($"/invitations/accept?token={secrets[1]}"))
        using (await person.Pages.GetAsync($"/checkin/{Guid.NewGuid()}?code={secrets[2]}"))
        using (await app.Browser().GetAsync($"/verify/{secrets[3]}"))
        using (await app.Browser().GetAsync($"/verify?code={secrets[4]}"))
        using (await person.Pages.GetAsync($"/book/certificates/{secrets[5]}"))
        using (await app.Client().GetAsync($"/api/v1/certificates/{secrets[6]}"))
        using (await app.Browser().GetAsync($"/account/reset-password?account={Guid.NewGuid()}&token={secrets[7]}"))
        {
        }

        AssertNowhereInLogs(secrets);
    }

    /// <summary>A made-up code of the certificate alphabet, unique to the test.</summary>
    private static string Secret() =>
        string.Concat(Enumerable.Range(0, 12).Select(_ => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[Random.Shared.Next(32)]));

    private void AssertNowhereInLogs(params string[] secrets)
    {
        Assert.NotEmpty(logs.Entries);
        var leaks = logs.Entries
            .Where(entry => secrets.Any(s => entry.Contains(s, StringComparison.Ordinal) || entry.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal)))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries carry a token or code:\n{string.Join("\n", leaks.Take(20))}");
    }
}

public sealed class LogRedactionTestsOnSqlite(TraceLoggedSqliteApp app) : LogRedactionTests(app, app.Logs), IClassFixture<TraceLoggedSqliteApp>;

public sealed class LogRedactionTestsOnPostgres(TraceLoggedPostgresApp app) : LogRedactionTests(app, app.Logs), IClassFixture<TraceLoggedPostgresApp>;

/// <summary>What the redaction keeps, so logs stay useful: paths, query names, ids, route templates.</summary>
public sealed class LogRedactionRulesTests
{
    [Theory]
    [InlineData("GET http://localhost/account/confirm?account=1f0c&channel=email&token=CfDJ8%2Bx - 200", "GET http://localhost/account/confirm?account=[redacted]&channel=[redacted]&token=[redacted] - 200")]
    [InlineData("?code=7KQ2M9XD4HTB", "?code=[redacted]")]
    [InlineData("/verify/7KQ2M9XD4HTB", "/verify/[redacted]")]
    [InlineData("/api/v1/me/certificates/7KQ2M9XD4HTB/pdf", "/api/v1/me/certificates/[redacted]/pdf")]
    [InlineData("Executing endpoint 'HTTP: GET /api/v1/certificates/{code}'", "Executing endpoint 'HTTP: GET /api/v1/certificates/{code}'")]
    [InlineData("Route matched with {page = \"/Book/Verify\", code = \"7KQ2M9XD4HTB\"}.", "Route matched with {page = \"/Book/Verify\", code = \"[redacted]\"}.")]
    [InlineData("/organizations/3d2f5a7e-0000-0000-0000-000000000001/manage", "/organizations/3d2f5a7e-0000-0000-0000-000000000001/manage")]
    [InlineData("Executed DbCommand [Parameters=[@p0='?' (DbType = Guid)]]", "Executed DbCommand [Parameters=[@p0='?' (DbType = Guid)]]")]
    public void Redact_blanks_values_and_codes_and_keeps_the_shape(string text, string expected) =>
        Assert.Equal(expected, Birge.Web.Infrastructure.LogRedaction.Redact(text));
}
