using System.Xml.Linq;

namespace Birge.Tests.Localization;

/// <summary>The three resource files as written in the source tree, read per language.</summary>
public static class ResourceFiles
{
    public static readonly string[] Languages = ["kk", "ru", "en"];

    public static List<(string Key, string Value)> Entries(string language) =>
        [.. XDocument.Load(Path.Combine(Folder(), $"SharedResource.{language}.resx"))
            .Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""))];

    /// <summary>Key → text of one language (the first, if a key is there twice: another test reports that).</summary>
    public static Dictionary<string, string> Texts(string language) =>
        Entries(language).DistinctBy(e => e.Key).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static string Folder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Birge.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "src", "Birge.Web", "Localization");
    }
}
