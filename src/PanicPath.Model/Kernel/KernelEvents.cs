namespace PanicPath.Model.Kernel;

/// <summary>The events the kernel itself emits; scenario events (<c>emit:</c>) are numbered after them.</summary>
public static class KernelEvents
{
    public const int HostReport = 0;
    public const int CrashKernelBoot = 1;
    public const int Restart = 2;
    public const int EndOfPanic = 3;
    public const int EndOfOops = 4;
    public const int StopOtherCpus = 5;
    public const int KmsgDump = 6;
    public const int ConsoleFlush = 7;
    public const int PanicEntry = 8;
    public const int EndOfWarn = 9;
    public const int HostStop = 10;
    public const int HostReset = 11;
    public const int HostPause = 12;
    public const int HostDump = 13;

    /// <summary>Their names, in index order.</summary>
    public static readonly string[] Names =
    [
        "host-report", "crash-kernel-boot", "restart", "end-of-panic", "end-of-oops",
        "stop-other-cpus", "kmsg-dump", "console-flush", "panic-entry", "end-of-warn",
        "host-stop", "host-reset", "host-pause", "host-dump",
    ];
}
