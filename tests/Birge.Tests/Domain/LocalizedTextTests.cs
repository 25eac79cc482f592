using Birge.Web.Domain;
using Birge.Web.Localization;

namespace Birge.Tests.Domain;

public sealed class LocalizedTextTests
{
    [Fact]
    public void The_readers_language_comes_first()
    {
        var text = new LocalizedText("Сәлем", "Привет", "Hello");
        Assert.Equal("Сәлем", text.Resolve(Cultures.Kazakh));
        Assert.Equal("Привет", text.Resolve(Cultures.Russian));
        Assert.Equal("Hello", text.Resolve(Cultures.English));
    }

    [Fact]
    public void A_missing_language_falls_back_to_kazakh_then_russian_then_english()
    {
        Assert.Equal("Сәлем", new LocalizedText("Сәлем", "Привет", null).Resolve(Cultures.English));
        Assert.Equal("Привет", new LocalizedText(null, "Привет", "Hello").Resolve(Cultures.Kazakh));
        Assert.Equal("Привет", new LocalizedText("  ", "Привет", null).Resolve(Cultures.English));
        Assert.Equal("Hello", new LocalizedText(null, null, "Hello").Resolve(Cultures.Russian));
        Assert.Equal("Hello", new LocalizedText("", " ", "Hello").Resolve(Cultures.Kazakh));
    }

    [Fact]
    public void Nothing_given_reads_as_empty()
    {
        var text = new LocalizedText(null, " ", "");
        Assert.True(text.IsEmpty);
        Assert.Equal("", text.Resolve(Cultures.Russian));
        Assert.Empty(text.ToDictionary());
    }

    [Fact]
    public void The_dictionary_holds_only_the_languages_given()
    {
        var dictionary = new LocalizedText("Сәлем", null, "Hello").ToDictionary();
        Assert.Equal(["en", "kk"], dictionary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Hello", dictionary["en"]);
    }
}
