namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// What Debian's 6.1 kernel does in a configuration, read from its sources (linux-source-6.1): the event
/// order the oracle must observe. Each step names the kernel function it follows. This is the oracle's
/// expectation of the kernel, independent of the model; the tests pin the guest's behaviour to it.
/// </summary>
public static class KernelReference
{
    /// <summary>pvpanic's panic notifier priority (drivers/misc/pvpanic/pvpanic.c in 6.1.x: INT_MAX).</summary>
    public const int PvpanicPriority = int.MaxValue;

    /// <summary>The expected path of <paramref name="c"/>.</summary>
    public static PathRecord Expect(OracleConfiguration c)
    {
        var walk = new Walk(c);
        if (c.Entry == Entry.Panic)
        {
            // drivers/tty/sysrq.c sysrq_handle_crash(): panic("sysrq triggered crash").
            walk.Panic();
        }
        else
        {
            walk.Oops();
        }

        return new PathRecord(walk.Order, walk.End ?? PathRecord.Hang, walk.Pvpanic, walk.Pstore);
    }

    /// <summary>Notifiers in the order a chain walk calls them: higher priority first, equal ones in registration order.</summary>
    public static IEnumerable<NotifierSpec> CallOrder(IEnumerable<NotifierSpec> registered) =>
        registered.Select((n, i) => (n, i)).OrderByDescending(p => p.n.Priority).ThenBy(p => p.i).Select(p => p.n);

    private sealed class Walk(OracleConfiguration c)
    {
        private bool reported;
        private bool unloaded;
        private int panicTimeout = c.PanicTimeout;

        public List<string> Order { get; } = [];

        public List<string> Pstore { get; } = [];

        public string Pvpanic { get; private set; } = PathRecord.NotRun;

        public string? End { get; private set; }

        /// <summary>
        /// arch/x86/mm/fault.c page_fault_oops() → oops_begin(), __die() (arch/x86/kernel/dumpstack.c:
        /// notify_die(DIE_OOPS) walks the die chain), oops_end(): crash_kexec() when kexec_should_crash()
        /// (kernel/kexec_core.c: 0 with crash_kexec_post_notifiers; else 1 in interrupt, for the idle task or
        /// init, or with panic_on_oops), oops_exit() → kmsg_dump(KMSG_DUMP_OOPS), then panic("Fatal exception
        /// in interrupt") in interrupt, panic("Fatal exception") with panic_on_oops, else the task dies.
        /// </summary>
        public void Oops()
        {
            foreach (var n in CallOrder(c.On(ChainName.Die)))
            {
                Order.Add("die:" + n.Name);
                if (!Act(n.Action, ChainName.Die))
                {
                    return;
                }
            }

            var inInterrupt = c.Entry == Entry.OopsInInterrupt;
            var shouldCrash = !c.PostNotifiers && (inInterrupt || c.PanicOnOops);
            if (shouldCrash && c.CrashKernel)
            {
                CrashKexec();
                return;
            }

            KmsgDump("OOPS");
            if (inInterrupt || c.PanicOnOops)
            {
                Panic();
            }
            else
            {
                End = PathRecord.EndOfOops;
            }
        }

