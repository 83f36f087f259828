using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using PanicPath.Dumps;
using PanicPath.Exit;
using PanicPath.Lists;
using PanicPath.Logging;
using PanicPath.Notifiers;
using PanicPath.Oops;
using PanicPath.Reports;
using PanicPath.Shutdown;
using PanicPath.Verification;
using PanicPath.Watchdog;

namespace PanicPath.Panics;

/// <summary>
/// The installed panic path of a process: the four lists, the die chain, the orderly shutdown chain,
/// the log ring and dumpers, crash-shutdown hooks, and what runs them. <see cref="Install"/> prepares
/// everything a panic needs (executor threads, the step and deadline watchdog threads, spool directory,
/// JSON metadata, the run's buffers, the standard-error writer) so that a panic initialises nothing
/// lazily and starts no thread, except one replacement executor per hung step once every installed
/// executor is lost (<see cref="ExecutorPool"/>). The panicking thread walks the path itself
/// (<see cref="PanicRun"/>); when a step overruns its budget the step watchdog moves the rest of the path
/// to an executor and the stuck thread is abandoned.
/// <para>
/// Panic entry: the first thread to panic runs the path; any other thread that panics meanwhile, or
/// calls <c>Environment.Exit</c>, parks for good. A panic raised inside a notifier abandons that
/// notifier and the path goes on. The path delivers one report, then ends the process with the code
/// that report carries (<see cref="PanicExitCodes.For"/>), or aborts when the runtime's dump is armed and no in-process
/// dump was written (so that a death never gets two dumps).
/// </para>
/// </summary>
public sealed class PanicRuntime
{
    /// <summary>The environment variable carrying the heartbeat interval in milliseconds.</summary>
    public const string HeartbeatEnvironmentVariable = "PANICPATH_HEARTBEAT_MS";

    private static PanicRuntime? installed;

    private readonly NotifierChain<PanicEvent>[] lists;
    private readonly ConcurrentDictionary<NotifierRegistration<PanicEvent>, PanicNotifier> descriptors = new();
    private readonly PanicRun run;
    private readonly Lock registrationGate = new();
    private readonly bool attached;
    private readonly PathEnding ending;
    private PathWatchdog? watchdog;
    private Heartbeat? heartbeat;
    private (LogDumper Dumper, Action Job)[] dumpers = [];
    private CrashShutdownHook[] hooks = [];
    private readonly ManualResetEventSlim pathFinished = new(false);
    private bool delivered;
    private int owner;
    private int warnings;

    private PanicRuntime(PanicOptions options, LogRing? ring, bool attach)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        attached = attach;
        InstalledUtc = DateTime.UtcNow;
        ProcessStartedUtc = ProcessStart(InstalledUtc);
        LogRing = ring ?? new LogRing(options.LogRingCapacity);
        lists =
        [
            new NotifierChain<PanicEvent>("supervisor"),
            new NotifierChain<PanicEvent>("information"),
            new NotifierChain<PanicEvent>("teardown"),
            new NotifierChain<PanicEvent>("final"),
        ];
        DieChain = new NotifierChain<OopsEvent>("die");
        ShutdownChain = new BlockingNotifierChain<ShutdownEvent>("shutdown");
        RuntimeCaptureArmed = CrashCapture.RuntimeArmed();
        CaptureArmed = CrashCapture.Armed(options.DumpWriter);
        var spool = options.SpoolDirectory ?? Environment.GetEnvironmentVariable(SpoolTransport.EnvironmentVariable);
        Spool = string.IsNullOrWhiteSpace(spool) ? null : new SpoolTransport(spool);
        ChannelAddress = options.ChannelAddress ?? Environment.GetEnvironmentVariable(ChannelTransport.EnvironmentVariable);
        Channel = ChannelTransport.TryConnect(ChannelAddress, options.NotifierBudget);
        var installProblems = new List<string>();
        if (Channel is null && !ChannelTransport.IsNone(ChannelAddress))
        {
            installProblems.Add($"channel {ChannelAddress} not reachable at install");
        }

