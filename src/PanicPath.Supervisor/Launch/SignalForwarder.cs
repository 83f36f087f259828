using System.Runtime.InteropServices;

namespace PanicPath.Supervisor.Launch;

/// <summary>
/// While it lives, SIGTERM and SIGINT sent to the supervisor are not acted on by the supervisor itself
/// but forwarded to the current child (by its exact pid), and remembered: a run that received one stops
/// restarting. Dispose to restore the default handling.
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

        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Forward(context, PosixSignals.SigTerm)));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Forward(context, PosixSignals.SigInt)));
    }

    /// <summary>True once SIGTERM or SIGINT has been received.</summary>
    public bool StopRequested => Volatile.Read(ref received) != 0;

    /// <summary>Completes when SIGTERM or SIGINT is received (ends a restart back-off early).</summary>
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

    private void Forward(PosixSignalContext context, int signal)
    {
        context.Cancel = true;
        Volatile.Write(ref received, signal);
        PosixSignals.Send(Volatile.Read(ref childPid), signal);
        stopped.TrySetResult();
    }
}
