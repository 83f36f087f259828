using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

/// <summary>
/// <c>after-boot:</c> runs once the drivers registered (they saw the boot values) and before the fault and the
/// entry point: an administrator's sysctl write or <c>kexec -p</c>, read by the kernel where it reads the global.
/// </summary>
public sealed class AfterBootTests
{
    private const string LoadYaml = """
        kernel: mainline-6.1
        knobs:
          kexec_crash_loaded: [false, true]
        features:
          admin_loads_crash_kernel: [false, true]
        state:
          vmbus: { initial: connected, values: [connected, unloaded] }
        after-boot:
          - if: admin_loads_crash_kernel
            do:
              - set: kexec_crash_loaded = true
        callbacks:
          - name: hv_crash_shutdown
            chain: crash_shutdown
            register-if: kexec_crash_loaded
            do:
              - set: vmbus = unloaded
        invariants:
          - name: unloaded-before-next-kernel
            at: [crash-kernel-boot]
            expect: vmbus == unloaded
          - name: kdump-reached
            when: kexec_crash_loaded
            reaches: crash-kernel-boot
        """;

    /// <summary>
    /// The driver decided at boot, with no crash kernel loaded, not to install its crash-shutdown hook; the
    /// administrator loads one afterwards: the crash kernel boots, without the hook.
    /// </summary>
    [Fact]
    public void A_crash_kernel_loaded_after_boot_boots_without_the_hook_a_driver_registered_only_when_one_was_loaded_at_boot()
    {
        var (result, trace) = Model.Run(LoadYaml, "kexec_crash_loaded=false,admin_loads_crash_kernel=true");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "hv_crash_shutdown: not registered: register-if is false") >= 0);
        Assert.True(Model.Violates(LoadYaml, result, "unloaded-before-next-kernel"));
        Assert.False(Model.Violates(LoadYaml, result, "kdump-reached"));

        var (atBoot, _) = Model.Run(LoadYaml, "kexec_crash_loaded=true,admin_loads_crash_kernel=false");
        Assert.Equal(Boundary.CrashKernelBoot, atBoot.Outcome);
        Assert.False(Model.Violates(LoadYaml, atBoot, "unloaded-before-next-kernel"));

        var (none, _) = Model.Run(LoadYaml, "kexec_crash_loaded=false,admin_loads_crash_kernel=false");
        Assert.Equal(Boundary.EndOfPanic, none.Outcome);
    }

    [Fact]
    public void The_trace_shows_the_after_boot_change_with_its_line_after_the_registrations_and_before_the_panic()
    {
        var (configuration, _, trace) = ScenarioExplorer.Trace(Model.Compile(LoadYaml), "kexec_crash_loaded=false,admin_loads_crash_kernel=true");
        var step = Assert.Single(trace, s => s.Chain == "after-boot" && s.Action.StartsWith("set ", StringComparison.Ordinal));
        Assert.Equal("set kexec_crash_loaded (line 11)", step.Action);
        Assert.Equal("kexec_crash_loaded: false → true", step.Change);
        var at = trace.ToList().IndexOf(step);
        Assert.True(Model.IndexOf(trace, "hv_crash_shutdown: not registered") < at);
        Assert.True(Model.IndexOf(trace, "panic: Kernel panic") > at);
        Assert.Equal("false", configuration["kexec_crash_loaded"]);
    }

    [Fact]
    public void An_administrator_who_unloads_the_crash_kernel_after_boot_leaves_panic_to_its_final_loop()
    {
        var yaml = """
            knobs:
              kexec_crash_loaded: [true]
            after-boot:
              - set: kexec_crash_loaded = false
            """;
        var (result, trace) = Model.Run(yaml);
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "no crash kernel loaded, returns") >= 0);
    }

    [Fact]
    public void A_sysctl_written_after_boot_is_read_at_panic_time()
    {
        var yaml = """
            features:
              admin_sets_timeout: [false, true]
            after-boot:
              - if: admin_sets_timeout
                do:
                  - set: panic_timeout = 10
            """;
        Assert.Equal(Boundary.Restart, Model.Run(yaml, "admin_sets_timeout=true").Result.Outcome);
        Assert.Equal(Boundary.EndOfPanic, Model.Run(yaml, "admin_sets_timeout=false").Result.Outcome);
    }

    [Fact]
    public void An_invariants_when_sees_the_values_after_boot()
    {
        var (result, _) = Model.Run(LoadYaml, "kexec_crash_loaded=false,admin_loads_crash_kernel=true");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        var yaml = LoadYaml.Replace("reaches: crash-kernel-boot", "reaches: end-of-panic", StringComparison.Ordinal);
        var (changed, _) = Model.Run(yaml, "kexec_crash_loaded=false,admin_loads_crash_kernel=true");
        Assert.True(Model.Violates(yaml, changed, "kdump-reached"));
    }

    [Fact]
    public void An_after_boot_wait_that_never_completes_hangs_the_run_before_the_entry_point()
    {
        var yaml = """
            features:
              stuck: [true, false]
            after-boot:
              - wait: "!stuck"
            invariants:
              - name: terminates
                terminates: true
              - name: only-when-not-stuck
                when: "!stuck"
                terminates: true
            """;
        var explorer = ScenarioExplorer.Explore(Model.Compile(yaml));
        var (hung, trace) = Model.Run(yaml, "stuck=true");
        Assert.Equal(Boundary.Hang, hung.Outcome);
        Assert.Equal(-1, Model.IndexOf(trace, "panic: Kernel panic"));
        Assert.True(Model.Violates(yaml, hung, "terminates"));
        Assert.False(Model.Violates(yaml, hung, "only-when-not-stuck"));
        Assert.Equal(Boundary.EndOfPanic, Model.Run(yaml, "stuck=false").Result.Outcome);
        Assert.Equal(2, explorer.Runs);
    }

    [Fact]
    public void A_setup_wait_that_never_completes_is_a_hang_the_invariants_see()
    {
        var yaml = """
            setup:
              - wait: "false"
            invariants:
              - name: terminates
                terminates: true
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "terminates"));
    }

    [Fact]
    public void An_event_after_boot_is_checked_like_any_other()
    {
        var yaml = """
            after-boot:
              - emit: sysctl-write
              - set: panic_timeout = 10
            invariants:
              - name: written-while-set
                happens: sysctl-write
                while: panic_timeout != 0
              - name: written-once
                exactly-once: sysctl-write
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Restart, result.Outcome);
        Assert.True(Model.Violates(yaml, result, "written-while-set"));
        Assert.False(Model.Violates(yaml, result, "written-once"));
    }
}
