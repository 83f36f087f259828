using PanicPath.Model.Scenarios.Actions;

namespace PanicPath.Model.Kernel;

/// <summary>
/// The running system before the fault: <c>after-boot:</c> runs on CPU 0 once the drivers have registered (so
/// <c>register-if</c> saw the boot values) and before any fault or the entry point. What it changes (a sysctl
/// such as <c>kernel.panic</c>, a crash kernel loaded with <c>kexec -p</c>) is read by the kernel where the
/// kernel reads the global; the configuration's identity stays the values after setup.
/// </summary>
public sealed partial class Machine
{
    private const string AfterBootContext = "after-boot";

    /// <summary>Runs the scenario's after-boot actions; answers <see cref="Flow.Ended"/> when they hung the run.</summary>
    private Flow AfterBoot()
    {
        if (scenario.AfterBoot.Length == 0)
        {
            return Flow.Next;
        }

        context = AfterBootContext;
        callback = string.Empty;
        var flow = ScenarioAction.ExecuteAll(scenario.AfterBoot, this);
        return Ended ? Flow.Ended : flow;
    }
}
