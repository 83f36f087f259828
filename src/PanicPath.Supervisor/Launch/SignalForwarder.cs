using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Launch;

/// <summary>
/// While it lives, the signals a container runtime or a terminal sends — SIGTERM, SIGINT, SIGHUP,
/// SIGQUIT, SIGUSR1, SIGUSR2 and SIGWINCH — are not acted on by the supervisor itself but forwarded to
/// the current child by its exact pid (not to its process group: the child shares the supervisor's, as
/// tini does without <c>-g</c>). SIGTERM, SIGINT, SIGHUP and SIGQUIT are stop signals: they are
/// remembered, a run that received one stops restarting, and a child attached afterwards (one starting
/// as the signal came) is sent it too. SIGUSR1, SIGUSR2 and SIGWINCH are only forwarded and never stop
/// the run. Because each has a handler, they reach the supervisor even as PID 1 of a PID namespace,
/// where a signal without a handler is dropped. Dispose to restore the default handling.
/// </summary>
public sealed class SignalForwarder : IDisposable
{
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int childPid;
    private int received;

    /// <summary>Registers the handlers (none on Windows).</summary>
    public SignalForwarder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Register(PosixSignal.SIGTERM, PosixSignals.SigTerm, stops: true);
        Register(PosixSignal.SIGINT, PosixSignals.SigInt, stops: true);
        Register(PosixSignal.SIGHUP, PosixSignals.SigHup, stops: true);
        Register(PosixSignal.SIGQUIT, PosixSignals.SigQuit, stops: true);
        Register(PosixSignal.SIGWINCH, PosixSignals.SigWinch, stops: false);

        // PosixSignal names no USR1/USR2; PosixSignalRegistration takes a raw signal number cast to PosixSignal.
        Register((PosixSignal)PosixSignals.SigUsr1, PosixSignals.SigUsr1, stops: false);
        Register((PosixSignal)PosixSignals.SigUsr2, PosixSignals.SigUsr2, stops: false);
    }

    /// <summary>True once a stop signal (SIGTERM, SIGINT, SIGHUP or SIGQUIT) has been received.</summary>
    public bool StopRequested => Volatile.Read(ref received) != 0;

    /// <summary>Completes when a stop signal is received (ends a restart back-off early).</summary>
    public Task Stopped => stopped.Task;

    /// <summary>The child that receives forwarded signals (0 for none).</summary>
    public void Attach(int pid)
    {
        Volatile.Write(ref childPid, pid);
        if (StopRequested && Volatile.Read(ref received) is var signal and > 0)
        {
            PosixSignals.Send(pid, signal);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }

    private void Register(PosixSignal signal, int number, bool stops) =>
        registrations.Add(PosixSignalRegistration.Create(signal, context => Forward(context, number, stops)));

    private void Forward(PosixSignalContext context, int signal, bool stops)
    {
        context.Cancel = true;
        if (stops)
        {
            Volatile.Write(ref received, signal);
        }

        PosixSignals.Send(Volatile.Read(ref childPid), signal);
        if (stops)
        {
            stopped.TrySetResult();
        }
    }
}
