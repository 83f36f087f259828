using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Profiles;

/// <summary>
/// Direct hooks: a profile step that calls a subsystem directly (<c>hook: kgdb_panic</c>), not through a notifier
/// chain; the scenario supplies what the hook does under <c>hooks:</c>, and an unsupplied hook does nothing.
/// </summary>
public sealed class DirectHookTests
{
    private const string ConsoleLock = """
        locks: [console_lock]
        faults:
          - stopped-cpu-holds: console_lock
        invariants:
          - name: terminates
            terminates: true
        """;

    [Fact]
    public void An_unsupplied_hook_does_nothing_and_leaves_no_step()
    {
        var (result, trace) = Model.Run("cpus: 2\n");

        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.DoesNotContain(Model.Steps(trace), s => s.Contains("hook", StringComparison.Ordinal));
    }

    [Fact]
    public void The_debugger_hook_runs_before_the_first_crash_kexec_named_after_the_hook()
    {
        var (result, trace) = Model.Run("knobs:\n  kexec_crash_loaded: [true]\nhooks:\n  kgdb_panic:\n    - emit: kgdb-entered\n");

        Assert.Equal(Boundary.CrashKernelBoot, result.Outcome);
        var hook = Model.IndexOf(trace, "hook kgdb_panic");
        Assert.True(hook >= 0);
        Assert.Equal("kgdb_panic: emit kgdb-entered", Model.Steps(trace)[hook + 1]);
        Assert.True(hook < Model.IndexOf(trace, "__crash_kexec before the notifiers"));
    }

    [Fact]
    public void A_console_flush_that_takes_the_lock_a_stopped_cpu_holds_hangs_the_panic()
    {
        var (result, _) = Model.Run(ConsoleLock + "\nhooks:\n  console_flush_on_panic:\n    - lock: console_lock\n", "fault=stopped-cpu-holds(console_lock)");

        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("console_flush_on_panic spins forever on console_lock, held by stopped cpu1", result.HangReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_console_flush_that_only_tries_the_lock_ignores_it_and_the_panic_ends()
    {
        var yaml = ConsoleLock + "\nhooks:\n  console_flush_on_panic:\n    - trylock: console_lock\n      else: [emit: console-lock-ignored]\n";
        var (result, trace) = Model.Run(yaml, "fault=stopped-cpu-holds(console_lock)");

        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        Assert.True(Model.IndexOf(trace, "emit console-lock-ignored") >= 0);
    }

    [Fact]
    public void A_hook_the_profile_never_calls_is_refused_at_its_name()
    {
        var error = Model.Error("hooks:\n  kgdb:\n    - emit: x\n");

        Assert.Equal("test.yaml:2:3: expected a hook the kernel profile mainline-6.12 calls (console_flush_on_panic, debug_locks_off, kgdb_panic), not 'kgdb'", error.Message);
    }
}
