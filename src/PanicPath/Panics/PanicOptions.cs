using PanicPath.Dumps;
using PanicPath.Exit;
using PanicPath.Lists;
using PanicPath.Reports;

namespace PanicPath.Panics;

/// <summary>
/// How the panic path behaves. Every value is checked by <see cref="Validate"/> at install; a bad value
/// gets an <see cref="ArgumentException"/> naming the field. Nothing here is read again at panic time
/// except through the installed runtime's copy.
/// </summary>
public class PanicOptions
{
    /// <summary>Time each notifier, hook or dumper may take before the path moves on without it. Default 2 s.</summary>
    public TimeSpan NotifierBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Time the whole path may take, from panic entry to exit. Steps get it minus a reserve (a quarter,
    /// at most 2 s) for delivering the report and exiting; a step skipped or cut short because that time
    /// ran out makes the report say <c>deadlineExceeded</c> and the exit code
    /// <see cref="PanicExitCodes.DeadlineExceeded"/>. Past the whole deadline the watchdog ends the
    /// process. Default 20 s.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Executor threads started at install beyond the first, to replace ones lost to a hung or panicking
    /// step without starting a thread at panic time. Once all are lost, each later step that needs one
    /// starts a replacement, so hangs beyond this count still cost only their own steps. Default 3.
    /// </summary>
    public int SpareExecutors { get; set; } = 3;

    /// <summary>Where the crash-dump step stands among the lists. Default <see cref="DumpPolicy.BeforeLists"/>.</summary>
    public DumpPolicy DumpPolicy { get; set; } = DumpPolicy.BeforeLists;

    /// <summary>Escalate every oops to a panic (the kernel's <c>panic_on_oops</c>).</summary>
    public bool PanicOnOops { get; set; }

    /// <summary>Escalate every warning to a panic (the kernel's <c>panic_on_warn</c>).</summary>
    public bool PanicOnWarn { get; set; }

    /// <summary>
    /// The exit code of a panic whose path finished within its deadline (1–255 but not 71, which
    /// always means the deadline was exceeded). Default <see cref="PanicExitCodes.Panic"/>.
    /// </summary>
    public int ExitCode { get; set; } = PanicExitCodes.Panic;

    /// <summary>The spool directory for reports; null reads <c>PANICPATH_SPOOL</c> at install; none: no spool.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>
    /// The supervisor's report channel (a Unix domain socket path); null reads <c>PANICPATH_CHANNEL</c> at
    /// install; empty or <c>none</c>: no channel. The connection is made at install; when it cannot be
    /// made, reports go to the spool.
    /// </summary>
    public string? ChannelAddress { get; set; }

    /// <summary>
    /// How often the heartbeat thread beats over the channel; null reads <c>PANICPATH_HEARTBEAT_MS</c> at
    /// install; zero or no channel: no heartbeat.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>Short or long report. Default <see cref="Reports.ReportForm.Long"/>.</summary>
    public ReportForm ReportForm { get; set; } = ReportForm.Long;

    /// <summary>Bytes of log tail in the long form. Default 4096.</summary>
    public int ReportLogBytes { get; set; } = 4096;

    /// <summary>Records kept by the log ring. Default 1024.</summary>
    public int LogRingCapacity { get; set; } = 1024;

    /// <summary>An in-process dump writer; setting one arms crash capture.</summary>
    public ICrashDumpWriter? DumpWriter { get; set; }

    /// <summary>
    /// Where the in-process dump goes when no supervisor names its dump directory
    /// (<see cref="Dumps.CrashCapture.DumpDirectoryEnvironmentVariable"/>, which wins); null: the system temporary directory.
    /// </summary>
    public string? DumpDirectory { get; set; }

    /// <summary>Turn <c>AppDomain.UnhandledException</c> into a panic. Default true.</summary>
    public bool HandleUnhandledExceptions { get; set; } = true;

    /// <summary>Turn <c>TaskScheduler.UnobservedTaskException</c> into an oops. Default true.</summary>
    public bool HandleUnobservedTaskExceptions { get; set; } = true;

    /// <summary>The platform whose crash-shutdown rules apply. Default <see cref="CrashPlatform.Current"/>.</summary>
    public CrashPlatform Platform { get; set; } = CrashPlatform.Current;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it (the first of <see cref="Problems"/>).</exception>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"PanicOptions.{problems[0].Field} {problems[0].Problem}", problems[0].Field);
        }
    }

    /// <summary>
    /// Every field out of range, each with what is wrong, in field order; empty when the options are valid.
    /// A rule between two fields is checked only when each is valid on its own.
    /// </summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        void Bad(string field, string problem) => problems.Add(new OptionProblem(field, problem));

        var budgetValid = NotifierBudget > TimeSpan.Zero;
        if (!budgetValid)
        {
            Bad(nameof(NotifierBudget), $"must be positive (was {NotifierBudget}).");
        }

        var deadlineValid = Deadline > TimeSpan.Zero && Deadline <= TimeSpan.FromHours(1);
        if (!deadlineValid)
        {
            Bad(nameof(Deadline), $"must be positive and at most one hour (was {Deadline}).");
        }

        if (budgetValid && deadlineValid && NotifierBudget > Deadline)
        {
            Bad(nameof(NotifierBudget), $"({NotifierBudget}) must not exceed Deadline ({Deadline}).");
        }

        if (SpareExecutors is < 0 or > 64)
        {
            Bad(nameof(SpareExecutors), $"must be between 0 and 64 (was {SpareExecutors}).");
        }

        if (!Enum.IsDefined(DumpPolicy))
        {
            Bad(nameof(DumpPolicy), $"has unknown value {(int)DumpPolicy}.");
        }

        if (!Enum.IsDefined(ReportForm))
        {
            Bad(nameof(ReportForm), $"has unknown value {(int)ReportForm}.");
        }

        if (ExitCode is < 1 or > 255)
        {
            Bad(nameof(ExitCode), $"must be between 1 and 255 (was {ExitCode}).");
        }
        else if (ExitCode == PanicExitCodes.DeadlineExceeded)
        {
            Bad(nameof(ExitCode), $"must not be {PanicExitCodes.DeadlineExceeded}, the exit code of a path that exceeded its deadline.");
        }

        if (ReportLogBytes is < 256 or > 1 << 20)
        {
            Bad(nameof(ReportLogBytes), $"must be between 256 and 1048576 (was {ReportLogBytes}).");
        }

        if (LogRingCapacity is < 1 or > 1 << 20)
        {
            Bad(nameof(LogRingCapacity), $"must be between 1 and 1048576 (was {LogRingCapacity}).");
        }

        if (SpoolDirectory is not null && string.IsNullOrWhiteSpace(SpoolDirectory))
        {
            Bad(nameof(SpoolDirectory), "must be null or a directory path (was blank).");
        }

        if (HeartbeatInterval is { } beat && (beat < TimeSpan.Zero || beat > TimeSpan.FromHours(1)))
        {
            Bad(nameof(HeartbeatInterval), $"must be between zero and one hour (was {beat}).");
        }

        if (Platform is null)
        {
            Bad(nameof(Platform), "must not be null.");
        }

        return problems;
    }
}
