using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Kernel;

public sealed class KdumpTests
{
    private const string Yaml = """
        knobs:
          arch: [x86_64, arm64]
          kexec_crash_loaded: [true, false]
        state:
          unloaded: false
        callbacks:
          - name: crash_hook
            chain: crash_shutdown
            do: [ { set: unloaded = true } ]
        invariants:
          - name: unloaded-at-boot
            at: [crash-kernel-boot]
            expect: unloaded
          - name: kdump-reached
            when: kexec_crash_loaded
            reaches: crash-kernel-boot
        """;

    [Fact]
    public void On_x86_64_machine_crash_shutdown_runs_the_drivers_crash_shutdown_hook_before_the_crash_kernel_boots()
    {
        var (result, trace) = Model.Run(Yaml, "arch=x86_64");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "crash_hook: called") < Model.IndexOf(trace, "the crash kernel boots"));
        Assert.False(Model.Violates(Yaml, result, "unloaded-at-boot"));
    }

    [Fact]
    public void On_arm64_there_is_no_crash_shutdown_hook_for_drivers()
    {
        var (result, trace) = Model.Run(Yaml, "arch=arm64");
        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        Assert.True(Model.IndexOf(trace, "arm64 has no crash-shutdown hook") >= 0);
        Assert.Equal(-1, Model.IndexOf(trace, "crash_hook: called"));
        Assert.True(Model.Violates(Yaml, result, "unloaded-at-boot"));
    }

    [Fact]
    public void Without_a_loaded_crash_kernel_crash_kexec_returns_and_kdump_reached_does_not_apply()
    {
        var (result, trace) = Model.Run(Yaml, "kexec_crash_loaded=false");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "no crash kernel loaded, returns") >= 0);
        Assert.False(Model.Violates(Yaml, result, "kdump-reached"));
    }

    [Fact]
    public void A_kmsg_dumper_runs_only_for_reasons_up_to_its_max_reason()
    {
        const string yaml = """
            knobs:
              panic_on_oops: [true]
            callbacks:
              - name: panic_only
                chain: kmsg_dump
                max-reason: PANIC
                do: [ { emit: panic-only-ran } ]
              - name: default_dumper
                chain: kmsg_dump
                do: [ { emit: default-ran } ]
            entry: [oops]
            """;
        var (_, trace) = Model.Run(yaml);
        var steps = Model.Steps(trace);
        Assert.Contains("panic_only: skipped: reason OOPS is above max_reason PANIC", steps);
        Assert.Equal(2, steps.Count(s => s == "default_dumper: emit default-ran"));
        Assert.Equal(1, steps.Count(s => s == "panic_only: emit panic-only-ran"));
    }

    [Fact]
    public void A_restart_hook_with_an_arch_is_registered_only_on_that_architecture()
    {
        const string yaml = """
            knobs:
              arch: [x86_64, arm64]
              panic_timeout: [1]
            callbacks:
              - name: arm_reset
                chain: restart
                arch: arm64
                do: [ { emit: arm-reset } ]
            """;
        Assert.True(Model.IndexOf(Model.Run(yaml, "arch=arm64").Trace, "emit arm-reset") >= 0);
        Assert.True(Model.IndexOf(Model.Run(yaml, "arch=x86_64").Trace, "arm_reset: not registered: only on arm64") >= 0);
    }
}
