using System.Diagnostics;
using System.Text;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Reports;
using PanicPath.Watchdog;

namespace PanicPath.Panics;

/// <summary>
/// One run of the panic path: walks the stages of <see cref="PathSequence"/>, hands every notifier,
/// hook, dumper and dump to an executor under its budget, records each outcome, and builds the report.
/// Created at install for the real panic, so that a panic allocates as little as possible.
/// <para>
/// Steps get the deadline minus a reserve (a quarter of it, at most 2 s) kept for delivering the
/// report and exiting. Each step waits for the smaller of its budget and the time left. A step that
/// overruns its budget is <c>timed-out</c> and costs only itself; a step cut short because the time
/// left ran out, or not started because none is left, marks the run <see cref="DeadlineExceeded"/>,
/// and every later step is <c>skipped</c>.
/// </para>
/// </summary>
internal sealed class PanicRun
{
    private const int MaxRecords = 512;

    private readonly PanicRuntime runtime;
    private readonly StepRecord[] records = new StepRecord[MaxRecords];
    private readonly List<NestedPanic> nested = new(8);
    private readonly byte[] logBuffer;
    private int recordCount;
    private long startTimestamp;
    private long stepsDeadline;
    private int logLength;
    private bool logTaken;

    /// <summary>The event notifiers receive; a field so executors can pass it by reference.</summary>
    internal PanicEvent Event;

    internal PanicRun(PanicRuntime runtime)
    {
        this.runtime = runtime;
        logBuffer = new byte[runtime.Options.ReportLogBytes];
    }

    internal PanicKind Kind { get; private set; }

    internal string Reason { get; private set; } = string.Empty;

    internal Exception? Exception { get; private set; }

    internal int ThreadId { get; private set; }

    internal DateTime StartedUtc { get; private set; }

    /// <summary>True once a step was skipped or cut short because the path's deadline passed.</summary>
    internal volatile bool DeadlineExceeded;

    internal string? DumpPath { get; private set; }

