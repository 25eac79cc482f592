using System.Net;
using System.Net.Http.Headers;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Birge.Tests.Features.Pictures;

/// <summary>
/// Logos and photos: uploaded by the organisation's people on a page or through the API, checked by content,
/// shrunk and re-encoded without metadata, served with a long cache, shown on the fair in the reader's language.
/// </summary>
public abstract class PictureTests(BirgeApp app)
{
    [Fact]
    public async Task A_png_logo_uploaded_on_its_page_is_re_encoded_capped_and_shown_on_the_fair_in_the_readers_language()
    {
        var owner = await app.NewPerson().SignedIn().OwningAnOrganization();
        var url = $"/organizations/{owner.OrganizationId}/logo";
        var png = Pictures.Png(1000, 500);

        using var response = await Pictures.UploadOnPageAsync(owner.Pages, url, png, "logo.png", "image/png", "Ұйымның логотипі", "Логотип организации");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Location());
        var picture = await LogoOfAsync(owner.OrganizationId);
        Assert.NotNull(picture);
        Assert.Equal("image/webp", picture.ContentType);
        Assert.Equal((400, 200), (picture.Width, picture.Height));
        Assert.Equal((400, 200, SKEncodedImageFormat.Webp), Pictures.Decode(picture.Bytes));
        Assert.Equal(owner.Id, picture.UploadedBy);
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "picture.upload" && e.TargetId == owner.OrganizationId.ToString())));

        var name = await app.Db(db => db.Organizations.Where(o => o.Id == owner.OrganizationId).Select(o => o.Name).FirstAsync());
        var query = "/organizations?q=" + Uri.EscapeDataString(name);
        var russian = (await app.Browser("ru").GetPageAsync(query)).Find(".fair-list img.picture");
        Assert.Equal(picture.Url, russian.GetAttribute("src"));
        Assert.Equal("Логотип организации", russian.GetAttribute("alt"));
        Assert.Equal(("400", "200", "lazy"), (russian.GetAttribute("width"), russian.GetAttribute("height"), russian.GetAttribute("loading")));
        // No English text: the Kazakh one is read.
        Assert.Equal("Ұйымның логотипі", (await app.Browser("en").GetPageAsync(query)).Find(".fair-list img.picture").GetAttribute("alt"));
        Assert.Equal(picture.Url, (await app.Browser().GetPageAsync($"/organizations/{owner.OrganizationId}")).Find("img.picture").GetAttribute("src"));
    }

    [Fact]
    public async Task The_gps_tag_of_an_uploaded_jpeg_photo_is_gone_and_the_photo_is_capped_at_1200_pixels()
    {
        var owner = await app.NewPerson().WithToken().OwningAnOrganization();
        var opportunity = await app.NewOpportunity(owner.OrganizationId);
        var jpeg = Pictures.JpegWithGps(1600, 1200);
        Assert.True(Pictures.Contains(jpeg, Pictures.GpsMarker) && Pictures.Contains(jpeg, "Exif"));
        Assert.Equal((1600, 1200, SKEncodedImageFormat.Jpeg), Pictures.Decode(jpeg));

        using var response = await Pictures.PutAsync(owner.Api, $"/api/v1/opportunities/{opportunity.OpportunityId}/photo", jpeg, "IMG_0001.jpg", "image/jpeg", "Саябақты тазалау");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal((1200, 900), (json.GetProperty("width").GetInt32(), json.GetProperty("height").GetInt32()));
        Assert.Equal("Саябақты тазалау", json.GetProperty("alt").GetProperty("kk").GetString());
        var stored = await app.Db(db => db.Pictures.FirstAsync(p => p.Subject == PictureSubject.OpportunityPhoto && p.OwnerId == opportunity.OpportunityId));
        Assert.Equal(stored.Url, json.GetProperty("url").GetString());
        Assert.False(Pictures.Contains(stored.Bytes, Pictures.GpsMarker));
        Assert.False(Pictures.Contains(stored.Bytes, "Exif"));
        Assert.Equal((1200, 900, SKEncodedImageFormat.Webp), Pictures.Decode(stored.Bytes));

        // The opportunity's page and its card in the search show it.
        Assert.Equal(stored.Url, (await app.Browser().GetPageAsync($"/opportunities/{opportunity.OpportunityId}")).Find("img.picture").GetAttribute("src"));
    }

    [Fact]
    public async Task A_webp_logo_is_accepted_through_the_api_and_a_small_one_keeps_its_size()
    {
        var owner = await app.NewPerson().WithToken().OwningAnOrganization();

        using var response = await Pictures.PutAsync(owner.Api, $"/api/v1/organizations/{owner.OrganizationId}/logo", Pictures.Webp(120, 80), "logo.webp", "image/webp", "Логотип");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var picture = await LogoOfAsync(owner.OrganizationId);
        Assert.Equal((120, 80, SKEncodedImageFormat.Webp), Pictures.Decode(picture!.Bytes));
    }

    [Fact]
    public async Task A_text_file_named_png_is_refused_by_its_content_and_the_form_comes_back_filled()
    {
        var owner = await app.NewPerson().SignedIn().OwningAnOrganization();
        var text = "This is not a picture, whatever its name says."u8.ToArray();

        using var response = await Pictures.UploadOnPageAsync(owner.Pages, $"/organizations/{owner.OrganizationId}/logo", text, "logo.png", "image/png", "Логотип", "Логотип ру");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_picture_type_invalid", Cultures.Kazakh), page.FieldError("Input_File"));
        Assert.Equal("Логотип", page.Value("Input_AltKk"));
        Assert.Equal("Логотип ру", page.Value("Input_AltRu"));
        Assert.Null(await LogoOfAsync(owner.OrganizationId));

        var other = await app.NewPerson().WithToken().OwningAnOrganization();
        using var refused = await Pictures.PutAsync(other.Api, $"/api/v1/organizations/{other.OrganizationId}/logo", text, "logo.png", "image/png", "Логотип");
        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "picture_type_invalid");
        Assert.Null(await LogoOfAsync(other.OrganizationId));
    }

    [Fact]
    public async Task A_six_megabyte_file_is_refused_with_a_translated_message_on_the_page_and_in_the_api()
    {
        var owner = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var big = new byte[6 * 1024 * 1024];
        Random.Shared.NextBytes(big);

        using var response = await Pictures.UploadOnPageAsync(owner.Pages, $"/organizations/{owner.OrganizationId}/logo", big, "big.jpg", "image/jpeg", "Үлкен логотип");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(Html.Text("Error_picture_too_large", Cultures.Kazakh), page.FieldError("Input_File"));
        Assert.Equal("Үлкен логотип", page.Value("Input_AltKk"));

        using var refused = await Pictures.PutAsync(owner.Api, $"/api/v1/organizations/{owner.OrganizationId}/logo", big, "big.jpg", "image/jpeg", "Үлкен логотип");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "picture_too_large");
        Assert.Equal(Html.Text("Error_picture_too_large", Cultures.Kazakh), problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Null(await LogoOfAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_fifty_megabyte_upload_is_refused_cleanly()
    {
        var owner = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var huge = new byte[50 * 1024 * 1024];
        var url = $"/organizations/{owner.OrganizationId}/logo";

        using var response = await Pictures.UploadOnPageAsync(owner.Pages, url, huge, "huge.jpg", "image/jpeg", "Логотип");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = await owner.Pages.GetPageAsync(response.Location());
        Assert.Equal(Html.Text("Error_picture_too_large", Cultures.Kazakh), back.FieldError("Input_File"));

        using var refused = await Pictures.PutAsync(owner.Api, $"/api/v1/organizations/{owner.OrganizationId}/logo", huge, "huge.jpg", "image/jpeg", "Логотип");
        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Null(await LogoOfAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_decompression_bomb_and_a_missing_kazakh_description_are_refused()
    {
        var owner = await app.NewPerson().WithToken().OwningAnOrganization();
        var url = $"/api/v1/organizations/{owner.OrganizationId}/logo";

        using var bomb = await Pictures.PutAsync(owner.Api, url, Pictures.DecompressionBomb(), "bomb.png", "image/png", "Логотип");
        await bomb.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "picture_dimensions_too_large");

        using var noAlt = await Pictures.PutAsync(owner.Api, url, Pictures.Png(50, 50), "logo.png", "image/png", null, "Только по-русски");
        await noAlt.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "picture_alt_required");
        Assert.Null(await LogoOfAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_stranger_and_the_owner_of_another_organisation_are_refused()
    {
        var owner = await app.NewPerson().WithToken().OwningAnOrganization();
        var opportunity = await app.NewOpportunity(owner.OrganizationId);
        var stranger = await app.NewPerson().SignedIn().WithToken();
        var otherOwner = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var png = Pictures.Png(64, 64);

        foreach (var person in new[] { stranger, otherOwner })
        {
            using var logo = await Pictures.PutAsync(person.Api, $"/api/v1/organizations/{owner.OrganizationId}/logo", png, "logo.png", "image/png", "Логотип");
            await logo.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            using var photo = await Pictures.PutAsync(person.Api, $"/api/v1/opportunities/{opportunity.OpportunityId}/photo", png, "photo.png", "image/png", "Сурет");
            await photo.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            using var page = await person.Pages.GetAsync($"/organizations/{owner.OrganizationId}/logo");
            Assert.Equal("/error/403", page.Headers.Location?.AbsolutePath);
        }

        Assert.Null(await LogoOfAsync(owner.OrganizationId));
        Assert.False(await app.Db(db => db.Pictures.AnyAsync(p => p.OwnerId == opportunity.OpportunityId)));
    }

    [Fact]
    public async Task A_served_picture_is_cached_for_a_year_and_a_new_upload_changes_its_address()
    {
        var owner = await app.NewPerson().WithToken().OwningAnOrganization();
        var url = $"/api/v1/organizations/{owner.OrganizationId}/logo";
        using (var first = await Pictures.PutAsync(owner.Api, url, Pictures.Png(300, 300), "a.png", "image/png", "Бірінші"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var picture = (await LogoOfAsync(owner.OrganizationId))!;

        // Signed in or not, the answer is the same public, immutable picture.
        foreach (var client in new[] { app.Client(), owner.Api })
        {
            using var served = await client.GetAsync(picture.Url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(picture.Bytes, await served.Content.ReadAsByteArrayAsync());
            Assert.Equal($"\"{picture.Version}\"", served.Headers.ETag?.Tag);
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, picture.Url);
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{picture.Version}\""));
        using var notModified = await app.Client().SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using (var second = await Pictures.PutAsync(owner.Api, url, Pictures.Png(200, 100), "b.png", "image/png", "Екінші"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var replaced = (await LogoOfAsync(owner.OrganizationId))!;
        Assert.Equal(picture.Id, replaced.Id);
        Assert.NotEqual(picture.Url, replaced.Url);
        Assert.Equal(1, await app.Db(db => db.Pictures.CountAsync(p => p.OwnerId == owner.OrganizationId)));
        using var old = await app.Client().GetAsync(picture.Url);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task A_removed_logo_leaves_the_placeholder_on_the_fair()
    {
        var owner = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        using (var put = await Pictures.PutAsync(owner.Api, $"/api/v1/organizations/{owner.OrganizationId}/logo", Pictures.Png(100, 100), "a.png", "image/png", "Логотип"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var picture = (await LogoOfAsync(owner.OrganizationId))!;
        var page = await owner.Pages.GetPageAsync($"/organizations/{owner.OrganizationId}/logo");
        Assert.Equal(picture.Url, page.Find("#current-picture").GetAttribute("src"));

        using var removed = await owner.Pages.SubmitAsync(page, "#remove-form", pageUrl: $"/organizations/{owner.OrganizationId}/logo");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal($"/organizations/{owner.OrganizationId}/logo", removed.Location());
        Assert.Null(await LogoOfAsync(owner.OrganizationId));
        Assert.True(await app.Db(db => db.AuditEntries.AnyAsync(e => e.Action == "picture.remove" && e.TargetId == owner.OrganizationId.ToString())));
        using var gone = await app.Client().GetAsync(picture.Url);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        var name = await app.Db(db => db.Organizations.Where(o => o.Id == owner.OrganizationId).Select(o => o.Name).FirstAsync());
        var fair = await app.Browser().GetPageAsync("/organizations?q=" + Uri.EscapeDataString(name));
        Assert.Empty(fair.QuerySelectorAll(".fair-list img"));
        Assert.Equal("Қ" + name.Split(' ')[1][0].ToString().ToUpperInvariant(), fair.Find(".fair-list .picture--none").TextContent.Trim());

        using var again = await owner.Api.DeleteAsync($"/api/v1/organizations/{owner.OrganizationId}/logo");
        await again.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Demo_logos_are_drawn_with_kazakh_initials()
    {
        var drawn = Birge.Web.Features.Pictures.DemoLogos.Draw("ҚӘ", new SKColor(0x0b, 0x6e, 0x6e));

        Assert.Equal((256, 256, SKEncodedImageFormat.Webp), Pictures.Decode(drawn.Bytes));
        using var bitmap = SKBitmap.Decode(drawn.Bytes);
        // White letters drawn in the middle of the coloured square.
        var white = Enumerable.Range(64, 128).SelectMany(x => Enumerable.Range(64, 128).Select(y => bitmap.GetPixel(x, y))).Count(c => c.Red > 200 && c.Green > 200 && c.Blue > 200);
        Assert.True(white > 500, $"{white} white pixels: no letters drawn.");
    }

    private Task<Picture?> LogoOfAsync(Guid organizationId) =>
        app.Db(db => db.Pictures.AsNoTracking().FirstOrDefaultAsync(p => p.Subject == PictureSubject.OrganizationLogo && p.OwnerId == organizationId));
}

[Collection(Sqlite.Name)]
public sealed class PictureTestsOnSqlite(SqliteApp app) : PictureTests(app);

[Collection(Postgres.Name)]
public sealed class PictureTestsOnPostgres(PostgresApp app) : PictureTests(app);
