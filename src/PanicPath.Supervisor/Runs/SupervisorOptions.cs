using PanicPath.Supervisor.Dumps;
using PanicPath.Supervisor.LastWords;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Restart;
using PanicPath.Supervisor.Scrubbing;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// What <see cref="ProcessSupervisor"/> runs and how: the command and its arguments, crash capture,
/// where per-child spool directories go, how many output lines to keep, the restart rule, where the
/// child's output is copied to, and the store that records each death (none: deaths are only returned).
/// </summary>
public sealed record SupervisorOptions
{
    /// <summary>The program to run.</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The runtime's crash capture.</summary>
    public required CrashCaptureSettings Capture { get; init; }

    /// <summary>The directory under which each child gets its own spool directory.</summary>
    public required string SpoolRoot { get; init; }

    /// <summary>How many lines of standard output and of standard error each record keeps.</summary>
    public int TailLines { get; init; } = 100;

    /// <summary>When to start the process again.</summary>
    public RestartSchedule Restart { get; init; } = RestartSchedule.Never;

    /// <summary>Where the child's standard output is copied.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Where the child's standard error is copied, and the supervisor's own notes.</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Records each death as it happens, when set.</summary>
    public IDeathStore? Store { get; init; }

    /// <summary>Extra environment for the child (after the supervisor's own variables).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Forward SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH received by this process to the child (see <see cref="SignalForwarder"/>).</summary>
    public bool ForwardSignals { get; init; } = true;

    /// <summary>
    /// Act as PID 1 does (Linux): become the child subreaper, reap every orphan of the app, end the
    /// orphans left running when a life ends, admit them to the report channel (see <see cref="Launch.Subreaper"/>).
    /// Process-wide: only for a process whose own children are the ones the supervisor launches
    /// (<c>panicpath run</c>), never for a host that starts other processes. Default false.
    /// </summary>
    public bool Subreaper { get; init; }

    /// <summary>With <see cref="Subreaper"/>: how long orphans left running when a life ends have between SIGTERM and SIGKILL. Default 5 s.</summary>
    public TimeSpan OrphanGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Told of each start of the child and of each death after it is stored, in this order (see <see cref="IDeathSink"/>).</summary>
    public IReadOnlyList<IDeathSink> DeathSinks { get; init; } = [];

    /// <summary>How long each death sink may take for one start or death before the supervisor goes on without it.</summary>
    public TimeSpan DeathSinkTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The directory for the report channel's socket (made mode 0700); null: no channel, the child's
    /// report comes only through its spool. Too long for a socket address: <c>$XDG_RUNTIME_DIR/panicpath</c>
    /// when that is ours, else a fresh private directory (see <c>SocketPath</c>). A channel that cannot be
    /// made safely is noted and the run goes on without it.
    /// </summary>
    public string? ChannelDirectory { get; init; }

    /// <summary>The largest message the channel accepts. Default 1 MiB.</summary>
    public int MaxMessageBytes { get; init; } = PanicPath.Reports.ChannelFrame.DefaultMaxPayload;

    /// <summary>
    /// When set (and the channel is open), the child is told to send heartbeats every quarter of this
    /// time; once it has sent one, a silence this long is a hang: the child is dumped, killed and
    /// recorded with cause <c>hang</c>. A child that never beats is never judged hung.
    /// </summary>
    public TimeSpan? HangTimeout { get; init; }

    /// <summary>How many dumps, and bytes of them, the dump directory keeps; applied after each death. Default <see cref="DumpRetention.Default"/>.</summary>
    public DumpRetention DumpRetention { get; init; } = DumpRetention.Default;

    /// <summary>
    /// Masks secrets in every death before it leaves the supervisor: the store's rows (complete, pending,
    /// ingested from the spool), the slot, the death sinks and the result. Default <see cref="SecretScrubber.Default"/>;
    /// <see cref="SecretScrubber.None"/> keeps the text as it was.
    /// </summary>
    public SecretScrubber Scrubber { get; init; } = SecretScrubber.Default;

    /// <summary>At start, record the reports earlier runs left in <see cref="SpoolRoot"/> (when a store is set). Default true.</summary>
    public bool IngestSpool { get; init; } = true;
}
