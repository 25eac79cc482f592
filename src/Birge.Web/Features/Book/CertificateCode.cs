using Birge.Web.Domain;

namespace Birge.Web.Features.Book;

/// <summary>A certificate's code: a <see cref="CheckedCode"/> of 12 characters, <c>7KQ2-M9XD-4HTB</c>.</summary>
public static class CertificateCode
{
    public const int Length = 12;

    public static string New() => CheckedCode.New(Length);

    public static CodeCheck Parse(string? input, out string code) => CheckedCode.Parse(input, Length, out code);

    public static string Format(string code) => code.Length == Length ? CheckedCode.Format(code) : code;
}
