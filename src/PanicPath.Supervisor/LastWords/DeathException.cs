using System.Globalization;
using System.Text;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;

namespace PanicPath.Supervisor.LastWords;

/// <summary>
/// The exception a death is told by, in the terms of OpenTelemetry's exception conventions: a type, a
/// message and a stack trace in .NET's own rendering (<c>Type: message</c>, then inner exceptions as
/// <c> ---&gt; </c> blocks and <c>   at</c> lines, as <see cref="Exception.ToString"/> writes them).
/// Taken from the best evidence the record has (<see cref="TryOf"/>): the in-process report's exception
/// (its stack trace and inner exceptions when the report carries them; else the runtime's printed stack
/// when standard error has it for the same type, else the faulting method); else the runtime's
/// <c>Unhandled exception.</c> text on standard error (the runtime's own rendering, inner exceptions and
/// all); else the runtime's crash-report JSON (exception type and the crashing thread's managed frames; the record's title is the message).
/// Every stack leaves out the panic path's frames on top (<see cref="FrameName.WithoutPanicPath"/>), so
/// that it starts where the app was. Without any of these, <see cref="Of"/> derives one from the cause
/// (<c>signal SIGSEGV</c>, <c>exit code 3</c>).
/// </summary>
public sealed record DeathException(string Type, string Message, string StackTrace)
{
    private const string UnhandledPrefix = "Unhandled exception. ";
    private const int MaxFrames = 64;

    /// <summary>The exception for <paramref name="death"/>; never null, whatever the record holds.</summary>
    public static DeathException Of(DeathRecord death)
    {
        ArgumentNullException.ThrowIfNull(death);
        if (TryOf(death) is { } known)
        {
            return known;
        }

        if (death.Report is { } report)
        {
            return new DeathException(report.Kind, report.Reason, $"{report.Kind}: {report.Reason}");
        }

        var type = death.Signal is { } signal ? $"signal {signal}"
            : death.Cause == DeathCause.ExitCode ? string.Create(CultureInfo.InvariantCulture, $"exit code {death.ExitCode}")
            : death.Cause;
        return new DeathException(type, death.Title, $"{type}: {death.Title}");
    }

    /// <summary>
    /// The exception <paramref name="death"/>'s evidence names (see <see cref="DeathException"/>), or null when
    /// it names none (a signal, an exit code, a panic without an exception). <paramref name="runtime"/> is the
    /// runtime's crash report when it has been read already; else it is read from the record's path.
    /// </summary>
    public static DeathException? TryOf(DeathRecord death, RuntimeCrashReport? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(death);
        var printed = FromStandardError(death.StderrTail);
        if (death.Report is { } report)
        {
            if (report.Exception is not { } e)
            {
                return null;
            }

            var stack = e.StackTrace is not null ? Render(e)
                : printed is not null && printed.Type == e.Type ? printed.StackTrace
                : e.Method is { Length: > 0 } method ? $"{e.Type}: {e.Message}\n   at {method}"
                : $"{e.Type}: {e.Message}";
            return new DeathException(e.Type, e.Message, stack);
        }

        if (printed is not null)
        {
            return printed;
        }

        runtime ??= death.CrashReport is { } path ? RuntimeCrashReport.TryRead(path) : null;
        if (runtime?.ExceptionType is not { } type)
        {
            return null;
        }

        var text = new StringBuilder($"{type}: {death.Title}");
        var frames = FrameName.WithoutPanicPath(runtime.Frames);
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

    /// <summary><paramref name="death"/> with the exception its evidence names in its exception fields (null when it names none).</summary>
    public static DeathRecord Fill(DeathRecord death, RuntimeCrashReport? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(death);
        var exception = TryOf(death, runtime);
        return death with { ExceptionType = exception?.Type, ExceptionMessage = exception?.Message, ExceptionStack = exception?.StackTrace };
    }

    /// <summary>
    /// A report's exception as <see cref="Exception.ToString"/> writes one: <c>Type: message</c>; the first inner
    /// exception as <c> ---&gt; </c> and its rendering, then <c>   --- End of inner exception stack trace ---</c>; the
    /// stack lines; and an aggregate's further inner exceptions as <c> ---&gt; (Inner Exception #N) </c>… <c>&lt;---</c>.
    /// </summary>
    private static string Render(ReportException exception)
    {
        var text = new StringBuilder();
        Render(exception, text);
        return text.ToString();
    }

    private static void Render(ReportException exception, StringBuilder text)
    {
        text.Append(exception.Type);
        if (exception.Message.Length > 0)
        {
            text.Append(": ").Append(exception.Message);
        }

        var inner = exception.Inner ?? [];
        if (inner.Count > 0)
        {
            text.Append("\n ---> ");
            Render(inner[0], text);
            text.Append("\n   --- End of inner exception stack trace ---");
        }

        foreach (var line in exception.StackTrace ?? [])
        {
            text.Append("\n   ").Append(line);
        }

        for (var i = 1; i < inner.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n ---> (Inner Exception #{i}) ");
            Render(inner[i], text);
            text.Append("<---");
        }
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
