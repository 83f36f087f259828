using PanicPath.Notifiers;

namespace PanicPath.Model.Kernel;

/// <summary>
/// Calls each registration of a walk for the machine: once the run has ended (kdump booted inside a
/// callback, a nested panic restarted the machine, a callback hung) it calls nothing more and stops the
/// walk with the stop bit, as the real machine would never come back to it.
/// </summary>
internal struct TracingInvoker(Machine machine) : INotifierInvoker<KernelEvent>
{
    public readonly NotifyResult Invoke(NotifierRegistration<KernelEvent> registration, in KernelEvent e)
    {
        if (machine.Ended)
        {
            return NotifyResult.Stop;
        }

        var result = registration.Handler(in e);
        return machine.Ended ? NotifyResult.Stop : result;
    }
}
