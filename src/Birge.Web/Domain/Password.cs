using Birge.Web.Features.Accounts;

namespace Birge.Web.Domain;

/// <summary>The password policy: 8 to 128 characters with at least one letter (any alphabet) and one digit.</summary>
public static class Password
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return AccountErrors.PasswordRequired;
        }

        if (password.Length < MinLength)
        {
            return AccountErrors.PasswordTooShort;
        }

        if (password.Length > MaxLength)
        {
            return AccountErrors.PasswordTooLong;
        }

        return password.Any(char.IsLetter) && password.Any(char.IsDigit) ? null : AccountErrors.PasswordWeak;
    }
}
