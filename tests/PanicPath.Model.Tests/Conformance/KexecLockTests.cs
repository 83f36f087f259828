using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Conformance;

/// <summary><c>__crash_kexec()</c> runs only under <c>kexec_trylock()</c> (kernel/kexec_core.c).</summary>
public sealed class KexecLockTests
{
    private const string Yaml = """
        kernel: mainline-6.1
        knobs:
          kexec_crash_loaded: [true]
        callbacks:
          - name: hook
            chain: crash_shutdown
            do: [ { emit: shutdown-hook } ]
          - name: on_panic
            chain: panic
            do: [ { emit: notified } ]
        faults:
          - panic-in: hook
        """;

    /// <summary>
    /// A panic inside a crash-shutdown hook re-enters <c>panic()</c>, whose <c>__crash_kexec</c> finds the kexec
    /// lock taken and returns: the hook runs once, the nested panic goes on to the notifiers, and the crash kernel
    /// does not boot a second time from inside itself.
    /// </summary>
    [Fact]
    public void A_panic_inside_a_crash_shutdown_hook_does_not_start_a_second_crash_kexec()
    {
        var (result, trace) = Model.Run(Yaml, "fault=panic-in(hook)");
        Assert.Equal(1, Model.Steps(trace).Count(s => s.Contains("emit shutdown-hook", StringComparison.Ordinal)));
        Assert.True(Model.IndexOf(trace, "kexec_trylock() fails") >= 0);
        Assert.True(Model.IndexOf(trace, "emit notified") > Model.IndexOf(trace, "kexec_trylock() fails"));
        Assert.NotEqual(Boundary.CrashKernelBoot, result.Outcome);
    }

    /// <summary>5.18 and the series take <c>kexec_mutex</c> with <c>mutex_trylock()</c>: the same refusal.</summary>
    [Fact]
    public void In_5_18_the_lock_is_the_kexec_mutex_with_the_same_refusal()
    {
        var (_, trace) = Model.Run(Yaml.Replace("mainline-6.1", "mainline-5.18", StringComparison.Ordinal), "fault=panic-in(hook)");
        Assert.True(Model.IndexOf(trace, "mutex_trylock(&kexec_mutex) fails") >= 0);
    }
}
