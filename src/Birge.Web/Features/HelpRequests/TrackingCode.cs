using Birge.Web.Domain;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// What a person follows their help request by: a <see cref="CheckedCode"/> of 8 characters, <c>7KQ2-M9XD</c>, short
/// enough to say on the phone and to type from an SMS; with 32^7 values it cannot be guessed in the attempts the
/// rate limit allows.
/// </summary>
public static class TrackingCode
{
    public const int Length = 8;

    public static string New() => CheckedCode.New(Length);

    public static CodeCheck Parse(string? input, out string code) => CheckedCode.Parse(input, Length, out code);

    public static string Format(string code) => code.Length == Length ? CheckedCode.Format(code) : code;
}