    internal void Begin(PanicKind kind, string reason, Exception? exception)
    {
        Kind = kind;
        Reason = reason;
        Exception = exception;
        ThreadId = Environment.CurrentManagedThreadId;
        StartedUtc = DateTime.UtcNow;
        startTimestamp = Stopwatch.GetTimestamp();
        var deadline = runtime.Options.Deadline;
        var reserve = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, deadline.Ticks / 4));
        stepsDeadline = startTimestamp + (long)((deadline - reserve).TotalSeconds * Stopwatch.Frequency);
        recordCount = 0;
        nested.Clear();
        logLength = 0;
        logTaken = false;
        DeadlineExceeded = false;
        DumpPath = null;
    }

    /// <summary>Runs every stage in order. Never throws.</summary>
    internal void Execute()
    {
        var options = runtime.Options;
        foreach (var step in PathSequence.For(options.DumpPolicy, runtime.CaptureArmed))
        {
            try
            {
                switch (step)
                {
                    case PathStep.LogDump:
                        DumpLog();
                        break;
                    case PathStep.CrashDump:
                        CrashDump();
                        break;
                    default:
                        WalkList(PathSequence.ListOf(step)!.Value);
                        break;
                }
            }
            catch (Exception)
            {
                // The path's own bookkeeping must not stop the path.
            }
        }
    }

    internal NotifyResult RunNotifier(NotifierRegistration<PanicEvent> registration, PanicList list)
    {
        var descriptor = runtime.Describe(registration);
        if (descriptor is { SkipsWhenCaptureArmed: true } && runtime.CaptureArmed)
        {
            Record(registration.Name, ListName(list), registration.Priority, NotifierOutcome.Skipped, 0, null);
            return NotifyResult.Done;
        }

        var budget = descriptor?.Budget ?? runtime.Options.NotifierBudget;
        return RunStep(registration.Name, ListName(list), registration.Priority, budget, registration, null);
    }

    /// <summary>The report of this run, with the verdict the caller decided (<see cref="Exit.PanicExitCodes.For"/>).</summary>
    internal CrashReport BuildReport(int exitCode, bool deadlineExceeded)
    {
        var report = new CrashReport
        {
            Kind = Kind == PanicKind.Oops ? "oops" : "panic",
            Reason = Reason,
            Pid = Environment.ProcessId,
            ThreadId = ThreadId,
            UptimeMs = Math.Max(0, (StartedUtc - runtime.ProcessStartedUtc).TotalMilliseconds),
            Timestamp = StartedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            Exception = Exception is null ? null : StackSignature.DescribeSafely(Exception),
            DumpPath = DumpPath,
            DeadlineExceeded = deadlineExceeded,
            ExitCode = exitCode,
        };
        if (runtime.Options.ReportForm == ReportForm.Long && Volatile.Read(ref logTaken))
        {
            report.Form = "long";
            report.Log = Encoding.UTF8.GetString(logBuffer, 0, logLength);
        }

        var count = Math.Min(Volatile.Read(ref recordCount), MaxRecords);
        for (var i = 0; i < count; i++)
        {
            ref var r = ref records[i];
            report.Notifiers.Add(new NotifierRecord
            {
                Name = r.Name,
                List = r.List,
                Priority = r.Priority,
                Outcome = NotifierOutcomeNames.Of(r.Outcome),
                Ms = Math.Round(r.Ms, 3),
                Error = r.Error,
            });
        }

        lock (nested)
        {
            report.Nested.AddRange(nested);
        }

        return report;
    }

    private void WalkList(PanicList list)
    {
        Event = new PanicEvent(Kind, Reason, Exception, list, ThreadId);
        var invoker = new ListInvoker(this, list);
        runtime.Chain(list).Call(in Event, ref invoker);
    }

    private void DumpLog()
    {
        if (runtime.Options.ReportForm == ReportForm.Long)
        {
            logLength = runtime.LogRing.CopyYoungest(logBuffer);
            Volatile.Write(ref logTaken, true);
        }

        foreach (var (dumper, job) in runtime.PanicDumpers)
        {
            if (dumper.Accepts(Logging.LogDumpReason.Panic))
            {
                RunStep(dumper.Name, "log-dump", 0, runtime.Options.NotifierBudget, null, job);
            }
        }
    }

    private void CrashDump()
    {
        if (runtime.Options.Platform.HasCrashShutdownHooks)
        {
            foreach (var hook in runtime.Hooks)
            {
                RunStep(hook.Name, "crash-shutdown", 0, runtime.Options.NotifierBudget, null, hook.Run);
            }
        }

        if (runtime.Options.DumpWriter is not null)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), stepsDeadline);
            var outcome = RunStep("crash-dump", "crash-dump", 0, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, null, runtime.DumpJob);
            if (outcome == NotifyResult.Done && runtime.LastDumpPath is { } path)
            {
                DumpPath = path;
            }
        }
    }

    private NotifyResult RunStep(string name, string list, int priority, TimeSpan budget, NotifierRegistration<PanicEvent>? registration, Action? job)
    {
        if (DeadlineExceeded || Stopwatch.GetTimestamp() >= stepsDeadline)
        {
            return SkipPastDeadline(name, list, priority);
        }

        var executor = runtime.Executors.Next(out var failure);
        if (executor is null)
        {
            Record(name, list, priority, NotifierOutcome.Skipped, 0, failure?.GetType().FullName);
            return NotifyResult.Done;
        }

        // Read the clock after Next: starting a replacement executor takes time too.
        var now = Stopwatch.GetTimestamp();
        if (now >= stepsDeadline)
        {
            return SkipPastDeadline(name, list, priority);
        }

        var remaining = Stopwatch.GetElapsedTime(now, stepsDeadline);
        var cutByDeadline = budget >= remaining;
        var wait = cutByDeadline ? remaining : budget;
        var finished = registration is not null
            ? executor.RunNotifier(registration, this, wait)
            : executor.RunAction(job!, wait);
        var ms = Stopwatch.GetElapsedTime(now).TotalMilliseconds;
        if (!finished)
        {
            if (cutByDeadline)
            {
                // The wait ended at the deadline, not at the step's own budget: the path is out of time.
                DeadlineExceeded = true;
            }

            Record(name, list, priority, NotifierOutcome.TimedOut, ms, null);
            return NotifyResult.Done;
        }

        var outcome = executor.Outcome;
        if (outcome == NotifierOutcome.Abandoned)
        {
            lock (nested)
            {
                nested.Add(new NestedPanic
                {
                    Notifier = name,
                    Reason = executor.NestedReason ?? string.Empty,
                    ExceptionType = executor.NestedException?.GetType().FullName,
                });
            }
        }

        Record(name, list, priority, outcome, ms, executor.Fault?.GetType().FullName);
        return outcome == NotifierOutcome.Ran ? executor.Result : NotifyResult.Bad & ~NotifyResult.StopMask;
    }

    private NotifyResult SkipPastDeadline(string name, string list, int priority)
    {
        DeadlineExceeded = true;
        Record(name, list, priority, NotifierOutcome.Skipped, 0, null);
        return NotifyResult.Done;
    }

    private void Record(string name, string list, int priority, NotifierOutcome outcome, double ms, string? error)
    {
        var at = recordCount;
        if (at >= MaxRecords)
        {
            return;
        }

        records[at] = new StepRecord(name, list, priority, outcome, ms, error);
        Volatile.Write(ref recordCount, at + 1);
    }

    private static string ListName(PanicList list) => list switch
    {
        PanicList.Supervisor => "supervisor",
        PanicList.Information => "information",
        PanicList.Teardown => "teardown",
        _ => "final",
    };

    private readonly record struct StepRecord(string Name, string List, int Priority, NotifierOutcome Outcome, double Ms, string? Error);

    /// <summary>Hands each notifier of a list to an executor, while the chain keeps order and the stop bit.</summary>
    private readonly struct ListInvoker(PanicRun run, PanicList list) : INotifierInvoker<PanicEvent>
    {
        public NotifyResult Invoke(NotifierRegistration<PanicEvent> registration, in PanicEvent e) => run.RunNotifier(registration, list);
    }
}
