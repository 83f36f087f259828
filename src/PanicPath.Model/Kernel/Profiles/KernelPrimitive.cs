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

    /// <summary><c>crash-kexec: WHY</c>: <c>__crash_kexec()</c>.</summary>
    CrashKexec,

    /// <summary><c>smp-send-stop: HOW</c>: <c>smp_send_stop()</c>.</summary>
    SmpSendStop,

    /// <summary><c>crash-smp-send-stop: HOW</c>: <c>crash_smp_send_stop()</c>.</summary>
    CrashSmpSendStop,

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
}
