using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Kernel;

/// <summary>
/// CPUs with identity: which CPU runs (<c>this_cpu</c>, <c>smp_processor_id()</c>), the online and present masks
/// (<c>include/linux/cpumask.h</c>), and per-CPU state. Every CPU is present and online at boot; setup and
/// <c>after-boot:</c> run on CPU 0, the boot CPU, and the entry point on the configuration's <c>panic-cpu</c>.
/// Which stop takes a CPU out of <c>cpu_online_mask</c> (Linux 6.1):
/// <list type="bullet">
/// <item>x86 <c>smp_send_stop()</c>: the REBOOT_VECTOR IPI handler, and the NMI fallback for a CPU that does not
/// take it, both end in <c>stop_this_cpu()</c>, which clears it (arch/x86/kernel/smp.c:121-141,
/// arch/x86/kernel/process.c:775).</item>
/// <item>x86 <c>crash_smp_send_stop()</c>: <c>kdump_nmi_shootdown_cpus()</c> (arch/x86/kernel/crash.c:65-92)
/// parks each CPU in <c>crash_nmi_callback()</c> (arch/x86/kernel/reboot.c:841-871), which halts it and leaves the
/// mask as it was.</item>
/// <item>arm64 <c>smp_send_stop()</c>: IPI_CPU_STOP runs <c>local_cpu_stop()</c>, which clears it
/// (arch/arm64/kernel/smp.c:821-827, :1005-1030); a CPU with interrupts off never takes the IPI and stays
/// online.</item>
/// <item>arm64 <c>crash_smp_send_stop()</c>: IPI_CPU_CRASH_STOP runs <c>ipi_cpu_crash_stop()</c>, which parks the
/// CPU and leaves the mask (arch/arm64/kernel/smp.c:844-860, :1033-1075).</item>
/// <item><c>panic_smp_self_stop()</c>, a CPU that lost the panic race: arm64 <c>local_cpu_stop()</c> clears it
/// (arch/arm64/kernel/smp.c:835-838); x86 has the generic <c>while (1) cpu_relax();</c> (kernel/panic.c:143-147),
/// and stays online.</item>
/// </list>
/// </summary>
public sealed partial class Machine
{
    private ulong online;
    private ulong present;

    /// <summary>The CPU the code now running runs on: <c>smp_processor_id()</c>.</summary>
    public int Cpu => cpu;

    /// <summary>True when CPU <paramref name="which"/> is in <c>cpu_online_mask</c>.</summary>
    public bool IsOnline(int which) => InMask(CpuMask.Online, which);

    /// <summary>The CPU the configuration's entry point runs on: its <c>panic-cpu</c>, or CPU 0.</summary>
    private int EntryCpu => scenario.PanicCpu is { } dimension ? values[dimension.Slot] : 0;

    /// <summary>Another CPU than the running one: the one the faults strike (the next, wrapping round).</summary>
    private int OtherCpu => (cpu + 1) % cpus.Length;

    /// <summary>Every CPU present and online, and CPU 0 running: the machine at boot.</summary>
    private void ResetCpus()
    {
        present = cpus.Length >= 64 ? ulong.MaxValue : (1UL << cpus.Length) - 1;
        online = present;
        SwitchCpu(0);
    }

    /// <summary>Runs what follows on CPU <paramref name="which"/> (<c>this_cpu</c> reads it).</summary>
    internal void SwitchCpu(int which)
    {
        cpu = which;
        values[KernelSlots.ThisCpu] = which;
    }

    /// <summary><c>set_cpu_online(which, false)</c>.</summary>
    private void SetOffline(int which) => online &= ~(1UL << which);

    /// <inheritdoc />
    public bool InMask(CpuMask mask, int which) =>
        which >= 0 && which < cpus.Length && ((mask == CpuMask.Online ? online : present) & (1UL << which)) != 0;

    /// <inheritdoc />
    public int MaskWeight(CpuMask mask) => System.Numerics.BitOperations.PopCount(mask == CpuMask.Online ? online : present);

    /// <summary>
    /// CPU <paramref name="which"/>'s copy of the per-CPU state whose first copy is in <paramref name="slot"/>. A CPU the
    /// machine does not have (a computed index out of range) hangs the run, naming the read: the kernel's
    /// <c>per_cpu()</c> of a CPU beyond <c>nr_cpu_ids</c> reads memory that is no CPU's.
    /// </summary>
    public int PerCpuValue(int slot, int which)
    {
        if (which >= 0 && which < cpus.Length)
        {
            return values[slot + which];
        }

        Hang($"reads {scenario.Variables[slot].Name}[{which}]: the machine has cpu0 to cpu{cpus.Length - 1}");
        return values[slot];
    }

    /// <summary>Assigns CPU <paramref name="which"/>'s copy of per-CPU state <paramref name="target"/> and traces it as <c>name[cpu]</c>.</summary>
    public void AssignPerCpu(Variable target, int which, int value, SourceLocation? at = null)
    {
        if (which < 0 || which >= cpus.Length)
        {
            Hang($"writes {target.Name}[{which}]: the machine has cpu0 to cpu{cpus.Length - 1}");
            return;
        }

        var slot = target.Slot + which;
        var old = values[slot];
        values[slot] = value;
        if (trace is not null)
        {
            var name = $"{target.Name}[{which}]";
            Step($"set {name}", $"{name}: {scenario.Symbols.Format(old, target.Kind)} → {scenario.Symbols.Format(value, target.Kind)}");
        }
    }
}
