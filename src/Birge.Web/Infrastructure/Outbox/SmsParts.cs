namespace Birge.Web.Infrastructure;

/// <summary>
/// How many SMS parts a text takes, as operators bill it: GSM-7 text (the GSM 03.38 basic set; the extension characters
/// count two) is 160 characters in one part and 153 per part beyond; anything else, Cyrillic and Kazakh letters among
/// it, goes as UCS-2: 70 UTF-16 code units in one part, 67 per part beyond.
/// </summary>
public static class SmsParts
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    public static int Count(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var septets = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return Parts(text.Length, 70, 67);
            }
        }

        return Parts(septets, 160, 153);
    }

    private static int Parts(int length, int single, int perPart) =>
        length <= single ? 1 : (length + perPart - 1) / perPart;
}
