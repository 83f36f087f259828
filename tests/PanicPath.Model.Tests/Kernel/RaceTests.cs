using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions.Profile;

namespace PanicPath.Model.Tests.Kernel;

/// <summary>A second CPU at a chosen point of the first CPU's path (<c>race:</c>): who wins, how each one ends, what the stops do.</summary>
public sealed class RaceTests
{
    private const string Dumper = """
        scenario: race
        cpus: 2
        knobs:
          arch: [x86_64, arm64]
          kexec_crash_loaded: [false, true]
          panic_on_oops: [false, true]
        callbacks:
          - name: pstore
            chain: kmsg_dump
            do:
              - emit: dumped
        race:
          does: [panic, oops, nmi]
          at: every-step
        invariants:
          - name: terminates
            terminates: true
          - name: dumped-once
            when: "!kexec_crash_loaded"
            exactly-once: kmsg-dump
        """;

    [Fact]
    public void A_second_cpu_that_panics_before_the_first_claims_panic_cpu_wins_and_its_path_does_the_dump_and_reaches_the_end()
    {
        var (result, trace) = Model.Run(Dumper, "race=panic before claim-panic-cpu");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        var claim = trace.Single(s => s.Action.StartsWith("panic: Kernel panic", StringComparison.Ordinal));
        Assert.Equal(1, claim.Cpu);
        Assert.Equal("panic_cpu: none → cpu1", claim.Change);
        Assert.Equal(1, trace.Single(s => s.Action == "kmsg_dump(PANIC)").Cpu);
        Assert.Equal(1, trace.Single(s => s.Callback == "pstore" && s.Action.StartsWith("emit dumped", StringComparison.Ordinal)).Cpu);
        Assert.Equal(1, trace.Single(s => s.Action == "loops forever with interrupts off").Cpu);
        Assert.DoesNotContain(trace, s => s.Cpu == 0 && s.Chain == "panic()");
        Assert.False(Model.Violates(Dumper, result, "dumped-once"));
    }

    [Fact]
    public void The_racer_is_the_cpu_after_the_panicking_one_and_this_cpu_reads_it_while_it_runs()
    {
        const string yaml = """
            scenario: which
            cpus: 3
            panic-cpu: [0, 2]
            callbacks:
              - name: mark
                chain: kmsg_dump
                if: this_cpu == 0
                do:
                  - emit: dumped
            race:
              does: panic
              at: [before claim-panic-cpu]
            invariants:
              - name: dumped-on-cpu0
                at-least-once: dumped
            """;
        var (onTwo, trace) = Model.Run(yaml, "panic-cpu=2,race=panic before claim-panic-cpu");
        Assert.Equal(0, trace.Single(s => s.Chain == "race").Cpu);
        Assert.Equal("panic_cpu: none → cpu0", trace.Single(s => s.Action.StartsWith("panic: Kernel panic", StringComparison.Ordinal)).Change);
        Assert.False(Model.Violates(yaml, onTwo, "dumped-on-cpu0"));
        var (onZero, _) = Model.Run(yaml, "panic-cpu=0,race=panic before claim-panic-cpu");
        Assert.True(Model.Violates(yaml, onZero, "dumped-on-cpu0"));
    }

    [Fact]
    public void The_first_cpu_interrupted_with_interrupts_off_is_stopped_by_the_nmi_on_x86_and_left_running_on_arm64()
    {
        var (_, x86) = Model.Run(Dumper, "arch=x86_64,race=panic before claim-panic-cpu");
        Assert.Contains(x86, s => s.Cpu == 1 && s.Action == "smp_send_stop (IPI)" && s.Change == "cpu0: does not take the IPI (interrupts off), running → stopped by the NMI");
        var (_, arm64) = Model.Run(Dumper, "arch=arm64,race=panic before claim-panic-cpu");
        Assert.Contains(arm64, s => s.Cpu == 1 && s.Action == "smp_send_stop (IPI)" && s.Change == "cpu0: does not take the stop IPI (interrupts off), stays running");
    }

    [Fact]
    public void A_second_cpu_that_panics_after_the_first_claimed_panic_cpu_stops_itself_and_the_first_goes_on_to_its_end()
    {
        var (result, trace) = Model.Run(Dumper, "race=panic after claim-panic-cpu");
        Assert.Equal(Boundary.EndOfPanic, result.Outcome);
        var stop = trace.Single(s => s.Action.Contains("panic_smp_self_stop", StringComparison.Ordinal));
        Assert.Equal(1, stop.Cpu);
        Assert.Equal("cpu1: running → stopped", stop.Change);
        Assert.Equal(0, trace.Single(s => s.Action == "kmsg_dump(PANIC)").Cpu);
        Assert.True(Model.IndexOf(trace, "panic_smp_self_stop") < Model.IndexOf(trace, "kmsg_dump(PANIC)"));
    }

