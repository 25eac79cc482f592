using System.Diagnostics;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Features.Book;

/// <summary>The book's tests' Kazakh name and the text of its PDFs; <see cref="TestData.NewHours"/> stores hours.</summary>
public static class Hours
{
    /// <summary>Kazakh capital letters that only a font with Kazakh glyphs prints.</summary>
    public const string KazakhName = "Әсел Қайратқызы Үсенова";

    /// <summary>The text of a PDF, as poppler's pdftotext reads it (with <paramref name="layout"/>, a table's row on one line).</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf, bool layout = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"birge-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", layout ? ["-layout", "-enc", "UTF-8", file, "-"] : ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })
                ?? throw new InvalidOperationException("pdftotext did not start (Debian package poppler-utils; test.sh installs it).");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
