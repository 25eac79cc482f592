using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Accounts;

/// <summary>
/// Logging in never tells whether a login exists: an unknown login and a locked account get the answer of a wrong
/// password, and the password hasher runs for each of them as it does for a real check.
/// </summary>
public abstract class LoginEnumerationTests(BirgeApp app)
{
    [Fact]
    public async Task A_locked_account_answers_the_api_exactly_like_an_unknown_login()
    {
        var person = await app.NewPerson();
        var unknown = People.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await app.TokenResponseAsync(person.Email, $"Wrong-{i}-2026");
            using var nobody = await app.TokenResponseAsync(unknown, $"Wrong-{i}-2026");
        }

        using var locked = await app.TokenResponseAsync(person.Email, People.Password);
        using var stranger = await app.TokenResponseAsync(unknown, People.Password);

        var lockedProblem = await locked.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
        var strangerProblem = await stranger.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
        Assert.Equal(Describe(strangerProblem), Describe(lockedProblem));
    }

    [Fact]
    public async Task A_locked_account_answers_the_login_page_exactly_like_an_unknown_login()
    {
        var person = await app.NewPerson();
        var unknown = People.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Logins.PostAsync(app.Browser(), person.Email, $"Wrong-password-{i}");
            using var nobody = await Logins.PostAsync(app.Browser(), unknown, $"Wrong-password-{i}");
        }

        using var locked = await Logins.PostAsync(app.Browser(), person.Email, People.Password);
        using var stranger = await Logins.PostAsync(app.Browser(), unknown, People.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        var message = Html.Text("Error_login_failed", Cultures.Kazakh);
        Assert.Equal(message, (await Html.ParseAsync(locked)).FieldError("Input_Login"));
        Assert.Equal(message, (await Html.ParseAsync(stranger)).FieldError("Input_Login"));
    }

    [Fact]
    public async Task The_password_hasher_runs_once_for_an_unknown_login_a_locked_account_and_a_wrong_password()
    {
        var hasher = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<Account>>(hasher)));
        var person = await app.NewPerson();
        var unknown = People.NewEmail();
        for (var i = 0; i < 5; i++)
        {
            using var client = counted.CreateClient();
            using var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { login = person.Email, password = $"Wrong-{i}-2026" });
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
        }

        var wrongPassword = await app.NewPerson();
        var counts = new List<int>();
        foreach (var (login, password) in new[] { (person.Email, People.Password), (unknown, People.Password), (wrongPassword.Email, "Wrong-9-2026") })
        {
            hasher.Reset();
            using var client = counted.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
            counts.Add(hasher.Verified);
        }

        Assert.Equal([1, 1, 1], counts);
    }

    [Fact]
    public async Task A_child_waiting_for_consent_is_named_only_to_someone_who_knows_the_password()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var person = await app.NewPerson().With("birthDate", today.AddYears(-12).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).With("parentConsent", new { name = "Сәуле Ахметова", email = People.NewEmail() });

        using var guess = await app.TokenResponseAsync(person.Email, "Wrong-1-2026");
        using var owner = await app.TokenResponseAsync(person.Email, People.Password);

        await guess.AssertProblemAsync(HttpStatusCode.Unauthorized, AccountErrors.LoginFailed);
        await owner.AssertProblemAsync(HttpStatusCode.Forbidden, AccountErrors.AwaitingParentConsent);
    }

    private static string Describe(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));

    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> inner = new();
        private int verified;

        public int Verified => Volatile.Read(ref verified);

        public void Reset() => Interlocked.Exchange(ref verified, 0);

        public string HashPassword(Account user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

[Collection(Sqlite.Name)]
public sealed class LoginEnumerationTestsOnSqlite(SqliteApp app) : LoginEnumerationTests(app);

[Collection(Postgres.Name)]
public sealed class LoginEnumerationTestsOnPostgres(PostgresApp app) : LoginEnumerationTests(app);
