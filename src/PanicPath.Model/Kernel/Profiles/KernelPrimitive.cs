namespace PanicPath.Model.Kernel.Profiles;

/// <summary>
/// The machine mechanics a kernel profile calls by name (<c>claim-panic-cpu:</c>, <c>walk: panic</c>, …): what is
/// not kernel logic but the model's own (the panic_cpu claim and the faults it fires, notifier chains, CPU stops,
/// crash kexec, <c>panic_print</c>'s output). <see cref="KernelPrimitives"/> has their names.
/// </summary>
public enum KernelPrimitive
{
    /// <summary><c>claim-panic-cpu</c>: the <c>panic_cpu</c> cmpxchg, a second CPU's self-stop, the <c>second-cpu-panics</c> fault.</summary>
    ClaimPanicCpu,

    /// <summary><c>smp-send-stop: HOW</c>: <c>smp_send_stop()</c>.</summary>
    SmpSendStop,

    /// <summary>
    /// <c>nmi-shootdown: TEXT</c>: x86's <c>kdump_nmi_shootdown_cpus()</c>, <c>crash_smp_send_stop()</c>'s stop there: an NMI
    /// stops every other CPU where it is, holding its locks; the crash handler leaves it in the online mask.
    /// </summary>
    NmiShootdown,

    /// <summary><c>walk: CHAIN</c>: a notifier chain walked with <c>PANIC</c>.</summary>
    Walk,

    /// <summary><c>kmsg-dump: REASON</c>: <c>kmsg_dump()</c>.</summary>
    KmsgDump,

    /// <summary><c>panic-print: backtrace | sys-info | replay</c>: what <c>panic_print</c> asks at that point.</summary>
    PanicPrint,

    /// <summary>
    /// <c>delay-seconds: NAME</c>: the CPU busy-waits as many seconds as the integer knob or local NAME holds, when it is
    /// positive (the panic timeout's <c>mdelay(PANIC_TIMER_STEP)</c> loop); the model clock advances by it.
    /// </summary>
    DelaySeconds,

    /// <summary>
    /// <c>panic: MESSAGE</c>: calls <c>panic()</c> (the profile's <c>panic</c>) with MESSAGE on the running CPU: the machine's
    /// panic entry, which bounds how often a panic path panics again. Since <c>panic()</c> does not return, a CPU that
    /// comes back from it has stopped itself, and the calling function returns.
    /// </summary>
    Panic,

    /// <summary>
    /// <c>kexec-lock: TEXT</c>: takes the kexec lock (<c>kexec_trylock()</c>, <c>mutex_trylock(&amp;kexec_mutex)</c>) that the
    /// step's profile found free (<c>kexec_locked</c>), traced with TEXT and the change <c>kexec lock: free → taken</c>.
    /// Never released: the crash kernel boots, or the CPU hangs in what it calls.
    /// </summary>
    KexecLock,

    /// <summary>
    /// <c>self-stop: TEXT</c>: the running CPU stops itself (<c>nmi_panic_self_stop()</c>, <c>panic_smp_self_stop()</c>),
    /// traced with TEXT; the function returns, and nothing of this CPU runs any more.
    /// </summary>
    SelfStop,

    /// <summary>
    /// <c>crash-stop-ipi: TEXT</c>: arm64's <c>IPI_CPU_CRASH_STOP</c>, <c>crash_smp_send_stop()</c>'s stop there: a CPU in a short
    /// critical section leaves it first, one stuck with interrupts off never takes it; the online mask stays as it was.
    /// </summary>
    CrashStopIpi,
}
