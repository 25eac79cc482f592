using Birge.Web.Domain;

namespace Birge.Tests.Domain;

public sealed class PasswordTests
{
    [Theory]
    [InlineData("Qazaq-2026")]
    [InlineData("abcdefg1")]
    [InlineData("Құпиясөз1")] // letters of any alphabet count
    public void A_good_password_is_accepted(string password) => Assert.Null(Password.Check(password));

    [Theory]
    [InlineData(null, ErrorCodes.PasswordRequired)]
    [InlineData("", ErrorCodes.PasswordRequired)]
    [InlineData("abc1", ErrorCodes.PasswordTooShort)]
    [InlineData("abcdef1", ErrorCodes.PasswordTooShort)]
    [InlineData("abcdefgh", ErrorCodes.PasswordWeak)]
    [InlineData("12345678", ErrorCodes.PasswordWeak)]
    [InlineData("--------", ErrorCodes.PasswordWeak)]
    public void A_bad_password_gets_the_reason(string? password, string code) => Assert.Equal(code, Password.Check(password));

    [Fact]
    public void The_length_limit_is_inclusive()
    {
        Assert.Null(Password.Check(new string('a', Password.MaxLength - 1) + "1"));
        Assert.Equal(ErrorCodes.PasswordTooLong, Password.Check(new string('a', Password.MaxLength) + "1"));
    }
}
