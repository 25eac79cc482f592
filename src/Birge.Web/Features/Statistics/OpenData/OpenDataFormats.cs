using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// How a table is written: CSV (RFC 4180: a header of the column names, CRLF, UTF-8 without a byte-order mark; a
/// suppressed count is an empty cell, the schema's only missing value) or JSON (an array of one object per row, keys
/// in column order; a suppressed count is null). Written once per snapshot and stored, so the bytes never change.
/// </summary>
public static class OpenDataFormats
{
    public const string Csv = "csv";
    public const string Json = "json";

    public static readonly IReadOnlyList<string> All = [Csv, Json];

    public static string MediaType(string format) => format == Csv ? "text/csv" : "application/json";

    public static string Write(string format, OpenDataTable table, IReadOnlyList<object?[]> rows) =>
        format == Csv ? WriteCsv(table, rows) : WriteJson(table, rows);

    private static string WriteCsv(OpenDataTable table, IReadOnlyList<object?[]> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => c.Name)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>Values are codes, months and numbers; a comma or quote would still be quoted as RFC 4180 says.</summary>
    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            long n => n.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static string WriteJson(OpenDataTable table, IReadOnlyList<object?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var name = table.Columns[i].Name;
                    switch (row[i])
                    {
                        case null:
                            json.WriteNull(name);
                            break;
                        case long n:
                            json.WriteNumber(name, n);
                            break;
                        case var other:
                            json.WriteString(name, Convert.ToString(other, CultureInfo.InvariantCulture));
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
