using System.Diagnostics;
using System.Text;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Reports;
using PanicPath.Watchdog;

namespace PanicPath.Panics;

/// <summary>
/// One run of the panic path: walks the stages of <see cref="PathSequence"/>, runs every notifier,
/// hook, dumper and dump under its budget, records each outcome, and builds the report. Created at
/// install for the real panic, so that a panic allocates as little as possible.
/// <para>
/// Inline first: the thread that panicked walks the steps itself (<see cref="Execute"/>), publishing
/// each one to the <see cref="StepWatchdog"/> started at install. Only when a step overruns its budget
/// does the watchdog claim it, record it timed out, and move the rest of the path to an executor from
/// the <see cref="ExecutorPool"/>, which goes on from the next step over the same list snapshot and
/// hands each later step to another executor under its budget (the hand-off path: any number of hangs
/// cost their own steps only). A nested panic inside an inline step moves the rest the same way, its
/// step recorded abandoned. The claim and the walker's end of step are compare-and-swaps on one word:
/// the stuck thread, should its step return late, finds the step claimed, touches nothing more and parks
/// for good, so no step runs twice and nothing is recorded twice. The position (stage, item), the
/// records and the step being run are plain fields written by whichever thread owns the path; the
/// claim's compare-and-swap (and the executor's start event) hands them over with the path.
/// </para>
/// <para>
/// Steps get the deadline minus a reserve (a quarter of it, at most 2 s) kept for delivering the
/// report and exiting. Each step runs for at most the smaller of its budget and the time left. A step that
/// overruns its budget is <c>timed-out</c> and costs only itself; a step cut short because the time
/// left ran out, or not started because none is left, marks the run <see cref="DeadlineExceeded"/>,
/// and every later step is <c>skipped</c>. Whoever runs the last step finishes the path
/// (<see cref="PanicRuntime.FinishPath"/>).
/// </para>
/// </summary>
internal sealed class PanicRun
{
    private const int MaxRecords = 512;

    /// <summary>The list name of the in-process dump step, whose record is also the report's <see cref="CrashReport.Dump"/>.</summary>
    private const string DumpList = "crash-dump";

    /// <summary>
    /// The run each thread is walking inline, by managed thread id (a thread-static would allocate its
    /// storage on the panicking thread's first panic); a thread whose id is past the table uses
    /// <see cref="overflowWalker"/> instead.
    /// </summary>
    private static readonly PanicRun?[] InlineWalkers = new PanicRun?[1024];

    [ThreadStatic] private static PanicRun? overflowWalker;

    private readonly PanicRuntime runtime;
    private readonly StepRecord[] records = new StepRecord[MaxRecords];
    private readonly List<NestedPanic> nested = new(8);
    private readonly byte[] logBuffer;
    private readonly byte[] logJson;
    private readonly StepWatchdog watch;
    private readonly ReportWriter writer;
    private readonly ReportWriter entryWriter;
    private readonly Action continueJob;
    private int recordCount;
    private long startTimestamp;

    /// <summary>When the last report of this run was written (a <see cref="Stopwatch"/> timestamp; 0: none yet), for its <see cref="CrashReport.TotalMs"/>.</summary>
    private long reportTimestamp;
    private long stepsDeadline;
    private int logJsonStart;
    private int logJsonLength;
    private bool logTaken;
    private ReportException? described;

    // Where the path is, and how it runs: written only by the thread that owns the path.
    private int stage;
    private int item;
    private bool resuming;
    private bool handOff;
    private int walkerThread;
    private int moved;
    private ReadSide.Section inlineSection;
    private NotifierRegistration<PanicEvent>[] listRegistrations = [];
    private (Logging.LogDumper Dumper, Action Job)[] stageDumpers = [];
    private Dumps.CrashShutdownHook[] stageHooks = [];

    // The inline step running now, published to the step watchdog with its token.
    private string stepName = string.Empty;
    private string stepList = string.Empty;
    private int stepPriority;
    private long stepStarted;
    private bool stepCut;

    /// <summary>
    /// When the last inline step ended (a <see cref="Stopwatch"/> timestamp), which is when the next one
    /// starts: one clock read per step; 0 when the next step reads the clock itself (after work between
    /// steps that is not a step's own, such as copying the log tail).
    /// </summary>
    private long stepClock;

