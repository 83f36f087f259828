namespace PanicPath.Supervisor.Channel;

/// <summary>How a report channel listens: where its socket goes, the largest message, where it logs.</summary>
/// <param name="Directory">The preferred directory for the socket (mode 0700); a path too long for a socket address falls back to <see cref="RuntimeDirectory"/>, else to a fresh private directory (see <see cref="SocketPath"/>).</param>
/// <param name="MaxMessageBytes">The largest payload accepted.</param>
/// <param name="Error">Where notes and rejections are written.</param>
public sealed record ReportChannelOptions(string Directory, int MaxMessageBytes, TextWriter Error)
{
    /// <summary>How long a connection that is not yet admitted waits for its life to begin.</summary>
    public TimeSpan AdmissionWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the rest of a frame may take once its first byte came.</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Also admit a process that descends from the supervisor itself rather than from the child: an
    /// orphan of the app re-parented to the supervisor as subreaper (see <see cref="Launch.Subreaper"/>).
    /// </summary>
    public bool AdmitOrphans { get; init; }

    /// <summary>The user's runtime directory (default <c>$XDG_RUNTIME_DIR</c>), used for a socket whose preferred path is too long when it is ours and mode 0700.</summary>
    public string? RuntimeDirectory { get; init; } = System.Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");

    /// <summary>
    /// Accept connections only from the first <see cref="IReportChannel.Admit"/> on, not from the opening:
    /// the socket listens from the opening, so a connection made before is kept in the socket's backlog and
    /// served once the first life begins (not turned away for want of a life), and the channel's threads
    /// (the accept loop, the socket's event loop) start only then. A supervisor opens its channel before
    /// its child starts and admits the child right after launching it, so those threads start while the
    /// child starts rather than delaying the launch.
    /// </summary>
    public bool AcceptFromFirstLife { get; init; }

    /// <summary>Connections open at once; more are rejected.</summary>
    public int MaxConnections { get; init; } = 64;
}
