using Microsoft.Extensions.Logging;
using PanicPath.Logging;

namespace PanicPath.Hosting.Logging;

/// <summary>
/// One category's logger on the ring: formats the state, appends the exception's type and message on
/// the same line (one record, one line), and writes the record. Every level but None is enabled; the
/// logging configuration filters as for any provider.
/// </summary>
public sealed class RingLogger(LogRing ring, string category) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.None)
        {
            return;
        }

        var message = formatter(state, exception);
        if (exception is not null)
        {
            message = $"{message} | {exception.GetType().FullName}: {exception.Message}";
        }

        ring.Write((LogRecordLevel)(int)logLevel, category, message);
    }
}
