using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

/// <summary>
/// The online and present masks after each stop, per architecture, as Linux 6.1 leaves them: read by a panic
/// notifier (after the stop of <c>panic()</c>) and by the <c>kgdb_panic</c> hook (after the panic_cpu claim, before
/// any stop).
/// </summary>
public sealed class CpuMaskTests
{
    private const string Observer = """
        cpus: 2
        panic-cpu: [0, 1]
        knobs:
          arch: [x86_64, arm64]
          crash_kexec_post_notifiers: [false, true]
        state:
          other_online: true
          online_count: 0
          present_count: 0
          other_online_at_claim: true
          me: -1
        locks: [ring_lock]
        hooks:
          kgdb_panic:
            - set: other_online_at_claim = cpu_online(1 - this_cpu)
        callbacks:
          - name: observe
            chain: panic
            do:
              - set: me = this_cpu
              - set: other_online = cpu_online(1 - this_cpu)
              - set: online_count = num_online_cpus()
              - set: present_count = num_present_cpus()
        faults:
          - stopped-cpu-holds: ring_lock
          - cpu-in-critical-section: ring_lock
          - second-cpu-panics
        """;

    /// <summary>The value a traced <c>set</c> of <paramref name="name"/> wrote, as its change reads (<c>old → new</c>); null when none was traced.</summary>
    private static string? Written(IReadOnlyList<TraceStep> trace, string name) =>
        trace.LastOrDefault(s => s.Action == "set " + name)?.Change.Split(" → ")[^1];

    /// <summary>
    /// x86 <c>smp_send_stop()</c> ends every other CPU in <c>stop_this_cpu()</c> (arch/x86/kernel/process.c:775), by the
    /// REBOOT_VECTOR IPI or by the NMI that follows for a CPU that does not take it; arm64's IPI_CPU_STOP runs
    /// <c>local_cpu_stop()</c> (arch/arm64/kernel/smp.c:823). Either way the other CPU leaves the online mask; the
    /// present mask keeps both.
    /// </summary>
    [Theory]
    [InlineData("x86_64", "none")]
    [InlineData("x86_64", "stopped-cpu-holds(ring_lock)")]
    [InlineData("x86_64", "cpu-in-critical-section(ring_lock)")]
    [InlineData("arm64", "none")]
    [InlineData("arm64", "cpu-in-critical-section(ring_lock)")]
    public void Smp_send_stop_takes_the_other_cpu_out_of_the_online_mask(string arch, string fault)
    {
        foreach (var cpu in new[] { 0, 1 })
        {
            var (_, trace) = Model.Run(Observer, $"panic-cpu={cpu},arch={arch},crash_kexec_post_notifiers=false,fault={fault}");
            Assert.Equal(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), Written(trace, "me"));
            Assert.Equal("false", Written(trace, "other_online"));
            Assert.Equal("1", Written(trace, "online_count"));
            Assert.Equal("2", Written(trace, "present_count"));
        }
    }

    /// <summary>An arm64 CPU stuck with interrupts off never takes IPI_CPU_STOP, so it is never taken offline.</summary>
    [Fact]
    public void On_arm64_a_cpu_stuck_with_interrupts_off_stays_online_after_smp_send_stop()
    {
        var (_, trace) = Model.Run(Observer, "panic-cpu=1,arch=arm64,crash_kexec_post_notifiers=false,fault=stopped-cpu-holds(ring_lock)");
        Assert.Equal("true", Written(trace, "other_online"));
        Assert.Equal("2", Written(trace, "online_count"));
    }

    /// <summary>
    /// <c>crash_smp_send_stop()</c> parks the other CPUs without touching the online mask: x86 in
    /// <c>crash_nmi_callback()</c> (arch/x86/kernel/reboot.c:841-871), arm64 in <c>ipi_cpu_crash_stop()</c>
    /// (arch/arm64/kernel/smp.c:844-860).
    /// </summary>
    [Theory]
    [InlineData("x86_64", "none")]
    [InlineData("x86_64", "cpu-in-critical-section(ring_lock)")]
    [InlineData("arm64", "none")]
    public void Crash_smp_send_stop_leaves_the_online_mask_as_it_was(string arch, string fault)
    {
        var (_, trace) = Model.Run(Observer, $"panic-cpu=1,arch={arch},crash_kexec_post_notifiers=true,fault={fault}");
        Assert.Contains(trace, s => s.Action.StartsWith("crash_smp_send_stop", StringComparison.Ordinal) && s.Change.StartsWith("cpu0: running → stopped", StringComparison.Ordinal));
        Assert.Equal("true", Written(trace, "other_online"));
        Assert.Equal("2", Written(trace, "online_count"));
    }

    /// <summary>
    /// A CPU that loses the panic race stops in <c>panic_smp_self_stop()</c>: arm64's is <c>local_cpu_stop()</c>, which
    /// takes it offline at once (arch/arm64/kernel/smp.c:835-838); x86 has the generic <c>while (1) cpu_relax();</c>
    /// (kernel/panic.c:143-147), still online until the stop's NMI reaches it.
    /// </summary>
    [Theory]
    [InlineData("arm64", "false")]
    [InlineData("x86_64", "true")]
    public void A_cpu_that_loses_the_panic_race_is_offline_at_once_on_arm64_and_still_online_on_x86(string arch, string online)
    {
        var (_, trace) = Model.Run(Observer, $"panic-cpu=1,arch={arch},crash_kexec_post_notifiers=false,fault=second-cpu-panics");
        Assert.Contains(trace, s => s.Cpu == 0 && s.Action.Contains("panic_smp_self_stop", StringComparison.Ordinal));
        Assert.Equal(online, Written(trace, "other_online_at_claim"));
        Assert.Equal("false", Written(trace, "other_online"));
    }

    /// <summary>Before the panic both CPUs are online: the hook runs after the claim, before any stop.</summary>
    [Fact]
    public void Every_cpu_is_online_until_a_stop()
    {
        var (_, trace) = Model.Run(Observer, "panic-cpu=1,arch=x86_64,crash_kexec_post_notifiers=false");
        Assert.Equal("true", Written(trace, "other_online_at_claim"));
    }
}
