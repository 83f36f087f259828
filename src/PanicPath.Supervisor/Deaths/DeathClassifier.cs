namespace PanicPath.Supervisor.Deaths;

/// <summary>
/// Decides the cause of a death from its evidence, most specific first:
/// <list type="number">
/// <item>an in-process report: kind <c>oops</c> is <see cref="DeathCause.OopsPanic"/>, reason
/// <c>unhandled exception</c> is <see cref="DeathCause.UnhandledException"/>, any other is <see cref="DeathCause.Panic"/>;</item>
/// <item>the runtime's crash report: <c>System.StackOverflowException</c> is a stack overflow,
/// <c>System.ExecutionEngineException</c> is what <c>Environment.FailFast</c> leaves, any other managed
/// exception is an unhandled exception;</item>
/// <item>the runtime's last words on standard error: <c>Stack overflow.</c>, <c>Process terminated.</c>
/// (fail-fast), <c>Unhandled exception.</c>;</item>
/// <item>an exit code of 128 + N: killed by signal N (a native fault, SIGKILL, SIGTERM);</item>
/// <item>otherwise the process exited by itself: with code 0 that is no death but a run that ended
/// cleanly (<see cref="DeathCause.CleanExit"/>), with any other code an <see cref="DeathCause.ExitCode"/> death,
/// bucketed by the command and the code (<see cref="DeathSignature.OfExit"/>).</item>
/// </list>
/// The signal is named whenever the exit code says one killed the process, whatever the cause (with
/// crash capture armed the runtime ends every fatal error with SIGABRT so that createdump runs).
/// </summary>
public static class DeathClassifier
{
    private const string StackOverflowType = "System.StackOverflowException";
    private const string FailFastType = "System.ExecutionEngineException";

    /// <summary>The title of a run that ended cleanly.</summary>
    public const string CleanExitTitle = "exited cleanly (exit code 0)";

    /// <summary>Classifies one death.</summary>
    public static DeathClassification Classify(DeathEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var signalNumber = SignalNames.FromExitCode(evidence.ExitCode);
        var signal = signalNumber is { } n ? SignalNames.Name(n) : null;

        if (evidence.Report is { } report)
        {
            var cause = report.Kind == "oops" ? DeathCause.OopsPanic
                : report.Reason == "unhandled exception" ? DeathCause.UnhandledException
                : DeathCause.Panic;
            var exception = report.Exception;
            var signature = exception is { Signature.Length: > 0 } ? exception.Signature : DeathSignature.Of(cause, report.Reason, []);
            var title = exception is null ? report.Reason : $"{exception.Type}: {exception.Message}";
            return new DeathClassification(cause, signal, signature, title);
        }

        if (evidence.RuntimeReport is { ExceptionType: { } type } runtime)
        {
            var cause = type switch
            {
                StackOverflowType => DeathCause.StackOverflow,
                FailFastType => DeathCause.FailFast,
                _ => DeathCause.UnhandledException,
            };
            return new DeathClassification(cause, signal, DeathSignature.Of(cause, type, runtime.Frames), Title(cause, type, evidence.StderrTail));
        }

        if (FromStandardError(evidence.StderrTail) is { } said)
        {
            var what = said.Type ?? said.Cause;
            return new DeathClassification(said.Cause, signal, DeathSignature.Of(said.Cause, what, []), Title(said.Cause, what, evidence.StderrTail));
        }

        if (signal is not null)
        {
            var frames = evidence.RuntimeReport?.Frames ?? [];
            return new DeathClassification(DeathCause.Signal, signal, DeathSignature.Of(DeathCause.Signal, signal, frames), $"killed by {signal}");
        }

        var code = evidence.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (evidence.ExitCode == 0)
        {
            return new DeathClassification(DeathCause.CleanExit, null, DeathSignature.Of(DeathCause.CleanExit, code, []), CleanExitTitle);
        }

        return new DeathClassification(DeathCause.ExitCode, null, DeathSignature.OfExit(DeathCause.ExitCode, evidence.ExitCode, evidence.Command), $"exit code {code}");
    }

    /// <summary>The runtime's own words for a fatal error, from the last lines of standard error.</summary>
    private static (string Cause, string? Type)? FromStandardError(string stderr)
    {
        foreach (var line in stderr.Split('\n').Reverse())
        {
            var text = line.TrimEnd('\r');
            if (text == "Stack overflow.")
            {
                return (DeathCause.StackOverflow, null);
            }

            if (text == "Process terminated.")
            {
                return (DeathCause.FailFast, null);
            }

            if (text.StartsWith("Unhandled exception. ", StringComparison.Ordinal))
            {
                var rest = text["Unhandled exception. ".Length..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                return (DeathCause.UnhandledException, colon > 0 ? rest[..colon] : rest);
            }
        }

        return null;
    }

    private static string Title(string cause, string what, string stderr)
    {
        if (cause == DeathCause.UnhandledException)
        {
            var line = stderr.Split('\n').FirstOrDefault(l => l.StartsWith("Unhandled exception. ", StringComparison.Ordinal));
            return line is null ? what : line["Unhandled exception. ".Length..].TrimEnd('\r');
        }

        return cause == DeathCause.StackOverflow ? "stack overflow" : cause == DeathCause.FailFast ? FailFastMessage(stderr) : what;
    }

    private static string FailFastMessage(string stderr)
    {
        var lines = stderr.Split('\n');
        var at = Array.FindLastIndex(lines, l => l.TrimEnd('\r') == "Process terminated.");
        return at >= 0 && at + 1 < lines.Length ? $"fail-fast: {lines[at + 1].TrimEnd('\r')}" : "fail-fast";
    }
}
