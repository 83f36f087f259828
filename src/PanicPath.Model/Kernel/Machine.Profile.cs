using PanicPath.Model.Kernel.Profiles;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions;

namespace PanicPath.Model.Kernel;

/// <summary>
/// The machine as the interpreter of a kernel profile: the primitives a profile's steps call by name, and what its
/// other steps need of the machine (an untraced write, a boundary, a bound on how deep functions call each other).
/// </summary>
public sealed partial class Machine
{
    private const int MaxFunctionDepth = 64;

    private string panicMessage = string.Empty;
    private int functionDepth;

    /// <summary>
    /// The text the running profile function was called with (a call's <c>arg:</c>, an entry's message), which its texts
    /// read as <c>{arg}</c>; empty when the machine does not trace.
    /// </summary>
    internal string Argument { get; set; } = string.Empty;

    /// <summary>Runs primitive <paramref name="primitive"/> with its written argument <paramref name="text"/> and compiled one <paramref name="argument"/>.</summary>
    internal Flow Primitive(KernelPrimitive primitive, string text, int argument)
    {
        switch (primitive)
        {
            case KernelPrimitive.ClaimPanicCpu:
                return ClaimPanicCpu();
            case KernelPrimitive.SmpSendStop:
                SmpSendStop(text);
                break;
            case KernelPrimitive.NmiShootdown or KernelPrimitive.CrashStopIpi:
                CrashStopOtherCpus(text, byNmi: primitive == KernelPrimitive.NmiShootdown);
                break;
            case KernelPrimitive.Walk:
                {
                    var stopped = CallChain((ChainKind)argument, argument == (int)ChainKind.Die ? dieOopsSymbol : panicSymbol);
                    if (scenario.Profile.NotifyStopSlot >= 0)
                    {
                        values[scenario.Profile.NotifyStopSlot] = stopped ? 1 : 0;
                    }

                    break;
                }

            case KernelPrimitive.Panic:
                Panic(text);
                return Ended ? Flow.Ended : cpus[cpu] == CpuState.Stopped ? Flow.Return : Flow.Next;
            case KernelPrimitive.KexecLock:
                if (scenario.Profile.KexecLockedSlot >= 0)
                {
                    values[scenario.Profile.KexecLockedSlot] = 1;
                }

                Step($"{text}", "kexec lock: free → taken");
                break;
            case KernelPrimitive.SelfStop:
                {
                    var wasOnline = online;
                    StopCpu(cpu);
                    SelfStopMask(cpu);
                    Step($"{text}", $"cpu{cpu}: running → stopped{Offlined(wasOnline, cpu)}");
                    return Ended ? Flow.Ended : Flow.Return;
                }
            case KernelPrimitive.KmsgDump:
                KmsgDump((KmsgReason)argument);
                break;
            case KernelPrimitive.DelaySeconds:
                DelaySeconds(text, values[argument]);
                break;
            default:
                switch ((PanicPrintPart)argument)
                {
                    case PanicPrintPart.Backtrace:
                        PanicPrintBacktrace();
                        break;
                    case PanicPrintPart.SysInfo:
                        PanicPrintSysInfo();
                        break;
                    default:
                        PanicPrintReplay();
                        break;
                }

                break;
        }

        return Ended ? Flow.Ended : Flow.Next;
    }

