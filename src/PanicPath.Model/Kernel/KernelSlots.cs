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
    public const int Entry = 11;

    /// <summary>The number of fixed slots; scenario features and state come after.</summary>
    public const int Count = 12;
}
