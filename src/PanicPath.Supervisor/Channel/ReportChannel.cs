namespace PanicPath.Supervisor.Channel;

/// <summary>
/// The one place the platform's report channel is chosen: a Unix domain socket on Linux (and other
/// Unix systems with <c>SO_PEERCRED</c>). Windows named pipes are not implemented: there the supervisor
/// runs without a channel and reports go through the spool.
/// </summary>
public static class ReportChannel
{
    /// <summary>The environment variable the library reads the address from.</summary>
    public const string EnvironmentVariable = "PANICPATH_CHANNEL";

    /// <summary>True when this platform has a channel implementation.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Opens a channel listening now.</summary>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="IOException">The socket or its directory could not be made; the message names the path.</exception>
    public static IReportChannel Open(ReportChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The report channel is implemented as a Unix domain socket (Linux); use the spool on this platform.");
        }

        return UnixReportChannel.Open(options);
    }
}
