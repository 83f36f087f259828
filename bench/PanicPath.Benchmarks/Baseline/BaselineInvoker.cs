// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using PanicPath.Notifiers;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The frozen copy of <c>TracingInvoker</c>: calls each registration of a walk for the baseline machine; once the run
/// has ended it calls nothing more and stops the walk with the stop bit, as the real machine would never come back to it.
/// </summary>
internal struct BaselineInvoker(BaselineMachine machine) : INotifierInvoker<BaselineEvent>
{
    public readonly NotifyResult Invoke(NotifierRegistration<BaselineEvent> registration, in BaselineEvent e)
    {
        if (machine.Ended)
        {
            return NotifyResult.Stop;
        }

        var result = registration.Handler(in e);
        return machine.Ended ? NotifyResult.Stop : result;
    }
}
