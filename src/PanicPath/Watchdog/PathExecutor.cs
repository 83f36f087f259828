using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Watchdog;

/// <summary>
/// A thread parked on an event that runs one step of the panic path at a time for the thread running
/// the path once a step has overrun its budget, which waits for it with a timeout; or, taken
/// (<see cref="Take"/>), the rest of the path itself. <see cref="ExecutorPool"/> starts them (at install, and one
/// replacement at a time once every installed one is lost). An executor that overruns its budget, or
/// whose step panics, is lost: the path never hands it another step. A nested panic on an executor
/// marks its step abandoned, wakes the thread waiting for it and parks the executor for good.
/// </summary>
internal sealed class PathExecutor
{
    [ThreadStatic] private static PathExecutor? current;

    private readonly ManualResetEventSlim go = new(false);
    private readonly ManualResetEventSlim done = new(false);
    private readonly Thread thread;

    // The job, written by the thread running the path before it sets 'go'.
    private NotifierRegistration<PanicEvent>? registration;
    private PanicRun? run;
    private Action? action;

    internal PathExecutor(string name)
    {
        thread = new Thread(Loop) { IsBackground = true, Name = name };
    }

    /// <summary>The executor the calling thread is, or null.</summary>
    internal static PathExecutor? Current => current;

    internal bool Busy { get; private set; }

    internal bool Lost { get; set; }

    internal NotifierOutcome Outcome { get; private set; }

    internal NotifyResult Result { get; private set; }

    internal Exception? Fault { get; private set; }

    internal string? NestedReason { get; private set; }

    internal Exception? NestedException { get; private set; }

    internal void Start() => thread.Start();

    /// <summary>Runs a notifier's handler with the run's current event; false when it overran <paramref name="timeout"/>.</summary>
    internal bool RunNotifier(NotifierRegistration<PanicEvent> notifier, PanicRun owner, TimeSpan timeout)
    {
        registration = notifier;
        run = owner;
        action = null;
        return Dispatch(timeout);
    }

    /// <summary>Runs <paramref name="job"/>; false when it overran <paramref name="timeout"/>.</summary>
    internal bool RunAction(Action job, TimeSpan timeout)
    {
        registration = null;
        run = null;
        action = job;
        return Dispatch(timeout);
    }

    /// <summary>
    /// Starts <paramref name="job"/> and returns at once, without waiting for it: the executor is lost
    /// to the pool for good, as it now runs the rest of the path (which hands its own steps to others).
    /// </summary>
    internal void Take(Action job)
    {
        Lost = true;
        registration = null;
        run = null;
        action = job;
        Outcome = NotifierOutcome.Ran;
        Result = NotifyResult.Done;
        Fault = null;
        done.Reset();
        Busy = true;
        go.Set();
    }

    /// <summary>Called by a nested panic on this executor's thread: abandons the step and parks for good.</summary>
    internal void AbandonForNestedPanic(string reason, Exception? exception)
    {
        NestedReason = reason;
        NestedException = exception;
        Outcome = NotifierOutcome.Abandoned;
        Result = NotifyResult.Done;
        Lost = true;
        done.Set();
        ParkForever();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ParkForever()
    {
        while (true)
        {
            Thread.Sleep(Timeout.Infinite);
        }
    }

    private bool Dispatch(TimeSpan timeout)
    {
        Outcome = NotifierOutcome.Ran;
        Result = NotifyResult.Done;
        Fault = null;
        NestedReason = null;
        NestedException = null;
        done.Reset();
        Busy = true;
        go.Set();
        if (done.Wait(timeout))
        {
            return true;
        }

        Lost = true;
        return false;
    }

    private void Loop()
    {
        current = this;
        while (true)
        {
            go.Wait();
            go.Reset();
            var notifier = registration;
            var owner = run;
            var job = action;
            try
            {
                if (notifier is not null && owner is not null)
                {
                    Result = notifier.Handler(in owner.Event);
                }
                else
                {
                    job?.Invoke();
                }

                Outcome = NotifierOutcome.Ran;
            }
            catch (Exception exception)
            {
                Fault = exception;
                Outcome = NotifierOutcome.Threw;
                Result = NotifyResult.Done;
            }

            Busy = false;
            done.Set();
        }
    }
}
