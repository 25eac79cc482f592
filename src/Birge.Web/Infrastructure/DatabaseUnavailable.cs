using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Birge.Web.Infrastructure;

/// <summary>
/// An exception that means the database could not be reached or could not take the request just now (a failover,
/// a restart, a connection broken mid-request, SQLite busy), not that the request or the code is wrong. The API
/// answers it with 503 <c>unavailable</c> and <c>Retry-After</c>, pages with the "try again in a few seconds" page.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // The server is shutting down, starting, or is a standby now (the primary moved).
                case PostgresException postgres when postgres.SqlState is "57P01" or "57P02" or "57P03" or "25006"
                    || postgres.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                // Failed on the client's side: no host answered, none is the primary ("No suitable host was found"
                // while Patroni promotes the replica), the connection broke or timed out.
                case NpgsqlException:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6:
                    return true;
                case SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