    [Fact]
    public void An_nmi_panic_on_the_second_cpu_during_the_first_cpus_panic_stops_it_in_the_nmi_holding_its_lock_and_the_console_flush_hangs()
    {
        const string yaml = """
            scenario: nmi-race
            cpus: 2
            knobs:
              arch: [x86_64, arm64]
            locks: [console_lock]
            faults:
              - cpu-in-critical-section: console_lock
            hooks:
              console_flush_on_panic:
                - lock: console_lock
                - unlock: console_lock
            race:
              does: nmi
              at: [after claim-panic-cpu]
            invariants:
              - name: terminates
                terminates: true
            """;
        foreach (var arch in new[] { "x86_64", "arm64" })
        {
            var (ipi, _) = Model.Run(yaml, $"arch={arch},fault=cpu-in-critical-section(console_lock),race=none");
            Assert.Equal(Boundary.EndOfPanic, ipi.Outcome);

            var (nmi, trace) = Model.Run(yaml, $"arch={arch},fault=cpu-in-critical-section(console_lock),race=nmi after claim-panic-cpu");
            Assert.Equal(Boundary.Hang, nmi.Outcome);
            Assert.True(Model.Violates(yaml, nmi, "terminates"));
            var stop = trace.Single(s => s.Action.StartsWith("nmi_panic:", StringComparison.Ordinal));
            Assert.Equal((1, "nmi_panic: panic_cpu is cpu0: nmi_panic_self_stop"), (stop.Cpu, stop.Action));
            Assert.Equal("cpu0 console_flush_on_panic spins forever on console_lock, held by stopped cpu1", nmi.HangReason);
        }
    }

    [Fact]
    public void An_oops_on_the_second_cpu_while_the_first_is_inside_crash_kexec_finds_panic_cpu_claimed_and_the_first_boots_the_crash_kernel()
    {
        var (survived, trace) = Model.Run(Dumper, "kexec_crash_loaded=true,race=oops after take-kexec-lock");
        Assert.Equal(Boundary.CrashKernelBoot, survived.Outcome);
        var race = Model.IndexOf(trace, "race: oops on cpu1 while cpu0 is after take-kexec-lock");
        Assert.True(race > Model.IndexOf(trace, "__crash_kexec before the notifiers: kexec_trylock(); machine_crash_shutdown"));
        Assert.Contains(trace, s => s.Cpu == 1 && s.Action == "the oops is over: returns to what it was doing; cpu0 goes on");
        Assert.Equal(0, trace.Single(s => s.Action == "machine_kexec: the crash kernel boots").Cpu);

        var (escalated, steps) = Model.Run(Dumper, "kexec_crash_loaded=true,panic_on_oops=true,race=oops after take-kexec-lock");
        Assert.Equal(Boundary.CrashKernelBoot, escalated.Outcome);
        Assert.Contains(steps, s => s.Cpu == 1 && s.Action == "crash_kexec (panic_on_oops): panic_cpu is already cpu0, returns");
        Assert.Contains(steps, s => s.Cpu == 1 && s.Action.Contains("panic_cpu is cpu0: panic_smp_self_stop", StringComparison.Ordinal));
        Assert.Equal(0, steps.Single(s => s.Action == "machine_kexec: the crash kernel boots").Cpu);
    }

    [Fact]
    public void A_racer_that_returns_leaves_the_first_cpus_profile_locals_as_they_were()
    {
        const string yaml = """
            scenario: locals
            cpus: 2
            entry: oops
            callbacks:
              - name: stop_on_cpu0
                chain: die
                if: this_cpu == 0
                do:
                  - return: STOP
            race:
              does: oops
              at: [after die-result]
            invariants:
              - name: terminates
                terminates: true
            """;
        var (result, trace) = Model.Run(yaml, "race=oops after die-result");
        Assert.Equal(Boundary.EndOfOops, result.Outcome);
        Assert.Contains(trace, s => s.Cpu == 1 && s.Action == "make_task_dead: the task is killed, the kernel goes on");
        Assert.Contains(trace, s => s.Cpu == 0 && s.Action == "oops_end: signr 0 after NOTIFY_STOP, returns without panicking");
    }

