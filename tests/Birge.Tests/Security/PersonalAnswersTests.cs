using System.Net;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Security;

/// <summary>
/// Whatever is answered to a signed-in person (every authenticated API answer, every page) and every page opened from a
/// one-time link is never stored by a browser or a proxy; static files and public answers to anonymous visitors may be.
/// </summary>
public abstract class PersonalAnswersTests(BirgeApp app)
{
    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/me/data")]
    [InlineData("/api/v1/me/profile")]
    [InlineData("/api/v1/regions")]
    public async Task Every_answer_to_a_signed_in_api_client_is_no_store(string path)
    {
        var person = await app.NewPerson().WithToken();
        using var client = app.Client(accessToken: person.Token);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/profile")]
    [InlineData("/opportunities")]
    public async Task Every_page_for_a_signed_in_person_is_no_store(string path)
    {
        var person = await app.NewPerson().SignedIn();

        using var response = await person.Pages.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_page_opened_from_a_one_time_link_is_no_store()
    {
        using var response = await app.Browser().GetAsync($"/parent-consent?token={Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/api/v1/regions")]
    public async Task Static_files_and_public_anonymous_answers_stay_cacheable(string path)
    {
        using var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }
}

[Collection(Sqlite.Name)]
public sealed class PersonalAnswersTestsOnSqlite(SqliteApp app) : PersonalAnswersTests(app);

[Collection(Postgres.Name)]
public sealed class PersonalAnswersTestsOnPostgres(PostgresApp app) : PersonalAnswersTests(app);
