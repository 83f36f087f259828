namespace Crashers;

/// <summary>The ways the crasher dies, one per command-line mode.</summary>
internal static class CrashMode
{
    public const string Unhandled = "unhandled";
    public const string OopsPanic = "oops-panic";
    public const string PanicPathUnhandled = "panicpath-unhandled";
    public const string FailFast = "failfast";
    public const string StackOverflow = "stack-overflow";
    public const string Segv = "segv";
    public const string SigKill = "sigkill";
    public const string Exit3 = "exit3";
    public const string Exit0 = "exit0";
    public const string Hang = "hang";
    public const string PanicPath32Threads = "panicpath-32-threads";
    public const string PanicPathHang = "panicpath-hang";
    public const string PanicPathBeat = "panicpath-beat";
    public const string RecordSignals = "record-signals";
    public const string PanicPathUnhandledOnGo = "panicpath-unhandled-on-go";
    public const string PanicPathDump = "panicpath-dump";

    /// <summary>An exception with an inner one, thrown across an await from a lambda and a local function, escapes a thread.</summary>
    public const string Inner = "inner";

    /// <summary>An AggregateException of two thrown exceptions, one with an inner exception of its own, escapes a thread.</summary>
    public const string Aggregate = "aggregate";

    /// <summary><see cref="Inner"/> with PanicPath installed.</summary>
    public const string PanicPathInner = "panicpath-inner";

    /// <summary><see cref="Aggregate"/> with PanicPath installed.</summary>
    public const string PanicPathAggregate = "panicpath-aggregate";

    /// <summary><c>panicpath-hangs N [DEADLINE_MS]</c>: N hung notifiers, then canaries (see <see cref="HungNotifiers"/>).</summary>
    public const string PanicPathHangs = "panicpath-hangs";

    /// <summary>
    /// PanicPath installed, then a panic whose first notifier prints <c>notifier held</c> and waits (at most
    /// two minutes) until the file <see cref="GoFileVariable"/> names exists (see <see cref="HeldNotifier"/>).
    /// </summary>
    public const string PanicPathHeld = "panicpath-held";

    /// <summary>A notifier of each outcome, one of them raising a nested panic (see <see cref="NestedPanics"/>).</summary>
    public const string PanicPathNested = "panicpath-nested";

    /// <summary>The file whose appearance <see cref="PanicPathUnhandledOnGo"/> and <see cref="PanicPathHeld"/> wait for.</summary>
    public const string GoFileVariable = "CRASHER_GO_FILE";

    public static readonly string[] All = [Unhandled, OopsPanic, PanicPathUnhandled, FailFast, StackOverflow, Segv, SigKill, Exit3, Exit0, Hang, PanicPath32Threads, PanicPathHang, PanicPathBeat, PanicPathHangs, RecordSignals, PanicPathUnhandledOnGo, PanicPathDump, PanicPathHeld, PanicPathNested, Inner, Aggregate, PanicPathInner, PanicPathAggregate];
}