    [Fact]
    public void A_racer_that_never_gets_further_leaves_the_first_cpu_going_on_and_its_lock_is_never_released()
    {
        const string yaml = """
            scenario: stuck-racer
            cpus: 2
            knobs:
              arch: [x86_64, arm64]
            locks: [ring]
            callbacks:
              - name: die_hook
                chain: die
                do:
                  - lock: ring
                  - lock: ring
              - name: flush
                chain: panic
                do:
                  - lock: ring
            race:
              does: oops
              at: [after claim-panic-cpu]
            invariants:
              - name: terminates
                terminates: true
            """;
        var (result, trace) = Model.Run(yaml, "arch=arm64,race=oops after claim-panic-cpu");
        Assert.Contains(trace, s => s.Cpu == 1 && s.Action == "never gets further: spins forever on ring, which it already holds; cpu0 goes on");
        Assert.Contains(trace, s => s.Cpu == 0 && s.Action == "smp_send_stop (IPI)" && s.Change == "cpu1: does not take the stop IPI (interrupts off), stays running");
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Equal("cpu0 flush spins forever on ring, held by cpu1, which never gets further", result.HangReason);

        // x86 stops it with the NMI after the IPI times out; the lock stays with the stopped CPU.
        var (x86, steps) = Model.Run(yaml, "arch=x86_64,race=oops after claim-panic-cpu");
        Assert.Contains(steps, s => s.Cpu == 0 && s.Action == "smp_send_stop (IPI)" && s.Change == "cpu1: does not take the IPI (interrupts off), running → stopped by the NMI holding ring");
        Assert.Equal("cpu0 flush spins forever on ring, held by stopped cpu1", x86.HangReason);
    }

    [Fact]
    public void On_arm64_a_winning_racer_that_never_gets_further_lets_the_first_cpu_go_on_to_stop_itself_and_the_run_hangs_on_both()
    {
        const string yaml = """
            scenario: both-stuck
            cpus: 2
            knobs:
              arch: [x86_64, arm64]
            locks: [port_lock]
            faults:
              - stopped-cpu-holds: port_lock
            hooks:
              console_flush_on_panic:
                - lock: port_lock
            race:
              does: panic
              at: [before claim-panic-cpu]
            invariants:
              - name: terminates
                terminates: true
            """;
        var (arm64, trace) = Model.Run(yaml, "arch=arm64,fault=stopped-cpu-holds(port_lock),race=panic before claim-panic-cpu");
        Assert.Contains(trace, s => s.Cpu == 0 && s.Action == "panic: Kernel panic; panic_cpu is cpu1: panic_smp_self_stop");
        Assert.Equal("cpu0 stopped itself, and cpu1 console_flush_on_panic spins forever on port_lock, which it already holds", arm64.HangReason);

        // On x86 the racer's stop took cpu0 by the NMI: the racer's hang is the run's.
        var (x86, _) = Model.Run(yaml, "arch=x86_64,fault=stopped-cpu-holds(port_lock),race=panic before claim-panic-cpu");
        Assert.Equal("cpu1 console_flush_on_panic spins forever on port_lock, which it already holds", x86.HangReason);
    }

