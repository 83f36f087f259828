namespace PanicPath.Model.Kernel;

/// <summary>
/// The fixed slots of the machine's value array: the builtins the kernel sets as it calls callbacks and
/// the kernel's own knobs, which every scenario has (with defaults when the file does not explore them).
/// </summary>
public static class KernelSlots
{
    public const int Event = 0;
    public const int Chain = 1;
    public const int Reason = 2;
    public const int HostReports = 3;
    public const int Arch = 4;
    public const int KexecCrashLoaded = 5;
    public const int CrashKexecPostNotifiers = 6;
    public const int PanicOnOops = 7;
    public const int PanicTimeout = 8;
    public const int PanicNotifiersLevel = 9;
    public const int InInterrupt = 10;
    public const int PanicOnWarn = 11;
    public const int PanicPrint = 12;
    public const int Task = 13;
    public const int OopsLimitReached = 14;
    public const int Entry = 15;

    /// <summary>Builtin: how many CPUs are stopped (by panic, self-stopped, or by a stop of the other CPUs).</summary>
    public const int StoppedCpus = 16;

    /// <summary>Builtin: the CPU that owns the panic (<c>panic_cpu</c>), -1 when none.</summary>
    public const int PanicCpu = 17;

    /// <summary>Builtin: the CPU the running code runs on (<c>smp_processor_id()</c>), <c>this_cpu</c>.</summary>
    public const int ThisCpu = 18;

    /// <summary>The number of fixed slots; scenario features and state come after.</summary>
    public const int Count = 19;
}
