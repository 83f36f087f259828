using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Conformance;

/// <summary>
/// A bounded wait whose outcome depends on the machine's state, as <c>vmbus_wait_for_unload()</c>
/// (drivers/hv/channel_mgmt.c) polls for the host's answer and can give up ("did not complete").
/// </summary>
public sealed class BoundedWaitTests
{
    private const string Yaml = """
        cpus: 2
        knobs:
          kexec_crash_loaded: [false, true]
        state:
          vmbus: { initial: connected, values: [connected, unloaded, unload_incomplete] }
        helpers:
          unload:
            - if: vmbus == connected
              do:
                - wait: stopped_cpus == 0
                  timeout: true
                  else:
                    - set: vmbus = unload_incomplete
                    - emit: unload-did-not-complete
                - if: vmbus == connected
                  do: [ { set: vmbus = unloaded } ]
        callbacks:
          - name: hook
            chain: crash_shutdown
            do: [ { call: unload } ]
          - name: on_panic
            chain: panic
            do: [ { call: unload } ]
        invariants:
          - name: unloaded
            at: [crash-kernel-boot, end-of-panic]
            expect: vmbus == unloaded
        """;

    /// <summary>
    /// In the crash-shutdown hook (before <c>crash_smp_send_stop</c>) no CPU is stopped yet and the wait completes;
    /// in a panic notifier after <c>smp_send_stop</c> the same wait gives up and runs its else.
    /// </summary>
    [Fact]
    public void The_same_bounded_wait_completes_or_gives_up_according_to_the_stopped_cpus()
    {
        var (kdump, kdumpTrace) = Model.Run(Yaml, "kexec_crash_loaded=true");
        Assert.Equal(Boundary.CrashKernelBoot, kdump.Outcome);
        Assert.True(Model.IndexOf(kdumpTrace, "wait stopped_cpus == 0: already true, completes") >= 0);
        Assert.False(Model.Violates(Yaml, kdump, "unloaded"));

        var (noKdump, trace) = Model.Run(Yaml, "kexec_crash_loaded=false");
        Assert.True(Model.IndexOf(trace, "wait stopped_cpus == 0: times out, gives up") > Model.IndexOf(trace, "smp_send_stop"));
        Assert.True(Model.IndexOf(trace, "emit unload-did-not-complete") >= 0);
        Assert.True(Model.Violates(Yaml, noKdump, "unloaded"));
    }

    /// <summary>The builtins <c>stopped_cpus</c> and <c>panic_cpu</c> follow the machine: a self-stopped CPU counts.</summary>
    [Fact]
    public void Stopped_cpus_and_panic_cpu_are_read_from_the_machine()
    {
        const string yaml = """
            cpus: 3
            callbacks:
              - name: look
                chain: panic
                do:
                  - if: stopped_cpus == 2 && panic_cpu == 0
                    do: [ { emit: seen } ]
            """;
        Assert.True(Model.IndexOf(Model.Run(yaml).Trace, "emit seen") >= 0);
    }

    /// <summary>An <c>else</c> needs <c>timeout: true</c>: a wait that never gives up has no else.</summary>
    [Fact]
    public void An_else_without_a_timeout_is_refused_at_its_key()
    {
        var error = Model.Error("""
            callbacks:
              - name: w
                chain: panic
                do:
                  - wait: "false"
                    else: [ return ]
            """);
        Assert.Contains("test.yaml:6:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'timeout: true' with the 'else' of a wait", error.Message, StringComparison.Ordinal);
    }
}
