using Birge.Web.Localization;

namespace Birge.Tests.Domain;

public sealed class PluralRulesTests
{
    [Theory]
    [InlineData(1, "one")]
    [InlineData(21, "one")]
    [InlineData(101, "one")]
    [InlineData(2, "few")]
    [InlineData(3, "few")]
    [InlineData(4, "few")]
    [InlineData(22, "few")]
    [InlineData(5, "many")]
    [InlineData(11, "many")]
    [InlineData(12, "many")]
    [InlineData(14, "many")]
    [InlineData(25, "many")]
    [InlineData(111, "many")]
    [InlineData(112, "many")]
    [InlineData(0, "many")]
    public void Russian_has_one_few_and_many(long n, string category) =>
        Assert.Equal(category, PluralRules.Category(n, Cultures.Russian));

    [Theory]
    [InlineData(1, "one")]
    [InlineData(0, "other")]
    [InlineData(2, "other")]
    [InlineData(5, "other")]
    [InlineData(11, "other")]
    [InlineData(21, "other")]
    public void Kazakh_and_english_have_one_and_other(long n, string category)
    {
        Assert.Equal(category, PluralRules.Category(n, Cultures.Kazakh));
        Assert.Equal(category, PluralRules.Category(n, Cultures.English));
    }
}
