// Frozen: the C#-coded kernel machine as of commit 984ad30346d7d2c7b74544e55d17364e410a0b83, kept as the baseline of
// the profile interpreter's throughput (bench profile-throughput). Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The running system before the fault: <c>after-boot:</c> runs on CPU 0 once the drivers have registered (so
/// <c>register-if</c> saw the boot values) and before any fault or the entry point. What it changes (a sysctl
/// such as <c>kernel.panic</c>, a crash kernel loaded with <c>kexec -p</c>) is read by the kernel where the
/// kernel reads the global; the configuration's identity stays the values after setup.
/// </summary>
public sealed partial class BaselineMachine
{
    private const string AfterBootContext = "after-boot";

    /// <summary>Runs the scenario's after-boot actions; answers <see cref="Flow.Ended"/> when they hung the run.</summary>
    private Flow AfterBoot()
    {
        if (afterBoot.Length == 0)
        {
            return Flow.Next;
        }

        context = AfterBootContext;
        callback = string.Empty;
        var flow = BaselineAction.ExecuteAll(afterBoot, this);
        return Ended ? Flow.Ended : flow;
    }
}
