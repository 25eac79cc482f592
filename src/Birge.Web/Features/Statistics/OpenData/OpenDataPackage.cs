using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Birge.Web.Localization;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// The Frictionless Data Package (tabular-data-package profile) that describes the files of one snapshot: every table
/// in CSV (named as the table) and in JSON (named <c>{table}_json</c>), with its Table Schema. Its paths are relative
/// to where it is served: <c>{date}/volunteers.csv</c> from <c>/open-data/datapackage.json</c>, <c>volunteers.csv</c>
/// from <c>/open-data/{date}/datapackage.json</c>. Descriptions are in English, the page at <c>/open-data</c> has all
/// three languages. The version is the snapshot's date written as a semantic version (2026.12.3).
/// </summary>
public static class OpenDataPackage
{
    public const string LicenceName = "CC-BY-4.0";
    public const string LicencePath = "https://creativecommons.org/licenses/by/4.0/";

    public static string Write(DateOnly date, DateTime madeAt, string pathPrefix, string publicUrl)
    {
        var resources = new JsonArray();
        foreach (var table in OpenDataTables.All)
        {
            foreach (var format in OpenDataFormats.All)
            {
                resources.Add(Resource(table, format, pathPrefix + FileName(table, format)));
            }
        }

        var package = new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = "birge-volunteering-kazakhstan",
            ["title"] = English("OpenData_Package_Title"),
            ["description"] = English("OpenData_Package_About"),
            ["version"] = $"{date.Year}.{date.Month}.{date.Day}",
            ["created"] = madeAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["homepage"] = publicUrl + "/open-data",
            ["keywords"] = new JsonArray("volunteering", "Kazakhstan", "statistics"),
            ["licenses"] = new JsonArray(new JsonObject
            {
                ["name"] = LicenceName,
                ["path"] = LicencePath,
                ["title"] = "Creative Commons Attribution 4.0 International",
            }),
            ["sources"] = new JsonArray(new JsonObject
            {
                ["title"] = English("OpenData_Source"),
                ["path"] = publicUrl + "/open-data",
            }),
            ["resources"] = resources,
        };
        return package.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static string FileName(OpenDataTable table, string format) => $"{table.Name}.{format}";

    private static JsonObject Resource(OpenDataTable table, string format, string path)
    {
        var fields = new JsonArray();
        foreach (var column in table.Columns)
        {
            var field = new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["description"] = English(column.TextKey) + (column.People ? " " + English("OpenData_Suppressed") : ""),
            };
            if (column.Type == OpenDataColumn.CountType)
            {
                field["constraints"] = new JsonObject { ["minimum"] = 0 };
            }
            else if (column.Type == "yearmonth" || table.PrimaryKey.Contains(column.Name))
            {
                field["constraints"] = new JsonObject { ["required"] = true };
            }

            fields.Add(field);
        }

        return new JsonObject
        {
            ["profile"] = "tabular-data-resource",
            ["name"] = format == OpenDataFormats.Csv ? table.Name : $"{table.Name}_{format}",
            ["title"] = English(table.TitleKey),
            ["description"] = English(table.AboutKey),
            ["path"] = path,
            ["format"] = format,
            ["mediatype"] = OpenDataFormats.MediaType(format),
            ["encoding"] = "utf-8",
            ["schema"] = new JsonObject
            {
                ["fields"] = fields,
                ["primaryKey"] = new JsonArray([.. table.PrimaryKey.Select(k => (JsonNode)k)]),
                // A suppressed count (1 to 4 people) is an empty cell in CSV and null in JSON.
                ["missingValues"] = new JsonArray(""),
            },
        };
    }

    private static string English(string key) => Cultures.Text(key, Cultures.English);
}