    [Fact]
    public void A_race_that_makes_the_space_too_large_is_refused_naming_the_race_dimension()
    {
        var scenario = Model.Compile(Dumper);
        var error = Assert.Throws<ScenarioException>(() => SpaceLimit.Check(scenario, 100));
        Assert.EndsWith($"= arch (2) × kexec_crash_loaded (2) × panic_on_oops (2) × race ({scenario.Races.Count}); list fewer values or raise --max-configs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_race_whose_point_the_path_never_reaches_runs_as_no_race_and_is_counted_once()
    {
        var scenario = Model.Compile(Dumper);
        var report = ScenarioExplorer.Explore(scenario);
        var space = new ConfigurationSpace(scenario);
        var chosen = space.Choices().LongCount();
        Assert.True(report.Runs < chosen, $"{report.Runs} runs of {chosen} choices");

        // With a crash kernel loaded the path ends in the first __crash_kexec: a point after it is never reached.
        var (_, trace) = Model.Run(Dumper, "kexec_crash_loaded=true,race=panic after kmsg-dump");
        Assert.Equal("race: panic after kmsg-dump: the path never comes to that point; the run is the one without a race", trace[^1].Action);
        var effective = new EffectiveSpace(scenario);
        var machine = new Machine(scenario);
        var choices = space.Parse("kexec_crash_loaded=true,race=panic after kmsg-dump");
        machine.Run(choices);
        var none = space.Parse("kexec_crash_loaded=true,race=none");
        var index = effective.IndexOf(machine, choices);
        machine.Run(none);
        Assert.Equal(effective.IndexOf(machine, none), index);
    }

    [Fact]
    public void Every_step_races_before_and_after_each_labelled_step_of_every_function_a_shared_label_named_by_its_function()
    {
        var scenario = Model.Compile(Dumper);
        var steps = scenario.RaceSteps;
        Assert.Contains(steps, s => s.Function == "panic_other_cpus_shutdown" && s.Name == "stop-other-cpus");
        Assert.Contains(steps, s => s.Function == "__crash_kexec" && s.Name == "take-kexec-lock");
        Assert.Equal("claim-panic-cpu", steps.First(s => s.Label == "claim-panic-cpu").Name);
        Assert.Equal("panic", steps.First(s => s.Label == "claim-panic-cpu").Function);
        Assert.Contains(steps, s => s.Function == "crash_kexec" && s.Name == "crash_kexec.claim-panic-cpu");
        Assert.Equal(1 + (3 * steps.Count * 2), scenario.Races.Count);
        Assert.Equal("none", scenario.Races[0].Text);
        Assert.Equal("panic before clear-panic-on-warn", scenario.Races[1].Text);
        Assert.Contains(scenario.Races, r => r.Text == "oops after crash_kexec.claim-panic-cpu");
    }

    [Fact]
    public void A_scenario_without_race_has_no_race_dimension_and_its_profile_steps_carry_no_race_points()
    {
        var scenario = Model.Compile(Dumper[..Dumper.IndexOf("race:", StringComparison.Ordinal)]);
        Assert.False(scenario.Racing);
        Assert.Equal(["arch", "kexec_crash_loaded", "panic_on_oops", "fault", "entry"], new ConfigurationSpace(scenario).Dimensions);
        Assert.Equal(8, scenario.SpaceSize);
        Assert.DoesNotContain(scenario.Profile.Panic, a => a is RaceStepAction);
        Assert.Contains(Model.Compile(Dumper).Profile.Panic, a => a is RaceStepAction);
    }

    [Theory]
    [InlineData("cpus: 2", "  at: [before claim-panic]", "test.yaml:5:15: expected a labelled step of the kernel profile mainline-6.12 (")]
    [InlineData("cpus: 2", "  at: [during kmsg-dump]", "test.yaml:5:8: expected a point of the race: every-step, or 'before STEP' or 'after STEP', not 'during kmsg-dump'")]
    [InlineData("cpus: 2", "  at: [kmsg-dump]", "test.yaml:5:8: expected a point of the race: every-step, or 'before STEP' or 'after STEP', not 'kmsg-dump'")]
    [InlineData("cpus: 1", "  at: every-step", "test.yaml:4:3: expected a race on a machine with a second CPU (cpus: 2 or more), not on cpus: 1")]
    [InlineData("cpus: 2", "  at: []", "test.yaml:5:7: expected at least one point of the race: every-step, or a list of 'before STEP', 'after STEP'")]
    [InlineData("cpus: 2", "  at: [after kmsg-dump, after panic.kmsg-dump]", "test.yaml:5:25: expected each point once; 'after panic.kmsg-dump' is listed above")]
    [InlineData("cpus: 2", "  at: ['after']", "test.yaml:5:8: expected a point of the race: every-step, or 'before STEP' or 'after STEP', not 'after'")]
    [InlineData("cpus: 2", "  at: [before nosuch.kmsg-dump]", "test.yaml:5:15: expected a labelled step of the kernel profile mainline-6.12 (")]
    public void A_bad_race_is_refused_at_its_place(string cpus, string at, string expected)
    {
        var error = Model.Error($"scenario: bad\n{cpus}\nrace:\n  does: [panic]\n{at}\n");
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_race_that_does_what_no_entry_is_refused_at_the_value()
    {
        var error = Model.Error("scenario: bad\ncpus: 2\nrace:\n  does: [panic, reboot]\n  at: every-step\n");
        Assert.Equal("test.yaml:4:17: expected what the second CPU does: panic, oops, warn, nmi, not 'reboot'", error.Message);
    }
}
