using System.Globalization;
using System.Text;

namespace PanicPath.Model.Conformance.Oracle;

/// <summary>
/// The scenario file (docs/scenario-language.md) equivalent to a configuration: every knob fixed to the
/// configuration's value, Debian's own panic-path users that the oracle can see (pvpanic's panic notifier at
/// INT_MAX, telling the host "crash loaded" or "panicked", and ramoops' kmsg dumper, both registered before the test module), then the module's notifiers,
/// dumpers and crash-path action in the module's registration order, with the module's actions written in
/// the scenario language. A second CPU stuck holding <c>ppo_lock</c> is the fault <c>stopped-cpu-holds</c>, one
/// inside short interrupts-off critical sections the fault <c>cpu-in-critical-section</c>. The
/// seed's arrangement carries the seed's invariants (<see cref="SeedVerdicts"/>).
/// </summary>
public static class ScenarioText
{
    /// <summary>The configuration string that selects the run (<see cref="PanicPath.Model.Explorer.ScenarioExplorer.Trace"/>).</summary>
    public static string Selection(OracleConfiguration c) => c.Holder switch
    {
        LockHolder.Stuck => "fault=stopped-cpu-holds(ppo_lock)",
        LockHolder.InCriticalSection => "fault=cpu-in-critical-section(ppo_lock)",
        _ => string.Empty,
    };

    /// <summary>The scenario of <paramref name="c"/>.</summary>
    public static string For(OracleConfiguration c)
    {
        var y = new StringBuilder();
        y.AppendLine(CultureInfo.InvariantCulture, $"scenario: oracle-{c.Id}");
        y.AppendLine("kernel: mainline-6.1");
        y.AppendLine(CultureInfo.InvariantCulture, $"cpus: {c.Cpus}");
        y.AppendLine("knobs:");
        y.AppendLine("  arch: [x86_64]");
        y.AppendLine(CultureInfo.InvariantCulture, $"  kexec_crash_loaded: [{Bool(c.CrashKernel)}]");
        y.AppendLine(CultureInfo.InvariantCulture, $"  crash_kexec_post_notifiers: [{Bool(c.PostNotifiers)}]");
        y.AppendLine(CultureInfo.InvariantCulture, $"  panic_on_oops: [{Bool(c.PanicOnOops)}]");
        y.AppendLine(CultureInfo.InvariantCulture, $"  panic_timeout: [{c.PanicTimeout}]");
        y.AppendLine(CultureInfo.InvariantCulture, $"  in_interrupt: [{Bool(c.Entry == Entry.OopsInInterrupt)}]");
        y.AppendLine("state:");
        y.AppendLine("  reported: false");
        y.AppendLine("  unloaded: false");
        y.AppendLine("locks: [ppo_lock]");
        y.AppendLine("helpers:");
        y.AppendLine("  report:");
        y.AppendLine("    - if: chain == die && !panic_on_oops");
        y.AppendLine("      do: [return]");
        y.AppendLine("    - if: reported");
        y.AppendLine("      do: [return]");
        y.AppendLine("    - set: reported = true");
        y.AppendLine("    - report: crash-registers");
        y.AppendLine("  unload:");
        y.AppendLine("    - if: unloaded");
        y.AppendLine("      do: [return]");
        y.AppendLine("    - set: unloaded = true");
        y.AppendLine("    - emit: unload");
        y.AppendLine("  flush:");
        y.AppendLine("    - lock: ppo_lock");
        y.AppendLine("    - emit: flush");
        y.AppendLine("    - unlock: ppo_lock");
        y.AppendLine("callbacks:");
        y.AppendLine("  - name: pvpanic");
        y.AppendLine("    chain: panic");
        y.AppendLine("    priority: INT_MAX");
        y.AppendLine("    do:");
        y.AppendLine("      - if: kexec_crash_loaded");
        y.AppendLine($"        do: [{{ emit: pvpanic-{PathRecord.CrashLoaded} }}]");
        y.AppendLine($"        else: [{{ emit: pvpanic-{PathRecord.Panicked} }}]");
        y.AppendLine("  - name: ramoops");
        y.AppendLine("    chain: kmsg_dump");
        y.AppendLine(CultureInfo.InvariantCulture, $"    max-reason: {DumperSpec.Ramoops.MaxReason}");
        foreach (var n in c.On(ChainName.Die).Concat(c.On(ChainName.Panic)))
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - name: {n.Name}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    chain: {(n.Chain == ChainName.Die ? "die" : "panic")}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    priority: {Priority(n.Priority)}");
            if (n.Chain == ChainName.Die)
            {
                y.AppendLine("    if: event == DIE_OOPS");
            }

            Actions(y, n.Action);
        }

        foreach (var d in c.Dumpers)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - name: {d.Name}");
            y.AppendLine("    chain: kmsg_dump");
            y.AppendLine(CultureInfo.InvariantCulture, $"    max-reason: {d.MaxReason}");
        }

        if (c.CrashAction is { } crash)
        {
            y.AppendLine("  - name: crash_shutdown");
            y.AppendLine("    chain: crash_shutdown");
            Actions(y, crash);
        }

        if (c.Holder != LockHolder.None)
        {
            y.AppendLine("faults:");
            y.AppendLine(c.Holder == LockHolder.Stuck ? "  - stopped-cpu-holds: ppo_lock" : "  - cpu-in-critical-section: ppo_lock");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"entry: [{(c.Entry == Entry.Panic ? "panic" : "oops")}]");
        if (c.Arrangement == "seed")
        {
            y.AppendLine(SeedVerdicts.Scenario);
        }

        return y.ToString();
    }

    private static void Actions(StringBuilder y, NotifierAction action)
    {
        switch (action)
        {
            case NotifierAction.Hang:
                y.AppendLine("    do: [never-return]");
                break;
            case NotifierAction.Lock:
                y.AppendLine("    do: [{ call: flush }]");
                break;
            case NotifierAction.Report:
                y.AppendLine("    do: [{ call: report }]");
                break;
            case NotifierAction.Unload:
                y.AppendLine("    do: [{ call: unload }]");
                break;
            case NotifierAction.Timeout:
                y.AppendLine("    do: [{ set: panic_timeout = 1 }, { emit: timeout }]");
                break;
        }
    }

    private static string Priority(int p) => p switch
    {
        int.MinValue => "INT_MIN",
        int.MaxValue => "INT_MAX",
        < int.MinValue / 2 => "INT_MIN + " + ((long)p - int.MinValue).ToString(CultureInfo.InvariantCulture),
        _ => p.ToString(CultureInfo.InvariantCulture),
    };

    private static string Bool(bool b) => b ? "true" : "false";
}
