// Frozen: the C#-coded kernel machine as of commit 984ad30346d7d2c7b74544e55d17364e410a0b83, kept as the baseline of
// the profile interpreter's throughput (bench profile-throughput). Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// Crash kexec. <c>crash_kexec()</c> (the oops path) first claims <c>panic_cpu</c>, as <c>panic()</c> does, and
/// gives it back if it returns; when <c>panic_cpu</c> is already claimed, by any CPU, it does nothing. <c>__crash_kexec()</c> runs only when it takes the kexec lock
/// (<c>kexec_trylock()</c> in 6.1, <c>mutex_trylock(&amp;kexec_mutex)</c> in 5.18 and the series), so a panic
/// inside a crash-shutdown hook does not start a second crash kexec; with no crash kernel loaded it returns;
/// otherwise <c>machine_crash_shutdown</c> — on x86_64 the drivers' hook (machine_ops) and then
/// <c>crash_smp_send_stop()</c>, on arm64 no hook and <c>crash_smp_send_stop()</c> — and the crash kernel boots.
/// </summary>
public sealed partial class BaselineMachine
{
    /// <summary>Models <c>crash_kexec()</c> (kernel/kexec_core.c), the oops path's call.</summary>
    private void CrashKexecFromOops(string why)
    {
        if (Ended)
        {
            return;
        }

        // crash_kexec(): only the CPU whose cmpxchg finds panic_cpu unclaimed (PANIC_CPU_INVALID) goes on; a
        // CPU already panicking, this one included (an oops inside a panic notifier), returns.
        if (panicCpu >= 0)
        {
            Step($"crash_kexec ({why}): panic_cpu is already cpu{panicCpu}, returns", string.Empty);
            return;
        }

        SetPanicCpu(cpu);
        CrashKexec($"crash_kexec ({why}): __crash_kexec");
        if (!Ended)
        {
            SetPanicCpu(-1);
        }
    }

    /// <summary>Models <c>__crash_kexec()</c> (kernel/kexec_core.c).</summary>
    private void CrashKexec(string why)
    {
        if (Ended)
        {
            return;
        }

        var trylock = scenario.Variant() == KernelVariant.Mainline61 ? "kexec_trylock()" : "mutex_trylock(&kexec_mutex)";
        if (kexecLocked)
        {
            Step($"{why}: {trylock} fails (a crash kexec is already under way), returns", string.Empty);
            return;
        }

        // "if (kexec_crash_image)" under kexec_trylock() (6.1 kernel/kexec_core.c:970-971): a crash kernel loaded after
        // boot (kexec_load, kernel/kexec.c) is the one panic() finds.
        if (!Knob(KernelSlots.KexecCrashLoaded))
        {
            Step($"{why}: no crash kernel loaded, returns", string.Empty);
            return;
        }

        kexecLocked = true;
        Step($"{why}: {trylock}; machine_crash_shutdown", "kexec lock: free → taken");
        CallChain(ChainKind.CrashShutdown, panicSymbol);
        CrashSmpSendStop("machine_crash_shutdown: crash_smp_send_stop");
        if (Ended)
        {
            return;
        }

        Step("machine_kexec: the crash kernel boots", string.Empty);
        Reach(Boundary.CrashKernelBoot, KernelEvents.CrashKernelBoot);
    }
}
