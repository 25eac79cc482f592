using Birge.Web.Domain;

namespace Birge.Tests.Domain;

public sealed class IinTests
{
    // Every IIN row of shared/data/iin-bin-samples.csv.
    [Theory]
    [InlineData("900101300007", "1990-01-01", true)]
    [InlineData("950515400122", "1995-05-15", false)]
    [InlineData("000229501234", "2000-02-29", true)]
    [InlineData("071231600010", "2007-12-31", false)]
    [InlineData("120615600423", "2012-06-15", false)]
    [InlineData("850703309993", "1985-07-03", true)]
    [InlineData("880412300200", "1988-04-12", true)]
    [InlineData("061211600012", "2006-12-11", false)]
    public void A_valid_iin_gives_the_birth_date_and_sex(string number, string birthDate, bool isMale)
    {
        Assert.True(Iin.TryParse(number, out var iin));
        Assert.Equal(number, iin!.Value);
        Assert.Equal(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), iin.BirthDate);
        Assert.Equal(isMale, iin.IsMale);
    }

    [Theory]
    [InlineData("900101300008")] // bad check digit
    [InlineData("90010130000")] // 11 digits
    [InlineData("901301300007")] // month 13 (check digit correct)
    [InlineData("900101700002")] // century/sex digit 7 (check digit correct)
    [InlineData("000230500003")] // 30 February (check digit correct)
    [InlineData("12345678901a")] // not digits
    [InlineData("880412300250")] // both weight passes give 10 (never issued)
    [InlineData("")]
    [InlineData(null)]
    public void An_invalid_iin_is_refused(string? number)
    {
        Assert.False(Iin.TryParse(number, out var iin));
        Assert.Null(iin);
    }

    [Fact]
    public void Spaces_a_person_types_around_and_inside_are_ignored()
    {
        Assert.True(Iin.TryParse(" 900101 300007 ", out var iin));
        Assert.Equal("900101300007", iin!.Value);
    }
}
