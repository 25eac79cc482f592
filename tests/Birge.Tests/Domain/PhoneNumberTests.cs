using Birge.Web.Domain;
using Birge.Web.Features.Accounts;

namespace Birge.Tests.Domain;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+7 701 123 45 67")]
    [InlineData("8 (701) 123-45-67")]
    [InlineData("87011234567")]
    [InlineData("77011234567")]
    [InlineData("7011234567")]
    [InlineData("+77011234567")]
    public void Every_common_spelling_of_a_kazakh_mobile_is_stored_the_same_way(string typed)
    {
        Assert.True(PhoneNumber.TryParse(typed, out var phone));
        Assert.Equal("+77011234567", phone!.Value);
    }

    [Theory]
    [InlineData("+7 916 123 45 67")] // Russia shares +7
    [InlineData("89161234567")]
    [InlineData("770112345678")] // 12 digits
    [InlineData("+770112345678")]
    [InlineData("8 701 ABC 45 67")]
    [InlineData("phone")]
    [InlineData("701123456")] // 9 digits
    [InlineData("7+7011234567")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? typed)
    {
        Assert.False(PhoneNumber.TryParse(typed, out var phone));
        Assert.Null(phone);
    }

    [Theory]
    [InlineData("+7 727 258 00 00")] // Almaty
    [InlineData("8 (7172) 55-00-00")] // Astana
    [InlineData("87252530000")] // Shymkent
    public void A_kazakh_landline_is_refused_for_sms_with_its_own_code(string typed)
    {
        Assert.False(PhoneNumber.TryParse(typed, out var phone));
        Assert.Null(phone);
        Assert.Equal(AccountErrors.PhoneNotMobile, PhoneNumber.Check(typed));
    }

    [Theory]
    [InlineData("+7 916 123 45 67")]
    [InlineData("+7 495 123 45 67")] // a Moscow landline
    [InlineData("phone")]
    [InlineData(null)]
    public void A_number_that_is_not_kazakh_is_invalid_rather_than_not_mobile(string? typed) =>
        Assert.Equal(ErrorCodes.PhoneInvalid, PhoneNumber.Check(typed));

    [Fact]
    public void A_mobile_passes_the_check()
    {
        Assert.Null(PhoneNumber.Check("8 (707) 000-00-00"));
        Assert.True(PhoneNumber.TryParse("8 (707) 000-00-00", out var phone));
        Assert.Equal("+77070000000", phone!.Value);
    }

    [Fact]
    public void An_organisations_contact_line_may_be_a_landline_and_is_stored_the_same_way()
    {
        Assert.True(PhoneNumber.TryParseAny("8 (727) 258-00-00", out var landline));
        Assert.Equal("+77272580000", landline!.Value);
        Assert.True(PhoneNumber.TryParseAny("8 701 123 45 67", out var mobile));
        Assert.Equal("+77011234567", mobile!.Value);
        Assert.False(PhoneNumber.TryParseAny("+7 916 123 45 67", out _));
        Assert.False(PhoneNumber.TryParseAny("8 701 ABC 45 67", out _));
    }

    [Fact]
    public void The_masked_form_shows_only_the_operator_code_and_last_two_digits()
    {
        Assert.True(PhoneNumber.TryParse("8 701 123 45 67", out var phone));
        Assert.Equal("+7 701 *** ** 67", phone!.Masked);
        Assert.DoesNotContain("12345", phone.Masked.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
