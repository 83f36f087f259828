using System.Globalization;
using System.Runtime.CompilerServices;
using PanicPath.Reports;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Store;

namespace PanicPath.Supervisor.Runs;

/// <summary>
/// Runs the supervisor's report → row path once on a made-up report while the child starts, so that the
/// first real report pays no just-in-time compilation on its way to the store: a report with every field
/// a library writes is serialised and parsed back as the channel parses one (<see cref="CrashReport.Parse"/>),
/// the pending death is made from it as at the first word (<see cref="SpoolIngest.Death"/>: classification,
/// signature, title), and the store rehearses storing it pending, then complete
/// (<see cref="IDeathStore.WarmUpAsync"/>, which keeps nothing). Nothing is written anywhere else and
/// nothing is said. A native binary has nothing to compile: there it does nothing. Never throws.
/// </summary>
internal static class ReportPathWarmUp
{
    /// <summary>The run id of the rehearsed death; no run id <c>panicpath run</c> makes has this shape.</summary>
    internal const string RunId = "warm-up";

    /// <summary>True when this process compiles code as it first runs it (not a native binary).</summary>
    internal static bool Compiles => RuntimeFeature.IsDynamicCodeCompiled;

    /// <summary>Starts the warm-up on the thread pool; the task completes when it is done, and never faults.</summary>
    public static Task StartAsync(IDeathStore? store, CancellationToken cancellationToken) =>
        Compiles ? Task.Run(() => RunAsync(store, cancellationToken), CancellationToken.None) : Task.CompletedTask;

    /// <summary>Runs the path once on <see cref="Sample"/>; never throws.</summary>
    internal static async Task RunAsync(IDeathStore? store, CancellationToken cancellationToken)
    {
        try
        {
            var report = CrashReport.Parse(Sample().ToUtf8Json());
            var death = SpoolIngest.Death(RunId, 0, report, Path.GetTempPath()) with { Pending = true };
            if (store is not null)
            {
                await store.WarmUpAsync(death, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // A warm-up that fails costs the first report its compilation, nothing else.
        }
    }

    /// <summary>A report as a panicking library sends it, every field set.</summary>
    internal static CrashReport Sample()
    {
        var now = DateTime.UtcNow;
        var report = new CrashReport
        {
            Reason = "unhandled exception",
            Pid = Environment.ProcessId,
            ThreadId = Environment.CurrentManagedThreadId,
            UptimeMs = 1.5,
            Timestamp = now.ToString("O", CultureInfo.InvariantCulture),
            Exception = new ReportException
            {
                Type = typeof(InvalidOperationException).FullName!,
                Message = "warm-up",
                Hresult = unchecked((int)0x80131509),
                Method = "PanicPath.WarmUp.Throw",
                Signature = "0000000000000000",
            },
            Form = "long",
            Log = "warm-up",
            DumpPath = Path.Combine(Path.GetTempPath(), "core.0"),
            ExitCode = 134,
        };
        report.Notifiers.Add(new NotifierRecord { Name = "warm-up", List = "supervisor", Priority = 0, Outcome = "threw", Ms = 0.5, Error = typeof(InvalidOperationException).FullName });
        report.Nested.Add(new NestedPanic { Notifier = "warm-up", Reason = "warm-up", ExceptionType = typeof(InvalidOperationException).FullName });
        return report;
    }
}