    /// <summary>
    /// <c>atomic_cmpxchg(&amp;panic_cpu, PANIC_CPU_INVALID, this_cpu)</c>: the first CPU claims the panic (event
    /// <c>panic-entry</c>); another CPU stops itself (<c>panic_smp_self_stop()</c>) and the function returns; the same
    /// CPU, nested, goes on. Then the fault <c>second-cpu-panics</c> strikes, once.
    /// </summary>
    private Flow ClaimPanicCpu()
    {
        if (PanicCpuOwner < 0)
        {
            SetPanicCpu(cpu);
            Step($"panic: {panicMessage}", $"panic_cpu: none → cpu{cpu}");
            Emit(KernelEvents.PanicEntry, string.Empty);
            if (Ended)
            {
                return Flow.Ended;
            }
        }
        else if (PanicCpuOwner != cpu)
        {
            var wasOnline = online;
            StopCpu(cpu);
            SelfStopMask(cpu);
            Step($"panic: {panicMessage}; panic_cpu is cpu{PanicCpuOwner}: panic_smp_self_stop", $"cpu{cpu}: running → stopped{Offlined(wasOnline, cpu)}");
            return Flow.Return;
        }
        else
        {
            Step($"nested panic on the panicking CPU: {panicMessage}; goes on", string.Empty);
        }

        if (fault.Kind == FaultKind.SecondCpuPanics && !faultFired && cpus.Length > 1)
        {
            faultFired = true;
            var other = OtherCpu;
            var wasOnline = online;
            StopCpu(other);
            SelfStopMask(other);
            if (trace is not null)
            {
                Record(other, "panic()", string.Empty, $"fault: panic on cpu{other} as well; panic_cpu is cpu{cpu}: panic_smp_self_stop", $"cpu{other}: running → stopped{Offlined(wasOnline, other)}");
            }
        }

        return Flow.Next;
    }

    /// <summary>
    /// Runs the scenario's actions for direct hook <paramref name="hook"/>: traced as a step of the running kernel
    /// function, its actions named after the hook; a <c>return</c> in them ends the hook, not the function.
    /// </summary>
    internal Flow RunHook(string hook, ScenarioAction[] actions)
    {
        var savedCallback = callback;
        var savedResult = callbackResult;
        var savedDepth = helperDepth;
        Step($"hook {hook}", string.Empty);
        callback = hook;
        var flow = ScenarioAction.ExecuteAll(actions, this);
        callback = savedCallback;
        callbackResult = savedResult;
        helperDepth = savedDepth;
        return Ended || flow == Flow.Ended ? Flow.Ended : Flow.Next;
    }

    /// <summary>
    /// Writes <paramref name="value"/> into <paramref name="slot"/> without a trace step: a profile's <c>let</c> or <c>set</c>.
    /// A computed <c>panic_cpu</c> that is neither -1 nor a CPU the machine has hangs the run, naming the write, as a
    /// per-CPU index out of range does; answers false then.
    /// </summary>
    internal bool Write(int slot, int value)
    {
        if (slot == KernelSlots.PanicCpu && (value < -1 || value >= cpus.Length))
        {
            Hang($"sets panic_cpu to {value}: the machine has cpu0 to cpu{cpus.Length - 1}");
            return false;
        }

        values[slot] = value;
        return true;
    }

    /// <summary>Ends the run at <paramref name="boundary"/>, one of the kernel's own: a profile's <c>reach</c>.</summary>
    internal void ReachBoundary(Boundary boundary) => Reach(boundary, boundary switch
    {
        Boundary.CrashKernelBoot => KernelEvents.CrashKernelBoot,
        Boundary.Restart => KernelEvents.Restart,
        Boundary.EndOfPanic => KernelEvents.EndOfPanic,
        Boundary.EndOfOops => KernelEvents.EndOfOops,
        _ => KernelEvents.EndOfWarn,
    });

    /// <summary>Enters a profile function; answers false (and hangs the run) when functions call each other without end.</summary>
    internal bool EnterFunction()
    {
        if (++functionDepth > MaxFunctionDepth)
        {
            Hang("the kernel profile's functions call each other without end");
            return false;
        }

        return true;
    }

    /// <summary>True when the running CPU has stopped (it stopped itself on losing <c>panic_cpu</c>): its functions all return.</summary>
    internal bool RunningCpuStopped => cpus[cpu] == CpuState.Stopped;

    /// <summary>Leaves a profile function.</summary>
    internal void LeaveFunction() => functionDepth--;
}