        /// <summary>
        /// kernel/panic.c panic(): "Kernel panic - not syncing"; without crash_kexec_post_notifiers
        /// __crash_kexec() first; panic_other_cpus_shutdown() (smp_send_stop(), or crash_smp_send_stop() with
        /// post-notifiers): the other CPUs stop, keeping their locks; atomic_notifier_call_chain(
        /// &amp;panic_notifier_list); kmsg_dump(KMSG_DUMP_PANIC); with post-notifiers __crash_kexec(); then
        /// emergency_restart() when panic_timeout != 0, else the final loop.
        /// </summary>
        public void Panic()
        {
            Order.Add("panic-entry");
            if (!c.PostNotifiers && c.CrashKernel)
            {
                CrashKexec();
                return;
            }

            var pvpanic = new NotifierSpec("pvpanic", ChainName.Panic, PvpanicPriority, NotifierAction.Mark);
            foreach (var n in CallOrder(c.On(ChainName.Panic).Prepend(pvpanic)))
            {
                if (n == pvpanic)
                {
                    // pvpanic_panic_notify(): PVPANIC_CRASH_LOADED when kexec_crash_loaded(), else PVPANIC_PANICKED.
                    Pvpanic = c.CrashKernel ? PathRecord.CrashLoaded : PathRecord.Panicked;
                    continue;
                }

                Order.Add("panic:" + n.Name);
                if (!Act(n.Action, ChainName.Panic))
                {
                    return;
                }
            }

            KmsgDump("PANIC");
            if (c.PostNotifiers && c.CrashKernel)
            {
                CrashKexec();
                return;
            }

            // kernel/panic.c:402, :418 read the global panic_timeout at the very end: a notifier's write counts.
            End = panicTimeout != 0 ? PathRecord.Restart : PathRecord.EndOfPanic;
        }

        /// <summary>
        /// kernel/printk/printk.c kmsg_dump(): every registered dumper in registration order whose max_reason
        /// is at least the reason; ramoops (loaded first, max_reason OOPS) leaves a pstore record.
        /// </summary>
        private void KmsgDump(string reason)
        {
            if (DumperSpec.Ramoops.RunsFor(reason))
            {
                Pstore.Add(reason == "PANIC" ? "Panic" : "Oops");
            }

            foreach (var d in c.Dumpers.Where(d => d.RunsFor(reason)))
            {
                Order.Add($"dump:{d.Name}:{reason}");
            }
        }

        /// <summary>
        /// kernel/kexec_core.c __crash_kexec() with a crash image: machine_crash_shutdown()
        /// (arch/x86/kernel/reboot.c; the module's probe runs at its entry), machine_kexec(): the crash kernel boots.
        /// </summary>
        private void CrashKexec()
        {
            if (c.CrashAction is { } action)
            {
                Order.Add("crash_shutdown");
                Act(action, ChainName.Panic);
            }

            End = PathRecord.Kdump;
        }

        /// <summary>The module's action (guest/ppo.c ppo_do()); false when it never returns.</summary>
        private bool Act(NotifierAction action, ChainName chain)
        {
            switch (action)
            {
                case NotifierAction.Hang:
                    End = PathRecord.Hang;
                    return false;
                case NotifierAction.Lock when c.Holder == LockHolder.Stuck:
                    // CPU 1 took ppo_lock with interrupts on and never leaves: whichever stop reached it
                    // (REBOOT_VECTOR IPI or NMI) stopped it holding the lock; spin_lock() spins forever.
                    End = PathRecord.Hang;
                    return false;
                case NotifierAction.Lock when c.Holder == LockHolder.InCriticalSection && c.PostNotifiers:
                    // crash_smp_send_stop() (arch/x86/kernel/crash.c kdump_nmi_shootdown_cpus()) stopped CPU 1
                    // by NMI inside its interrupts-off critical section: ppo_lock stays held, spin_lock() spins
                    // forever. Without post-notifiers, smp_send_stop() (arch/x86/kernel/smp.c
                    // native_stop_other_cpus()) sends REBOOT_VECTOR, which CPU 1 takes when its 50 ms section
                    // ends, well inside the second before the NMI fallback: the lock is free (next case).
                    End = PathRecord.Hang;
                    return false;
                case NotifierAction.Lock:
                    Order.Add("flush");
                    return true;
                case NotifierAction.Report when (chain != ChainName.Die || c.PanicOnOops) && !reported:
                    reported = true;
                    Order.Add("report");
                    return true;
                case NotifierAction.Unload when !unloaded:
                    unloaded = true;
                    Order.Add("unload");
                    return true;
                case NotifierAction.Timeout:
                    panicTimeout = 1;
                    Order.Add("timeout");
                    return true;
                default:
                    return true;
            }
        }
    }
}
