namespace Birge.Tests.Localization;

/// <summary>
/// The three resource files say the same things: every key in each language, once, never empty. Merges append keys
/// (the files merge by union), so a key added twice or in one language only is caught here rather than by a user.
/// </summary>
public sealed class ResourceFilesTests
{
    private static readonly string[] Languages = ResourceFiles.Languages;

    private static List<(string Key, string Value)> Entries(string language) => ResourceFiles.Entries(language);

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void No_key_appears_twice(string language)
    {
        var twice = Entries(language).GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{language}: {string.Join(", ", twice)}");
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public void No_text_is_empty(string language)
    {
        var empty = Entries(language).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();
        Assert.True(empty.Count == 0, $"{language}: {string.Join(", ", empty)}");
    }

    [Fact]
    public void Every_key_exists_in_all_three_languages()
    {
        var keys = Languages.ToDictionary(l => l, l => Entries(l).Select(e => e.Key).ToHashSet());
        var all = keys.Values.SelectMany(k => k).ToHashSet();
        var missing = Languages.SelectMany(l => all.Except(keys[l]).Select(k => $"{l}: {k}")).ToList();
        Assert.True(all.Count > 400, "the resource files were not found or are nearly empty");
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }
}
