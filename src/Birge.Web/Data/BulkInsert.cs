using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Birge.Web.Data;

/// <summary>
/// Writes thousands of new rows at once: multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> statements (both databases),
/// a few hundred rows each, in the caller's transaction. Tracked entities go through one INSERT statement each, which
/// PostgreSQL parses one by one: a call-out to 10,000 people is 30,000 rows, seconds that way. The columns, their
/// conversions and parameter types come from the EF Core model, so the rows are stored exactly as SaveChanges would
/// store them; a row whose key or unique index is taken is skipped, as a second queueing of one message must be.
/// </summary>
public static class BulkInsert
{
    /// <summary>Rows per statement: well under both databases' limits on parameters (SQLite 32,766).</summary>
    private const int RowsPerStatement = 500;

    /// <summary>Inserts <paramref name="rows"/> (not tracked); returns how many were new.</summary>
    public static async Task<int> NewRowsAsync<T>(BirgeDb db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        if (db.Database.CurrentTransaction is not { } transaction)
        {
            throw new InvalidOperationException("BulkInsert writes at once: call it inside the transaction that holds the change it belongs to.");
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        if (properties.Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties, which BulkInsert cannot read.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = properties.Select(p => (Getter: p.GetGetter(), Mapping: p.GetRelationalTypeMapping(), Nullable: p.IsNullable)).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var inserted = 0;
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var text = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "@p" + n++;
                    text.Append(c == 0 ? name : ", " + name);
                    // The mapping converts (an enum stored as text) and types the parameter as SaveChanges does.
                    command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, columns[c].Getter.GetClrValue(chunk[r]), columns[c].Nullable));
                }

                text.Append(')');
            }

            command.CommandText = text.Append(" ON CONFLICT DO NOTHING").ToString();
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return inserted;
    }
}
