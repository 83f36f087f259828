using Microsoft.Extensions.Logging;
using PanicPath.Logging;

namespace PanicPath.Hosting.Logging;

/// <summary>
/// The log ring as a logging provider: every record of every category goes, formatted, into the
/// <see cref="LogRing"/> the panic path's dumpers read. A write takes no lock and, beyond the message
/// string the formatter builds, allocates nothing.
/// </summary>
[ProviderAlias("PanicPath")]
public sealed class RingLoggerProvider(LogRing ring) : ILoggerProvider
{
    /// <summary>The ring written to.</summary>
    public LogRing Ring { get; } = ring ?? throw new ArgumentNullException(nameof(ring));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RingLogger(Ring, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
