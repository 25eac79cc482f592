using Birge.Web.Domain;

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

    [Fact]
    public void The_masked_form_shows_only_the_operator_code_and_last_two_digits()
    {
        Assert.True(PhoneNumber.TryParse("8 701 123 45 67", out var phone));
        Assert.Equal("+7 701 *** ** 67", phone!.Masked);
        Assert.DoesNotContain("12345", phone.Masked.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
