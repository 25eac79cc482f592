using Birge.Web.Localization;

namespace Birge.Tests.Domain;

public sealed class MoneyTests
{
    [Fact]
    public void Kazakh_and_russian_write_the_tenge_sign_after_the_amount()
    {
        foreach (var culture in new[] { Cultures.Kazakh, Cultures.Russian })
        {
            var text = Normalize(Money.Tenge(1500m, culture));
            Assert.Equal("1 500 ₸", text);
        }
    }

    [Fact]
    public void English_writes_the_tenge_sign_before_the_amount()
    {
        Assert.Equal("₸1,500", Money.Tenge(1500m, Cultures.English));
    }

    [Fact]
    public void Tiyn_are_shown_only_when_there_are_some()
    {
        Assert.Equal("₸1,500.50", Money.Tenge(1500.5m, Cultures.English));
        Assert.Equal("1 500,50 ₸", Normalize(Money.Tenge(1500.5m, Cultures.Russian)));
    }

    // Cultures separate groups with a no-break space (U+00A0 or U+202F): a reader sees a space.
    private static string Normalize(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
