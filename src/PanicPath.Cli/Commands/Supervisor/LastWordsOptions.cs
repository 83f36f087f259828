using System.CommandLine;
using PanicPath.Supervisor.LastWords;
using PanicPath.Cli.Values;

namespace PanicPath.Cli.Commands.Supervisor;

/// <summary>
/// The options of <c>run</c> that say where each death is told besides the store, and the sinks they
/// and the environment choose, in this order: the Kubernetes termination message
/// (<c>--termination-log</c>, else <c>/dev/termination-log</c> when it exists), systemd
/// (<c>NOTIFY_SOCKET</c>), OpenTelemetry (<c>--otlp-endpoint</c>, else the <c>OTEL_EXPORTER_OTLP_*</c>
/// variables). A bad option or variable is bad input naming it; an unusable <c>NOTIFY_SOCKET</c> is
/// only noted, since systemd may still run the command.
/// </summary>
internal sealed class LastWordsOptions
{
    public Option<string?> TerminationLog { get; } = CliValues.FilePath(
        "--termination-log",
        "Write each death's summary (at most 4096 bytes) to this file for Kubernetes (default: /dev/termination-log when it exists).");

    /// <summary>The option that names an OTLP endpoint.</summary>
    public const string OtlpEndpointName = "--otlp-endpoint";

    public Option<string?> OtlpEndpoint { get; } = CliValues.Url(
        OtlpEndpointName,
        "Export each death as an OpenTelemetry log record to this OTLP base URL (default: $OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, else $OTEL_EXPORTER_OTLP_ENDPOINT; protocol $OTEL_EXPORTER_OTLP_PROTOCOL, http/protobuf unless grpc).");

    public void AddTo(Command command)
    {
        command.Options.Add(TerminationLog);
        command.Options.Add(OtlpEndpoint);
    }

    /// <summary>
    /// True when <paramref name="endpoint"/> (the option's value) or the environment names an OTLP endpoint
    /// that parses; one that does not parse answers false, and <see cref="Sinks"/> says why.
    /// </summary>
    public static bool ChoosesOtlp(string? endpoint)
    {
        try
        {
            return OtlpExportSettings.Resolve(endpoint, OtlpEndpointName, Environment.GetEnvironmentVariable) is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The sinks for this command line, or null after writing why the input is bad.</summary>
    public OwnedSinks? Sinks(ParseResult parse, TextWriter error)
    {
        var sinks = new OwnedSinks();
        if (TerminationLogSink.ChoosePath(parse.GetValue(TerminationLog), File.Exists) is { } path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is null || !Directory.Exists(directory) || Directory.Exists(path))
            {
                error.WriteLine($"panicpath: {TerminationLog.Name}: '{path}' is not a file in an existing directory.");
                return null;
            }

            sinks.Add(new TerminationLogSink(path));
        }

        if (Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 } address)
        {
            try
            {
                sinks.Add(new SystemdNotifySink(new NotifySocket(address)));
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"panicpath: NOTIFY_SOCKET: {e.Message.Split(" (Parameter")[0].TrimEnd('.')}; systemd is not notified.");
            }
        }

        OtlpExportSettings? otlp;
        try
        {
            otlp = OtlpExportSettings.Resolve(parse.GetValue(OtlpEndpoint), OtlpEndpoint.Name, Environment.GetEnvironmentVariable);
        }
        catch (FormatException e)
        {
            error.WriteLine($"panicpath: {e.Message}");
            return null;
        }

        if (otlp is not null)
        {
            if (LeanSupervisor.IsEnabled)
            {
                throw LeanSupervisor.Lacks("The OpenTelemetry exporter");
            }

            sinks.Add(new OtlpDeathExporter(otlp));
        }

        return sinks;
    }
}
