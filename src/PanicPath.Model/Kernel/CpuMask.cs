namespace PanicPath.Model.Kernel;

/// <summary>The kernel's CPU masks the model keeps (<c>include/linux/cpumask.h</c>).</summary>
public enum CpuMask
{
    /// <summary><c>cpu_online_mask</c>: every CPU at boot; a stop that runs <c>set_cpu_online(cpu, false)</c> clears it.</summary>
    Online,

    /// <summary><c>cpu_present_mask</c>: every CPU the machine has; no stop changes it.</summary>
    Present,
}
