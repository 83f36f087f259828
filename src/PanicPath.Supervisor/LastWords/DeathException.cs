using System.Globalization;
using System.Text;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// The exception a death is told by, in the terms of OpenTelemetry's exception conventions: a type, a
/// message and a stack trace in .NET's own rendering (<c>Type: message</c> then <c>   at</c> lines).
/// Taken from the best evidence the record has: the in-process report's exception (with the runtime's
/// printed stack when standard error has it, else the faulting method); else the runtime's
/// <c>Unhandled exception.</c> text on standard error; else the runtime's crash-report JSON (exception
/// type and managed frames); else derived from the cause (<c>signal SIGSEGV</c>, <c>exit code 3</c>).
/// </summary>
public sealed record DeathException(string Type, string Message, string StackTrace)
{
    private const string UnhandledPrefix = "Unhandled exception. ";
    private const int MaxFrames = 64;

    /// <summary>The exception for <paramref name="death"/>; never null, whatever the record holds.</summary>
    public static DeathException Of(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        var printed = FromStandardError(death.StderrTail);
        if (death.Report is { } report)
        {
            if (report.Exception is { } e)
            {
                var stack = printed is not null && printed.Type == e.Type ? printed.StackTrace
                    : e.Method is { Length: > 0 } method ? $"{e.Type}: {e.Message}\n   at {method}"
                    : $"{e.Type}: {e.Message}";
                return new DeathException(e.Type, e.Message, stack);
            }

            return new DeathException(report.Kind, report.Reason, $"{report.Kind}: {report.Reason}");
        }

        if (printed is not null)
        {
            return printed;
        }

        var runtime = death.CrashReport is { } path ? RuntimeCrashReport.TryRead(path) : null;
        var type = runtime?.ExceptionType
            ?? (death.Signal is { } signal ? $"signal {signal}"
            : death.Cause == DeathCause.ExitCode ? string.Create(CultureInfo.InvariantCulture, $"exit code {death.ExitCode}")
            : death.Cause);
        var text = new StringBuilder($"{type}: {death.Title}");
        var frames = runtime?.Frames ?? [];
        foreach (var frame in frames.Take(MaxFrames))
        {
            text.Append("\n   at ").Append(frame);
        }

        if (frames.Count > MaxFrames)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n   ... {frames.Count - MaxFrames} more frames");
        }

        return new DeathException(type, death.Title, text.ToString());
    }

    /// <summary>
    /// The runtime's report of an unhandled exception on standard error: <c>Unhandled exception. Type: message</c>
    /// and the indented lines after it (frames, inner exceptions, <c>--- End of stack trace</c> markers).
    /// </summary>
    private static DeathException? FromStandardError(string stderr)
    {
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindIndex(l => l.StartsWith(UnhandledPrefix, StringComparison.Ordinal));
        if (at < 0)
        {
            return null;
        }

        var first = lines[at][UnhandledPrefix.Length..];
        var block = new StringBuilder(first);
        for (var i = at + 1; i < lines.Count && lines[i].Length > 0 && (char.IsWhiteSpace(lines[i][0]) || lines[i].StartsWith("---", StringComparison.Ordinal)); i++)
        {
            block.Append('\n').Append(lines[i]);
        }

        var colon = first.IndexOf(": ", StringComparison.Ordinal);
        var type = colon > 0 ? first[..colon] : first;
        var message = colon > 0 ? first[(colon + 2)..] : string.Empty;
        return new DeathException(type, message, block.ToString());
    }
}