        Slot = SlotTransport.TryOpen(Environment.GetEnvironmentVariable(SlotFile.EnvironmentVariable), out var slotProblem);
        if (slotProblem is not null)
        {
            installProblems.Add(slotProblem);
        }

        IReportTransport[] transports =
        [
            .. Channel is null ? Array.Empty<IReportTransport>() : [Channel],
            .. Spool is null ? Array.Empty<IReportTransport>() : [Spool],
            .. Slot is null ? Array.Empty<IReportTransport>() : [Slot],
        ];
        SupervisorDumpDirectory = CrashCapture.SupervisorDumpDirectory();
        DumpJob = WriteDump;
        Executors = new ExecutorPool(1 + options.SpareExecutors);

        run = new PanicRun(this);
        var announcer = attach ? new ErrorAnnouncer(Console.OpenStandardError()) : null;
        ending = new PathEnding(transports, installProblems, announcer, options.ExitCode, RuntimeCaptureArmed, exits: attach);

        PreWarm();
    }

    /// <summary>The runtime installed in this process, or null.</summary>
    public static PanicRuntime? Current => Volatile.Read(ref installed);

    /// <summary>The options, validated at install.</summary>
    public PanicOptions Options { get; }

    /// <summary>The log ring dumpers read.</summary>
    public LogRing LogRing { get; }

    /// <summary>The die chain, called with every oops before its log dump and escalation (<c>DIE_OOPS</c>).</summary>
    public NotifierChain<OopsEvent> DieChain { get; }

    /// <summary>The orderly shutdown chain (SIGTERM), followed by a log dump with reason Shutdown. Not part of a panic.</summary>
    public BlockingNotifierChain<ShutdownEvent> ShutdownChain { get; }

    /// <summary>True when crash capture is armed (runtime dump variables or an in-process writer).</summary>
    public bool CaptureArmed { get; }

    /// <summary>True when the runtime's dump variables are set: the path ends with an abort.</summary>
    public bool RuntimeCaptureArmed { get; }

    /// <summary>True once a panic has started in this runtime.</summary>
    public bool PanicInProgress => Volatile.Read(ref owner) != 0;

    /// <summary>How many warnings were raised.</summary>
    public int Warnings => Volatile.Read(ref warnings);

    /// <summary>The crash-shutdown hooks, in registration order.</summary>
    public IReadOnlyList<CrashShutdownHook> Hooks => Volatile.Read(ref hooks);

    /// <summary>The registered notifiers and hooks as a plan the verifier can check.</summary>
    public PanicPlan Plan
    {
        get
        {
            var notifiers = new List<PanicNotifier>();
            foreach (var chain in lists)
            {
                foreach (var registration in chain.Registrations)
                {
                    if (descriptors.TryGetValue(registration, out var descriptor))
                    {
                        notifiers.Add(descriptor);
                    }
                }
            }

            return new PanicPlan(notifiers, Hooks);
        }
    }

    internal DateTime InstalledUtc { get; }

    /// <summary>When the process started (read at install; the install time when the OS will not say).</summary>
    internal DateTime ProcessStartedUtc { get; }

    internal SpoolTransport? Spool { get; }

    /// <summary>The reserved slot the supervisor preallocated (<c>PANICPATH_SLOT</c>), when it could be opened at install.</summary>
    internal SlotTransport? Slot { get; }

    /// <summary>The channel transport, when the channel was reachable at install.</summary>
    internal ChannelTransport? Channel { get; }

    /// <summary>The channel address read at install (option or <c>PANICPATH_CHANNEL</c>), or null.</summary>
    internal string? ChannelAddress { get; }

    /// <summary>
    /// The wire version of the reports this runtime writes, to every transport alike:
    /// <see cref="CrashReport.CurrentVersion"/>, unless the channel agreed at install on a protocol version
    /// whose supervisor reads only version 1 reports (<see cref="ChannelTransport.ReportVersion"/>): then
    /// version 1, since that supervisor also reads the spool and the slot.
    /// </summary>
    internal int ReportVersion => Channel?.ReportVersion ?? CrashReport.CurrentVersion;

    /// <summary>Heartbeats sent to the supervisor since install (0 without a heartbeat).</summary>
    public long HeartbeatsSent => heartbeat?.Sent ?? 0;

    internal Action DumpJob { get; }

    /// <summary>The executors steps run on.</summary>
    internal ExecutorPool Executors { get; }

    internal string? LastDumpPath { get; private set; }

    /// <summary>The supervisor's dump directory, read at install; the in-process dump goes there when set.</summary>
    internal string? SupervisorDumpDirectory { get; }

    internal (LogDumper Dumper, Action Job)[] PanicDumpers => Volatile.Read(ref dumpers);

    /// <summary>The crash-shutdown hooks as registered now (an array never changed once published).</summary>
    internal CrashShutdownHook[] HookArray => Volatile.Read(ref hooks);

    /// <summary>
    /// Installs the panic path for this process: validates <paramref name="options"/>, starts the
    /// executor and watchdog threads, hooks unhandled and unobserved exceptions (as configured) and
    /// ProcessExit. Once per process.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="InvalidOperationException">A runtime is already installed.</exception>
    public static PanicRuntime Install(PanicOptions options, LogRing? ring = null)
    {
        var runtime = new PanicRuntime(options, ring, attach: true);
        if (Interlocked.CompareExchange(ref installed, runtime, null) is not null)
        {
            throw new InvalidOperationException("A PanicRuntime is already installed in this process; install it once.");
        }

        runtime.watchdog = new PathWatchdog(options.Deadline, runtime.OnDeadline);
        AppDomain.CurrentDomain.ProcessExit += runtime.OnProcessExit;
        if (options.HandleUnhandledExceptions)
        {
            AppDomain.CurrentDomain.UnhandledException += runtime.OnUnhandledException;
        }

        if (options.HandleUnobservedTaskExceptions)
        {
            TaskScheduler.UnobservedTaskException += runtime.OnUnobservedTaskException;
        }

        if (runtime.Channel is not null && HeartbeatIntervalOf(options) is { } interval)
        {
            runtime.heartbeat = Heartbeat.Start(runtime.Channel.Address, interval, runtime.Channel.Version, runtime.Channel.AckTimeout);
        }

        return runtime;
    }

    /// <summary>A runtime that is not installed: its path runs without hooks, watchdog or exit (tests, benchmarks).</summary>
    internal static PanicRuntime CreateDetached(PanicOptions options, LogRing? ring = null) => new(options, ring, attach: false);

    /// <summary>The chain of <paramref name="list"/>.</summary>
    public NotifierChain<PanicEvent> Chain(PanicList list) =>
        Enum.IsDefined(list) ? lists[(int)list] : throw new ArgumentOutOfRangeException(nameof(list), list, "Unknown panic list.");

    /// <summary>
    /// Registers <paramref name="notifier"/> on its list; dispose the answer to unregister it. The same
    /// descriptor is refused twice while registered; two descriptors may share one handler method.
    /// </summary>
    /// <exception cref="InvalidOperationException">The descriptor is already registered.</exception>
    public NotifierRegistration<PanicEvent> Register(PanicNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        lock (registrationGate)
        {
            foreach (var (entry, existing) in descriptors)
            {
                if (!entry.IsRegistered)
                {
                    descriptors.TryRemove(entry, out _);
                }
                else if (ReferenceEquals(existing, notifier))
                {
                    throw new InvalidOperationException($"Panic notifier '{notifier.Name}' is already registered on list {notifier.List}.");
                }
            }

            // A handler of its own per descriptor: the chain refuses one handler instance twice, and the
            // compiler shares one delegate among every conversion of a static method.
            var handler = notifier.Handler;
            var registration = Chain(notifier.List).Register((in PanicEvent e) => handler(in e), notifier.Priority, notifier.Name);
            registration.Descriptor = notifier;
            descriptors[registration] = notifier;
            return registration;
        }
    }

    /// <summary>Adds a crash-shutdown hook (runs on the dump path, on platforms that have the stage).</summary>
    public void AddCrashShutdownHook(CrashShutdownHook hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        lock (registrationGate)
        {
            Volatile.Write(ref hooks, [.. hooks, hook]);
        }
    }

    /// <summary>Adds a log dumper.</summary>
    public void AddLogDumper(LogDumper dumper)
    {
        ArgumentNullException.ThrowIfNull(dumper);
        var ring = LogRing;
        Action job = () => dumper.DumpFrom(ring, LogDumpReason.Panic);
        lock (registrationGate)
        {
            Volatile.Write(ref dumpers, [.. dumpers, (dumper, job)]);
        }
    }

    /// <summary>Runs the panic path; never returns. See <see cref="Panic.Now"/>.</summary>
    [DoesNotReturn]
    public void Panic(PanicKind kind, string reason, Exception? exception)
    {
        reason ??= "panic";
        if (PathExecutor.Current is { Busy: true } executor)
        {
            executor.AbandonForNestedPanic(reason, exception);
        }

        // Nested, raised by a step this thread runs inline: the rest of the path moves on without it.
        PanicRun.AbandonIfInsideStep(reason, exception);

        if (Interlocked.CompareExchange(ref owner, Environment.CurrentManagedThreadId, 0) != 0)
        {
            PathExecutor.ParkForever();
        }

        try
        {
            watchdog?.Arm();
            run.Begin(kind, reason, exception);
            ending.SendShort(run);
            Announce(reason, exception);
        }
        catch (Exception)
        {
            // The path never throws out of itself.
        }

        // Returns only on a detached runtime, whose path does not exit: its panicking thread parks,
        // as a second panicking thread would.
        run.Execute();
        PathExecutor.ParkForever();
    }

    /// <summary>
    /// An oops: a fatal error in one unit of work. Calls the die chain, dumps the log with reason Oops,
    /// and panics (kind oops) when <see cref="PanicOptions.PanicOnOops"/> or <paramref name="forcePanic"/>
    /// is set. Ignored while a panic is in progress.
    /// </summary>
    public void Oops(string reason, Exception? exception = null, string? unit = null, bool forcePanic = false)
    {
        if (PanicInProgress)
        {
            return;
        }

        var willPanic = Options.PanicOnOops || forcePanic;
        var e = new OopsEvent(reason ?? "oops", exception, unit, willPanic);
        LogRing.Write(LogRecordLevel.Critical, "PanicPath", $"oops: {e.Reason}{(unit is null ? string.Empty : $" in {unit}")}{(exception is null ? string.Empty : $": {exception.GetType().FullName}: {exception.Message}")}");
        DieChain.Call(in e, -1);
        DumpLog(LogDumpReason.Oops);
        if (willPanic)
        {
            Panic(PanicKind.Oops, e.Reason, exception);
        }
    }

    /// <summary>A warning: logged and counted; panics when <see cref="PanicOptions.PanicOnWarn"/> is set.</summary>
    public void Warn(string reason)
    {
        Interlocked.Increment(ref warnings);
        LogRing.Write(LogRecordLevel.Warning, "PanicPath", $"warning: {reason}");
        if (Options.PanicOnWarn)
        {
            Panic(PanicKind.Panic, $"warning: {reason}", null);
        }
    }

    /// <summary>Dumps the log to every dumper accepting <paramref name="reason"/>, on the calling thread. A dumper's exception is swallowed.</summary>
    public void DumpLog(LogDumpReason reason)
    {
        foreach (var (dumper, _) in PanicDumpers)
        {
            if (!dumper.Accepts(reason))
            {
                continue;
            }

            try
            {
                dumper.DumpFrom(LogRing, reason);
            }
            catch (Exception)
            {
                // A dumper that fails costs its own dump only.
            }
        }
    }

    /// <summary>Orderly shutdown: walks the shutdown chain, then dumps the log with reason Shutdown. Does nothing during a panic.</summary>
    public async Task ShutdownAsync(string reason, CancellationToken cancellationToken = default)
    {
        if (PanicInProgress)
        {
            return;
        }

        await ShutdownChain.CallAsync(new ShutdownEvent(reason), -1, cancellationToken).ConfigureAwait(false);
        DumpLog(LogDumpReason.Shutdown);
    }

    /// <summary>
    /// Runs the whole path on a detached runtime and answers the report it delivered, without ending the
    /// process. The path runs on a thread started for it, standing in for the calling thread (the report
    /// names the caller), so that a step that hangs there leaves that thread stuck, as in a real panic,
    /// and not the caller.
    /// </summary>
    internal CrashReport RunWithoutExit(PanicKind kind, string reason, Exception? exception)
    {
        StartDetachedRun();
        try
        {
            var caller = Environment.CurrentManagedThreadId;
            var standIn = new Thread(() =>
            {
                run.Begin(kind, reason, exception, caller);
                ending.SendShort(run);
                run.Execute();
            })
            { IsBackground = true, Name = "panicpath-panicking" };
            standIn.Start();
            pathFinished.Wait();
            return delivered ? CrashReport.Parse(run.WrittenReport) : run.BuildReport(ExitCode, run.DeadlineExceeded);
        }
        finally
        {
            Volatile.Write(ref owner, 0);
        }
    }

    /// <summary>
    /// Runs the whole path of a detached runtime on the calling thread, as the panicking thread runs it,
    /// and answers the length of the report it delivered (0 when none was), which <see cref="LastReportBytes"/>
    /// holds. A step that hangs leaves the caller stuck in it (the rest of the path still runs and
    /// finishes on an executor). Allocates nothing but what describing the exception takes.
    /// </summary>
    internal int RunInline(PanicKind kind, string reason, Exception? exception)
    {
        StartDetachedRun();
        try
        {
            run.Begin(kind, reason, exception);
            ending.SendShort(run);
            run.Execute();
            return delivered ? run.WrittenReport.Length : 0;
        }
        finally
        {
            Volatile.Write(ref owner, 0);
        }
    }

    /// <summary>
    /// Ends the path, on whichever thread ran its last step: delivers the report; on an installed
    /// runtime then ends the process (never returns); on a detached one, keeps the report for the caller
    /// waiting in <see cref="RunWithoutExit"/> and returns.
    /// </summary>
    internal void FinishPath()
    {
        var claimed = false;
        try
        {
            claimed = ending.Deliver(run, watchdogFired: false);
        }
        catch (Exception)
        {
            // The path never throws out of itself.
        }

        if (attached)
        {
            watchdog?.Disarm();
            ending.Drain(TimeSpan.FromMilliseconds(500));
            ending.Terminate(Options.ExitCode, run.Reason);
            PathExecutor.ParkForever();
        }

        delivered = claimed;
        pathFinished.Set();
    }

    private void StartDetachedRun()
    {
        if (attached)
        {
            throw new InvalidOperationException("Only a detached runtime runs its path without exiting.");
        }

        Volatile.Write(ref owner, Environment.CurrentManagedThreadId);
        ending.Reset();
        delivered = false;
        pathFinished.Reset();
    }

    /// <summary>The bytes of the report the path last wrote (valid until it writes another).</summary>
    internal ReadOnlySpan<byte> LastReportBytes => run.WrittenReport;

    /// <summary>The report of the last run as an object (<see cref="PanicRun.BuildReport"/>), with the verdict it was claimed with.</summary>
    internal CrashReport BuildLastReport() => run.BuildReport(ExitCode, run.DeadlineExceeded);

    /// <summary>Claims the one report of this death with the exit code it carries; see <see cref="PathEnding.TryClaim"/>.</summary>
    internal bool TryClaimReport(int exitCode) => ending.TryClaim(exitCode);

    /// <summary>The exit code the process ends with: the claimed report's, else <see cref="PanicOptions.ExitCode"/>.</summary>
    internal int ExitCode => ending.ExitCode;

    /// <summary>
    /// The watchdog's action: deliver the report (marked deadline exceeded, exit 71) unless the path
    /// built it already, then end the process with the code the report carries.
    /// </summary>
    internal void OnDeadline()
    {
        try
        {
            ending.Deliver(run, watchdogFired: true);
        }
        catch (Exception)
        {
            // Exit regardless.
        }

        ending.Drain(TimeSpan.FromMilliseconds(200));
        ending.Terminate(PanicExitCodes.DeadlineExceeded, "deadline exceeded");
    }

    private void WriteDump()
    {
        ending.InProcessDump(InProcessDumpState.Writing);
        try
        {
            var directory = SupervisorDumpDirectory ?? Options.DumpDirectory ?? Path.GetTempPath();
            LastDumpPath = Options.DumpWriter!.WriteDump(directory);
            ending.InProcessDump(InProcessDumpState.Written);
        }
        catch
        {
            ending.InProcessDump(InProcessDumpState.Failed);
            throw;
        }
    }

    private void Announce(string reason, Exception? exception)
    {
        try
        {
            ending.Say($"panic: {reason}{(exception is null ? string.Empty : $" ({exception.GetType().FullName}: {exception.Message})")}\n");
        }
        catch (Exception)
        {
            // An exception whose Message throws still gets its panic.
            ending.Say($"panic: {reason}\n");
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        var panicking = Volatile.Read(ref owner);
        if (panicking != 0 && panicking != Environment.CurrentManagedThreadId)
        {
            // Environment.Exit (or the end of Main) during a panic: the path ends the process, not this thread.
            PathExecutor.ParkForever();
        }
    }

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) =>
        Panic(PanicKind.Panic, "unhandled exception", e.ExceptionObject as Exception);

    private void OnUnobservedTaskException(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        e.SetObserved();
        Oops("unobserved task exception", e.Exception);
    }

    /// <summary>The heartbeat interval: the option, else <c>PANICPATH_HEARTBEAT_MS</c>; null for none.</summary>
    private static TimeSpan? HeartbeatIntervalOf(PanicOptions options)
    {
        if (options.HeartbeatInterval is { } given)
        {
            return given > TimeSpan.Zero ? given : null;
        }

        return int.TryParse(Environment.GetEnvironmentVariable(HeartbeatEnvironmentVariable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms is > 0 and <= 3_600_000
            ? TimeSpan.FromMilliseconds(ms)
            : null;
    }

    private static DateTime ProcessStart(DateTime fallback)
    {
        try
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return self.StartTime.ToUniversalTime();
        }
        catch (Exception)
        {
            return fallback;
        }
    }

    private void PreWarm()
    {
        // Load the JSON metadata, the formatting and the signature code now, not at panic time.
        var sample = new CrashReport { Exception = StackSignature.Describe(new InvalidOperationException("warm-up")) };
        sample.Notifiers.Add(new NotifierRecord { Name = "warm-up", Outcome = NotifierOutcomeNames.Of(NotifierOutcome.Ran) });
        sample.Nested.Add(new NestedPanic { Notifier = "warm-up" });
        CrashReport.Parse(sample.ToUtf8Json());
        Crc32.Compute(ReadOnlySpan<byte>.Empty);
        run.WriteReport(Options.ExitCode, deadlineExceeded: false);
        Span<byte> scratch = stackalloc byte[256];
        LogRing.CopyYoungest(scratch);
        LogRing.CopyYoungestJson(scratch, scratch.Length / 2 - 1);

        // The chains' read side: its slot table is made on first use.
        ReadSide.Exit(ReadSide.Enter());

        // Format one line too: the first timestamp formatted in a process fills the runtime's caches.
        var probe = new LogRing(1);
        probe.Write(LogRecordLevel.Information, "PanicPath", "warm-up");
        probe.CopyYoungest(scratch);
        probe.CopyYoungestJson(scratch, scratch.Length / 2 - 1);
    }
}