    /// <summary>The event notifiers receive; a field so executors can pass it by reference.</summary>
    internal PanicEvent Event;

    internal PanicRun(PanicRuntime runtime)
    {
        this.runtime = runtime;
        logBuffer = new byte[runtime.Options.ReportLogBytes];
        logJson = new byte[Utf8JsonString.MaxLength(runtime.Options.ReportLogBytes)];
        writer = new ReportWriter(runtime.Options.ReportLogBytes);
        entryWriter = new ReportWriter(0);
        continueJob = Walk;
        _ = InlineWalkers.Length; // the table is made now, not by the first panic
        watch = new StepWatchdog(StepWatchdog.PollFor(runtime.Options.NotifierBudget), OnOverrun);
    }

    internal PanicKind Kind { get; private set; }

    internal string Reason { get; private set; } = string.Empty;

    internal Exception? Exception { get; private set; }

    internal int ThreadId { get; private set; }

    internal DateTime StartedUtc { get; private set; }

    /// <summary>True once a step was skipped or cut short because the path's deadline passed.</summary>
    internal volatile bool DeadlineExceeded;

    internal string? DumpPath { get; private set; }

    /// <summary>Starts a run for a panic raised on thread <paramref name="panickingThread"/> (by default the calling one).</summary>
    internal void Begin(PanicKind kind, string reason, Exception? exception, int panickingThread = 0)
    {
        Kind = kind;
        Reason = reason;
        Exception = exception;
        ThreadId = panickingThread != 0 ? panickingThread : Environment.CurrentManagedThreadId;
        StartedUtc = DateTime.UtcNow;
        startTimestamp = Stopwatch.GetTimestamp();
        var deadline = runtime.Options.Deadline;
        var reserve = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, deadline.Ticks / 4));
        stepsDeadline = startTimestamp + (long)((deadline - reserve).TotalSeconds * Stopwatch.Frequency);
        recordCount = 0;
        reportTimestamp = 0;
        nested.Clear();
        logJsonStart = 0;
        logJsonLength = 0;
        logTaken = false;
        Volatile.Write(ref described, null);
        DeadlineExceeded = false;
        DumpPath = null;
    }

    /// <summary>
    /// Runs every stage in order on the calling thread, then finishes the path. Never throws. Returns
    /// only when this thread finished the path; a thread whose step was claimed (overrun, or a nested
    /// panic in it) never returns: another thread runs the rest.
    /// </summary>
    internal void Execute()
    {
        stage = 0;
        item = 0;
        resuming = false;
        handOff = false;
        moved = 0;
        stepClock = 0;
        walkerThread = Environment.CurrentManagedThreadId;
        if ((uint)walkerThread < (uint)InlineWalkers.Length)
        {
            Volatile.Write(ref InlineWalkers[walkerThread], this);
        }
        else
        {
            overflowWalker = this;
        }

        watch.Arm();
        Walk();
    }

    /// <summary>
    /// Called by a panic raised on the calling thread: when that thread is walking the path inline and
    /// is inside a step, the step is abandoned (recorded with the nested panic), the rest of the path
    /// moves to an executor, and the thread parks for good. Otherwise returns.
    /// </summary>
    internal static void AbandonIfInsideStep(string reason, Exception? exception)
    {
        var thread = Environment.CurrentManagedThreadId;
        var walking = (uint)thread < (uint)InlineWalkers.Length ? Volatile.Read(ref InlineWalkers[thread]) : overflowWalker;
        if (walking is not { } run || run.walkerThread != thread)
        {
            return;
        }

        var step = run.watch.Current;
        if (step <= 0)
        {
            return;
        }

        if (run.watch.TryClaim(step))
        {
            lock (run.nested)
            {
                run.nested.Add(new NestedPanic
                {
                    Notifier = run.stepName,
                    Reason = reason,
                    ExceptionType = exception?.GetType().FullName,
                    AtMs = Thousandths.Milliseconds(run.SinceEntry(Stopwatch.GetTimestamp())),
                });
            }

            run.Record(run.stepName, run.stepList, run.stepPriority, NotifierOutcome.Abandoned, run.stepStarted, Stopwatch.GetElapsedTime(run.stepStarted).TotalMilliseconds, null);
            run.MoveRest();
        }

        run.LeaveForGood();
    }

    internal NotifyResult RunNotifier(NotifierRegistration<PanicEvent> registration, PanicList list)
    {
        var descriptor = registration.Descriptor as PanicNotifier;
        if (descriptor is { SkipsWhenCaptureArmed: true } && runtime.CaptureArmed)
        {
            Record(registration.Name, ListName(list), registration.Priority, NotifierOutcome.Skipped, Stopwatch.GetTimestamp(), 0, null);
            return NotifyResult.Done;
        }

        var budget = descriptor?.Budget ?? runtime.Options.NotifierBudget;
        return RunStep(registration.Name, ListName(list), registration.Priority, budget, registration, null);
    }

    /// <summary>
    /// Writes the report <see cref="BuildReport"/> would build, byte for byte as its JSON, into the
    /// buffer made at install, and answers its bytes (valid until the next write). Allocates nothing but
    /// what describing the exception takes (its type, message, stack signature), and that once per run.
    /// </summary>
    internal ReadOnlySpan<byte> WriteReport(int exitCode, bool deadlineExceeded)
    {
        reportTimestamp = Stopwatch.GetTimestamp();
        var hasLog = runtime.Options.ReportForm == ReportForm.Long && Volatile.Read(ref logTaken);
        Start(writer, hasLog ? logJson.AsSpan(logJsonStart, logJsonLength) : [], hasLog);
        var count = Math.Min(Volatile.Read(ref recordCount), MaxRecords);
        var dumpAt = -1;
        for (var i = 0; i < count; i++)
        {
            ref var r = ref records[i];
            writer.Notifier(r.Name, r.List, r.Priority, NotifierOutcomeNames.Of(r.Outcome), SinceEntry(r.Started), Thousandths.Of(r.Ms), r.Error);
            if (ReferenceEquals(r.List, DumpList))
            {
                dumpAt = i;
            }
        }

        writer.StartNested();
        lock (nested)
        {
            foreach (var n in nested)
            {
                writer.Nested(n);
            }
        }

        (long, long, string)? dump = dumpAt < 0
            ? null
            : (SinceEntry(records[dumpAt].Started), Thousandths.Of(records[dumpAt].Ms), NotifierOutcomeNames.Of(records[dumpAt].Outcome));
        return writer.End(DumpPath, deadlineExceeded, exitCode, dump, Deadline, SinceEntry(reportTimestamp));
    }

    /// <summary>
    /// Writes the short report sent at panic entry (the run's cause with no log, notifiers, nested
    /// panics or dump: what <see cref="BuildReport"/> builds before the first step) into a buffer of
    /// its own made at install, so that a report written meanwhile at the deadline cannot tear it, and
    /// answers its bytes (valid until the next entry report). Allocates nothing but what describing the
    /// exception takes, which the long report then reuses.
    /// </summary>
    internal ReadOnlySpan<byte> WriteEntryReport(int exitCode)
    {
        Start(entryWriter, [], hasLog: false);
        entryWriter.StartNested();
        return entryWriter.End(null, deadlineExceeded: false, exitCode, deadline: Deadline);
    }

    private void Start(ReportWriter into, ReadOnlySpan<byte> log, bool hasLog) =>
        into.Start(
            runtime.ReportVersion,
            Kind == PanicKind.Oops ? "oops" : "panic",
            Reason,
            Environment.ProcessId,
            ThreadId,
            Uptime,
            StartedUtc,
            DescribedException(),
            log,
            hasLog);

    /// <summary>The run's exception described once (<see cref="StackSignature.DescribeSafely"/>); null without one.</summary>
    private ReportException? DescribedException()
    {
        if (Exception is not { } exception)
        {
            return null;
        }

        if (Volatile.Read(ref described) is { } known)
        {
            return known;
        }

        // Two threads describing at once (the path and the deadline) get equal descriptions; either is kept.
        var description = StackSignature.DescribeSafely(exception);
        Volatile.Write(ref described, description);
        return description;
    }

    /// <summary>From the process's start to the panic, in <see cref="Thousandths"/>; never negative.</summary>
    private long Uptime => Thousandths.Of(Math.Max(0, (StartedUtc - runtime.ProcessStartedUtc).TotalMilliseconds));

    /// <summary>The path's deadline as configured, from the entry, in <see cref="Thousandths"/>.</summary>
    private long Deadline => Thousandths.Of(runtime.Options.Deadline.TotalMilliseconds);

    /// <summary>
    /// The time from the panic's entry to <paramref name="timestamp"/> (a <see cref="Stopwatch"/>
    /// timestamp) in <see cref="Thousandths"/>, rounded as every duration of the report; never negative.
    /// </summary>
    private long SinceEntry(long timestamp) =>
        timestamp <= startTimestamp ? 0 : Thousandths.Of((timestamp - startTimestamp) * 1000.0 / Stopwatch.Frequency);

    /// <summary>The bytes of the report last written by <see cref="WriteReport"/>.</summary>
    internal ReadOnlySpan<byte> WrittenReport => writer.Written;

    /// <summary>The report of this run, with the verdict the caller decided (<see cref="Exit.PanicExitCodes.For"/>).</summary>
    internal CrashReport BuildReport(int exitCode, bool deadlineExceeded)
    {
        var version = runtime.ReportVersion;
        var timed = version >= CrashReport.CurrentVersion;
        var report = new CrashReport
        {
            Version = version,
            Kind = Kind == PanicKind.Oops ? "oops" : "panic",
            Reason = Reason,
            Pid = Environment.ProcessId,
            ThreadId = ThreadId,
            UptimeMs = Thousandths.Milliseconds(Uptime),
            Timestamp = StartedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            Exception = DescribedException(),
            DumpPath = DumpPath,
            DeadlineExceeded = deadlineExceeded,
            ExitCode = exitCode,
            DeadlineMs = timed ? Thousandths.Milliseconds(Deadline) : null,
            TotalMs = timed ? Thousandths.Milliseconds(SinceEntry(reportTimestamp != 0 ? reportTimestamp : Stopwatch.GetTimestamp())) : null,
        };
        if (runtime.Options.ReportForm == ReportForm.Long && Volatile.Read(ref logTaken))
        {
            report.Form = "long";
            var reader = new System.Text.Json.Utf8JsonReader(logJson.AsSpan(logJsonStart, logJsonLength));
            reader.Read();
            report.Log = reader.GetString();
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
                StartMs = timed ? Thousandths.Milliseconds(SinceEntry(r.Started)) : null,
                Ms = Thousandths.Milliseconds(Thousandths.Of(r.Ms)),
                Error = r.Error,
            });
            if (timed && ReferenceEquals(r.List, DumpList))
            {
                report.Dump = new DumpStep { StartMs = Thousandths.Milliseconds(SinceEntry(r.Started)), Ms = Thousandths.Milliseconds(Thousandths.Of(r.Ms)), Outcome = NotifierOutcomeNames.Of(r.Outcome), Path = DumpPath };
            }
        }

        lock (nested)
        {
            foreach (var n in nested)
            {
                report.Nested.Add(timed ? n : new NestedPanic { Notifier = n.Notifier, Reason = n.Reason, ExceptionType = n.ExceptionType });
            }
        }

        return report;
    }

    /// <summary>
    /// Walks the stages from the current position to the end, then finishes the path. The thread that
    /// takes a moved path holds a read section for the rest of it, opened before it reads anything, so
    /// that the list snapshot it goes on with stays safe when the stuck thread leaves its own.
    /// </summary>
    private void Walk()
    {
        var section = default(ReadSide.Section);
        if (handOff)
        {
            section = ReadSide.Enter();
            Volatile.Write(ref moved, 1);
        }

        try
        {
            var sequence = PathSequence.For(runtime.Options.DumpPolicy, runtime.CaptureArmed);
            for (; stage < sequence.Length; stage++)
            {
                try
                {
                    switch (sequence[stage])
                    {
                        case PathStep.LogDump:
                            DumpLog();
                            break;
                        case PathStep.CrashDump:
                            CrashDump();
                            break;
                        default:
                            WalkList(PathSequence.ListOf(sequence[stage])!.Value);
                            break;
                    }
                }
                catch (Exception)
                {
                    // The path's own bookkeeping must not stop the path.
                }

                item = 0;
                resuming = false;
            }
        }
        catch (Exception)
        {
            // Finish regardless.
        }

        ReadSide.Exit(section);
        watch.Disarm();
        runtime.FinishPath();
    }

    /// <summary>
    /// The step watchdog's action once it claimed an overrunning inline step: records it timed out
    /// (and the deadline exceeded when the time left, not its budget, cut it) and moves the rest.
    /// </summary>
    private void OnOverrun()
    {
        if (stepCut)
        {
            DeadlineExceeded = true;
        }

        Record(stepName, stepList, stepPriority, NotifierOutcome.TimedOut, stepStarted, Stopwatch.GetElapsedTime(stepStarted).TotalMilliseconds, null);
        MoveRest();
    }

    /// <summary>
    /// Moves the path after the claimed step to an executor, which runs it in hand-off mode; when no
    /// executor can be had, the calling thread runs it.
    /// </summary>
    private void MoveRest()
    {
        item++;
        resuming = true;
        handOff = true;
        if (runtime.Executors.Next(out _) is { } driver)
        {
            driver.Take(continueJob);
        }
        else
        {
            Walk();
        }
    }

    /// <summary>
    /// The end of a thread whose inline step was claimed: once the thread that took the path holds its
    /// read section (or a second has passed), it closes the list's read section it had open, so that
    /// unregistrations are not held up for ever, and parks for good without touching the path.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void LeaveForGood()
    {
        SpinWait.SpinUntil(() => Volatile.Read(ref moved) == 1, TimeSpan.FromSeconds(1));
        ReadSide.Exit(inlineSection);
        PathExecutor.ParkForever();
    }

    private void WalkList(PanicList list)
    {
        var section = ReadSide.Enter();
        if (!handOff)
        {
            inlineSection = section;
        }

        try
        {
            if (!resuming)
            {
                Event = new PanicEvent(Kind, Reason, Exception, list, ThreadId);
                listRegistrations = runtime.Chain(list).CurrentRegistrations;
            }

            var registrations = listRegistrations;
            for (; item < registrations.Length; item++)
            {
                if (RunNotifier(registrations[item], list).Stops())
                {
                    break;
                }
            }
        }
        finally
        {
            if (!handOff)
            {
                inlineSection = default;
            }

            ReadSide.Exit(section);
        }
    }

    private void DumpLog()
    {
        if (!resuming)
        {
            if (runtime.Options.ReportForm == ReportForm.Long)
            {
                TakeLog();
                Volatile.Write(ref logTaken, true);
                stepClock = 0;
            }

            stageDumpers = runtime.PanicDumpers;
        }

        var dumpers = stageDumpers;
        for (; item < dumpers.Length; item++)
        {
            var (dumper, job) = dumpers[item];
            if (dumper.Accepts(Logging.LogDumpReason.Panic))
            {
                RunStep(dumper.Name, "log-dump", 0, runtime.Options.NotifierBudget, null, job);
            }
        }
    }

    /// <summary>
    /// Takes the log tail the long report carries (the youngest lines that fit in
    /// <see cref="PanicOptions.ReportLogBytes"/>) as its quoted JSON string: escaped by the ring as it
    /// copies when every line is plain, else copied and then escaped (<see cref="Utf8JsonString"/>).
    /// </summary>
    private void TakeLog()
    {
        var start = runtime.LogRing.CopyYoungestJson(logJson, logBuffer.Length);
        if (start >= 0)
        {
            logJsonStart = start;
            logJsonLength = logJson.Length - start;
            return;
        }

        var length = runtime.LogRing.CopyYoungest(logBuffer);
        logJsonStart = 0;
        logJsonLength = Utf8JsonString.Write(logBuffer.AsSpan(0, length), logJson);
    }

    private void CrashDump()
    {
        if (!resuming)
        {
            stageHooks = runtime.Options.Platform.HasCrashShutdownHooks ? runtime.HookArray : [];
        }

        var hooks = stageHooks;
        for (; item < hooks.Length; item++)
        {
            RunStep(hooks[item].Name, "crash-shutdown", 0, runtime.Options.NotifierBudget, null, hooks[item].Run);
        }

        if (item == hooks.Length && runtime.Options.DumpWriter is not null)
        {
            // The dump's budget is the time left, read from the clock the step starts by.
            stepClock = Stopwatch.GetTimestamp();
            var remaining = Stopwatch.GetElapsedTime(stepClock, stepsDeadline);
            var outcome = RunStep("crash-dump", DumpList, 0, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, null, runtime.DumpJob);
            if (outcome == NotifyResult.Done && runtime.LastDumpPath is { } path)
            {
                DumpPath = path;
            }
        }
    }

    private NotifyResult RunStep(string name, string list, int priority, TimeSpan budget, NotifierRegistration<PanicEvent>? registration, Action? job) =>
        handOff ? HandOff(name, list, priority, budget, registration, job) : RunInline(name, list, priority, budget, registration, job);

    /// <summary>Runs a step on this thread, published to the step watchdog; parks for good if the watchdog claimed it meanwhile.</summary>
    private NotifyResult RunInline(string name, string list, int priority, TimeSpan budget, NotifierRegistration<PanicEvent>? registration, Action? job)
    {
        var now = stepClock != 0 ? stepClock : Stopwatch.GetTimestamp();
        if (DeadlineExceeded || now >= stepsDeadline)
        {
            return SkipPastDeadline(name, list, priority);
        }

        var remaining = Stopwatch.GetElapsedTime(now, stepsDeadline);
        var cutByDeadline = budget >= remaining;
        stepName = name;
        stepList = list;
        stepPriority = priority;
        stepStarted = now;
        stepCut = cutByDeadline;
        var step = watch.Enter(cutByDeadline ? stepsDeadline : now + (long)(budget.TotalSeconds * Stopwatch.Frequency));
        var result = NotifyResult.Done;
        var outcome = NotifierOutcome.Ran;
        Exception? fault = null;
        try
        {
            if (registration is not null)
            {
                result = registration.Handler(in Event);
            }
            else
            {
                job!();
            }
        }
        catch (Exception exception)
        {
            fault = exception;
            outcome = NotifierOutcome.Threw;
        }

        if (!watch.TryLeave(step))
        {
            // The step overran and the path moved on without this thread: it must not resume it.
            LeaveForGood();
        }

        var end = Stopwatch.GetTimestamp();
        stepClock = end;
        Record(name, list, priority, outcome, now, Stopwatch.GetElapsedTime(now, end).TotalMilliseconds, fault?.GetType().FullName);
        return outcome == NotifierOutcome.Ran ? result : NotifyResult.Bad & ~NotifyResult.StopMask;
    }

    /// <summary>Hands a step to an executor and waits for it at most its budget (or the time left).</summary>
    private NotifyResult HandOff(string name, string list, int priority, TimeSpan budget, NotifierRegistration<PanicEvent>? registration, Action? job)
    {
        if (DeadlineExceeded || Stopwatch.GetTimestamp() >= stepsDeadline)
        {
            return SkipPastDeadline(name, list, priority);
        }

        var executor = runtime.Executors.Next(out var failure);
        if (executor is null)
        {
            Record(name, list, priority, NotifierOutcome.Skipped, Stopwatch.GetTimestamp(), 0, failure?.GetType().FullName);
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

            Record(name, list, priority, NotifierOutcome.TimedOut, now, ms, null);
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
                    AtMs = Thousandths.Milliseconds(SinceEntry(Stopwatch.GetTimestamp())),
                });
            }
        }

        Record(name, list, priority, outcome, now, ms, executor.Fault?.GetType().FullName);
        return outcome == NotifierOutcome.Ran ? executor.Result : NotifyResult.Bad & ~NotifyResult.StopMask;
    }

    private NotifyResult SkipPastDeadline(string name, string list, int priority)
    {
        DeadlineExceeded = true;
        Record(name, list, priority, NotifierOutcome.Skipped, Stopwatch.GetTimestamp(), 0, null);
        return NotifyResult.Done;
    }

    /// <summary>Records a step that started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) and took <paramref name="ms"/>.</summary>
    private void Record(string name, string list, int priority, NotifierOutcome outcome, long started, double ms, string? error)
    {
        var at = recordCount;
        if (at >= MaxRecords)
        {
            return;
        }

        records[at] = new StepRecord(name, list, priority, outcome, started, ms, error);
        Volatile.Write(ref recordCount, at + 1);
    }

    private static string ListName(PanicList list) => list switch
    {
        PanicList.Supervisor => "supervisor",
        PanicList.Information => "information",
        PanicList.Teardown => "teardown",
        _ => "final",
    };

    private readonly record struct StepRecord(string Name, string List, int Priority, NotifierOutcome Outcome, long Started, double Ms, string? Error);
}
