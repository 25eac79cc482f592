using Birge.Web.Domain;

namespace Birge.Tests.Domain;

public sealed class BinTests
{
    // Every BIN row of shared/data/iin-bin-samples.csv.
    [Theory]
    [InlineData("940140000385", 1994, 1, BinEntityKind.ResidentLegalEntity, BinOfficeKind.HeadOffice)]
    [InlineData("990140004654", 1999, 1, BinEntityKind.ResidentLegalEntity, BinOfficeKind.HeadOffice)]
    [InlineData("150340001236", 2015, 3, BinEntityKind.ResidentLegalEntity, BinOfficeKind.HeadOffice)]
    [InlineData("180451004205", 2018, 4, BinEntityKind.NonResidentLegalEntity, BinOfficeKind.Branch)]
    public void A_valid_bin_gives_its_registration_and_kind(string number, int year, int month, BinEntityKind entity, BinOfficeKind office)
    {
        Assert.True(Bin.TryParse(number, out var bin));
        Assert.Equal(number, bin!.Value);
        Assert.Equal(year, bin.RegisteredYear);
        Assert.Equal(month, bin.RegisteredMonth);
        Assert.Equal(entity, bin.EntityKind);
        Assert.Equal(office, bin.OfficeKind);
    }

    [Theory]
    [InlineData("940140000386")] // bad check digit
    [InlineData("949940000389")] // month 99 (check digit correct)
    [InlineData("94014000038")]
    [InlineData("")]
    [InlineData(null)]
    public void An_invalid_bin_is_refused(string? number)
    {
        Assert.False(Bin.TryParse(number, out var bin));
        Assert.Null(bin);
    }
}
