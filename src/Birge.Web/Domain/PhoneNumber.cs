using Birge.Web.Features.Accounts;
using PhoneNumbers;

namespace Birge.Web.Domain;

/// <summary>
/// A Kazakh phone number, stored as +7xxxxxxxxxx whatever way it was typed. A person signs up, is invited and gets
/// their links by SMS, so <see cref="TryParse"/> takes mobile numbers only; an organisation's contact line may be a
/// landline (<see cref="TryParseAny"/>). Google's libphonenumber knows which +7 numbers are Kazakh (Russia shares the
/// code) and which are mobile.
/// </summary>
public sealed record PhoneNumber
{
    private const string Kazakhstan = "KZ";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// A Kazakh mobile number: accepts "+7 701 123 45 67", "8 (701) 123-45-67", "87011234567", "77011234567",
    /// "7011234567"; refuses numbers of other countries that share the +7 code and landlines.
    /// </summary>
    public static bool TryParse(string? text, out PhoneNumber? phone) => Check(text, out phone) is null;

    /// <summary>Why <paramref name="text"/> is not a Kazakh mobile number (<c>phone_invalid</c>, or <c>phone_not_mobile</c> for a landline), or null.</summary>
    public static string? Check(string? text) => Check(text, out _);

    /// <summary>A Kazakh number, mobile or landline.</summary>
    public static bool TryParseAny(string? text, out PhoneNumber? phone)
    {
        phone = Parse(text) is { } number ? new PhoneNumber(Numbers.Format(number, PhoneNumberFormat.E164)) : null;
        return phone is not null;
    }

    private static string? Check(string? text, out PhoneNumber? phone)
    {
        phone = null;
        if (Parse(text) is not { } number)
        {
            return ErrorCodes.PhoneInvalid;
        }

        if (Numbers.GetNumberType(number) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return AccountErrors.PhoneNotMobile;
        }

        phone = new PhoneNumber(Numbers.Format(number, PhoneNumberFormat.E164));
        return null;
    }

    /// <summary>A valid Kazakh number, or null. Only digits and the usual separators: no letters for digits ("ABC" as 222).</summary>
    private static PhoneNumbers.PhoneNumber? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '.' or '+')) || trimmed.LastIndexOf('+') > 0)
        {
            return null;
        }

        try
        {
            var number = Numbers.Parse(trimmed, Kazakhstan);
            return Numbers.IsValidNumberForRegion(number, Kazakhstan) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>"+7 701 *** ** 67": enough for a person to recognise their own number.</summary>
    public string Masked => $"{Value[..2]} {Value[2..5]} *** ** {Value[^2..]}";

    public override string ToString() => Value;
}
