using Birge.Web.Domain;
using Birge.Web.Features.Accounts;

namespace Birge.Tests.Domain;

public sealed class PasswordTests
{
    [Theory]
    [InlineData("Qazaq-2026")]
    [InlineData("abcdefg1")]
    [InlineData("Құпиясөз1")] // letters of any alphabet count
    public void A_good_password_is_accepted(string password) => Assert.Null(Password.Check(password));

    [Theory]
    [InlineData(null, AccountErrors.PasswordRequired)]
    [InlineData("", AccountErrors.PasswordRequired)]
    [InlineData("abc1", AccountErrors.PasswordTooShort)]
    [InlineData("abcdef1", AccountErrors.PasswordTooShort)]
    [InlineData("abcdefgh", AccountErrors.PasswordWeak)]
    [InlineData("12345678", AccountErrors.PasswordWeak)]
    [InlineData("--------", AccountErrors.PasswordWeak)]
    public void A_bad_password_gets_the_reason(string? password, string code) => Assert.Equal(code, Password.Check(password));

    [Fact]
    public void The_length_limit_is_inclusive()
    {
        Assert.Null(Password.Check(new string('a', Password.MaxLength - 1) + "1"));
        Assert.Equal(AccountErrors.PasswordTooLong, Password.Check(new string('a', Password.MaxLength) + "1"));
    }
}
