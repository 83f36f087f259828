namespace PanicPath.Model.Scenarios.Expressions;

/// <summary>What an expression reads while it is evaluated: values by slot and whether a lock is held.</summary>
public interface IValueContext
{
    /// <summary>The current value in <paramref name="slot"/>.</summary>
    int Value(int slot);

    /// <summary>True when some CPU holds lock number <paramref name="lockIndex"/>.</summary>
    bool IsHeld(int lockIndex);

    /// <summary>
    /// CPU <paramref name="cpu"/>'s copy of the per-CPU state whose first copy is in <paramref name="slot"/>. A context
    /// without CPUs (constraints) answers the first copy.
    /// </summary>
    int PerCpuValue(int slot, int cpu) => Value(slot);

    /// <summary>True when CPU <paramref name="cpu"/> is in <paramref name="mask"/> (<c>cpu_online()</c>, <c>cpu_present()</c>); false for a CPU the machine does not have.</summary>
    bool InMask(Kernel.CpuMask mask, int cpu) => false;

    /// <summary>How many CPUs <paramref name="mask"/> holds (<c>num_online_cpus()</c>, <c>num_present_cpus()</c>).</summary>
    int MaskWeight(Kernel.CpuMask mask) => 0;
}
