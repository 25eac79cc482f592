using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Links carry one-time tokens and codes (confirmation, password reset, parent consent, invitations, check-in codes,
/// certificate codes), and ASP.NET logs URLs, paths, route values and handler arguments at several levels. Every
/// logger of the app comes from this factory, which blanks them in the message, in every structured value and in
/// every scope before any provider sees them: whatever the log level, category or provider, a URL is logged as
/// <c>/account/reset-password?account=[redacted]&amp;token=[redacted]</c> and <c>/verify/[redacted]</c>.
/// </summary>
public static partial class LogRedaction
{
    public const string Mark = "[redacted]";

    /// <summary>Structured values that hold what a request sent: handler arguments, a value that failed to bind.</summary>
    private static readonly HashSet<string> RequestValues = new(StringComparer.Ordinal) { "Arguments", "SourceValue" };

    public static IServiceCollection AddLogRedaction(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));

    /// <summary>
    /// Every query value, the segment after <c>/verify/</c> and the other paths whose segment is a code, and route
    /// values named <c>code</c> or <c>token</c>; route templates (<c>/verify/{code}</c>) stay readable.
    /// </summary>
    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var result = text.Contains('?', StringComparison.Ordinal) ? QueryPart().Replace(text, RedactQuery) : text;
        result = CodePath().Replace(result, m => m.Groups["prefix"].Value + Mark);
        return RouteValue().Replace(result, m => m.Groups["name"].Value + " = \"" + Mark + "\"");
    }

    private static string RedactQuery(Match match) =>
        "?" + string.Join('&', match.Groups["query"].Value.Split('&').Select(pair =>
            pair.Length == 0 ? pair : pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? pair[..(at + 1)] + Mark : Mark));

    /// <summary>The state with everything secret blanked, or null when there was nothing to blank.</summary>
    private static RedactedState? Redacted(object state, string message)
    {
        var redactedMessage = Redact(message);
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return ReferenceEquals(redactedMessage, message) || redactedMessage == message ? null : new RedactedState([], redactedMessage);
        }

        var copy = new KeyValuePair<string, object?>[values.Count];
        var changed = redactedMessage != message;
        for (var i = 0; i < values.Count; i++)
        {
            var (name, value) = values[i];
            object? redacted = value;
            if (RequestValues.Contains(name) && value is not null)
            {
                var shown = Display(value);
                if (shown.Length > 0)
                {
                    redactedMessage = redactedMessage.Replace(shown, Mark, StringComparison.Ordinal);
                }

                redacted = Mark;
            }
            else if (name != "{OriginalFormat}" && value is string or PathString or QueryString or Uri)
            {
                var text = value.ToString() ?? "";
                var blanked = Redact(text);
                redacted = blanked == text ? value : blanked;
            }

            changed |= !ReferenceEquals(redacted, value);
            copy[i] = new(name, redacted);
        }

        return changed ? new RedactedState(copy, redactedMessage) : null;
    }

    /// <summary>A value as the logging formatter shows it (lists joined with ", ").</summary>
    private static string Display(object? value) => value switch
    {
        null => "(null)",
        string s => s,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Display)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A query string, in a URL or alone: "?a=1&amp;b=2".</summary>
    [GeneratedRegex(@"\?(?<query>[^\s#'""<>?]+)", RegexOptions.CultureInvariant)]
    private static partial Regex QueryPart();

    /// <summary>Paths whose next segment is a code: certificate checks, a holder's certificates, help requests.</summary>
    [GeneratedRegex(@"(?<prefix>/(?:verify|book/certificates|api/v1/certificates|api/v1/me/certificates|help)/)(?!\{)[^/\s?#'""<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CodePath();

    /// <summary>Route values as MVC logs them: <c>{page = "/Book/Verify", code = "7KQ2…"}</c>.</summary>
    [GeneratedRegex(@"(?<name>\b(?:code|token|trackingCode))\s*=\s*""[^""]*""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RouteValue();

    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    private sealed class RedactingLoggerFactory(LoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            Redacted(state, state.ToString() ?? "") is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (state is not null && Redacted(state, message) is { } redacted)
            {
                inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.ToString());
            }
            else
            {
                inner.Log(logLevel, eventId, state, exception, (_, _) => message);
            }
        }
    }
}
