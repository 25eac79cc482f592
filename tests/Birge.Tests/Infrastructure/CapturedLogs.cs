using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// Every log entry the app writes, at every level and from every category: the formatted message, each structured
/// value and every scope around it, one string per entry, so a test can say what never reaches a log.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => entries;

    /// <summary>Adds this provider to the app, taking everything down to Trace whatever the app's settings say.</summary>
    public void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging => logging.AddProvider(this).AddFilter<CapturedLogs>(null, LogLevel.Trace));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static void AppendValues(StringBuilder text, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (name, value) in values)
            {
                text.Append(" | ").Append(name).Append('=').Append(Display(value));
            }
        }
    }

    private static string Display(object? value) => value switch
    {
        null => "(null)",
        string s => s,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Display)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder()
                .Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception));
            AppendValues(text, state);
            owner.scopes.ForEachScope(
                (scope, t) =>
                {
                    t.Append(" | scope: ").Append(Display(scope));
                    AppendValues(t, scope);
                },
                text);
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }

            owner.entries.Enqueue(text.ToString());
        }
    }
}
