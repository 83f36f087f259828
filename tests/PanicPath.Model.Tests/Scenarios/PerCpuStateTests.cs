using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Tests.Scenarios;

/// <summary>
/// CPUs with identity in the language: <c>panic-cpu:</c> as a dimension, <c>this_cpu</c>, and per-CPU state
/// (<c>per-cpu: true</c>): its bare name is the running CPU's copy, <c>name[cpu]</c> another CPU's, read and written.
/// </summary>
public sealed class PerCpuStateTests
{
    private const string Pages = """
        cpus: 2
        panic-cpu: [0, 1]
        state:
          page: { initial: false, per-cpu: true }
          mine: false
          cpu0s: false
          other: -1
        after-boot:
          - set: page = true
        callbacks:
          - name: look
            chain: panic
            do:
              - set: mine = page
              - set: cpu0s = page[0]
              - set: page[1 - this_cpu] = true
              - set: other = 1 - this_cpu
        invariants:
          - name: sees-its-own-page
            at: [end-of-panic]
            expect: page && page[this_cpu]
        """;

    /// <summary>after-boot runs on CPU 0 and writes its copy; the panic on CPU 1 reads its own copy, still false, and CPU 0's by index.</summary>
    [Fact]
    public void The_bare_name_of_a_per_cpu_state_is_the_running_cpus_copy_and_name_index_is_another_cpus()
    {
        var (result, trace) = Model.Run(Pages, "panic-cpu=1");
        var steps = trace.Select(s => $"cpu{s.Cpu} {s.Action} | {s.Change}").ToList();
        Assert.Contains("cpu0 set page[0] | page[0]: false → true", steps);
        Assert.Contains("cpu1 set mine | mine: false → false", steps);
        Assert.Contains("cpu1 set cpu0s | cpu0s: false → true", steps);
        Assert.Contains("cpu1 set page[0] | page[0]: true → true", steps);
        Assert.True(Model.Violates(Pages, result, "sees-its-own-page"));

        var (onZero, zeroTrace) = Model.Run(Pages, "panic-cpu=0");
        Assert.Contains(zeroTrace, s => s.Cpu == 0 && s.Action == "set mine" && s.Change == "mine: false → true");
        Assert.Contains(zeroTrace, s => s.Cpu == 0 && s.Action == "set page[1]" && s.Change == "page[1]: false → true");
        Assert.False(Model.Violates(Pages, onZero, "sees-its-own-page"));
    }

    /// <summary>panic-cpu is a dimension like a feature: named panic-cpu, after the knobs and features, in the configuration's label.</summary>
    [Fact]
    public void Panic_cpu_is_explored_as_a_dimension_after_the_knobs_and_features()
    {
        var scenario = Model.Compile("""
            cpus: 4
            panic-cpu: any
            features:
              f: [false, true]
            """);
        var space = new ConfigurationSpace(scenario);
        Assert.Equal(["f", "panic-cpu", "fault", "entry"], space.Dimensions);
        Assert.Equal(8, ScenarioExplorer.Explore(scenario).Runs);
        var run = ScenarioExplorer.Trace(scenario, "panic-cpu=3");
        Assert.Contains(run.Trace, s => s.Cpu == 3 && s.Change == "panic_cpu: none → cpu3");
        Assert.Equal("f=false,panic-cpu=3,fault=none,entry=panic", run.Configuration.Key);
    }

    /// <summary>Without panic-cpu the space has no such dimension and every run enters on CPU 0.</summary>
    [Fact]
    public void Without_panic_cpu_the_entry_runs_on_cpu0_and_there_is_no_dimension()
    {
        var scenario = Model.Compile("cpus: 4\n");
        Assert.Equal(["fault", "entry"], new ConfigurationSpace(scenario).Dimensions);
        var run = ScenarioExplorer.Trace(scenario, string.Empty);
        Assert.Contains(run.Trace, s => s.Cpu == 0 && s.Change == "panic_cpu: none → cpu0");
    }

    /// <summary>The faults strike another CPU than the panicking one: the next, wrapping round.</summary>
    [Fact]
    public void The_faults_other_cpu_is_another_cpu_than_the_panicking_one()
    {
        const string yaml = """
            cpus: 2
            panic-cpu: [0, 1]
            locks: [l]
            faults:
              - stopped-cpu-holds: l
            """;
        var (_, trace) = Model.Run(yaml, "panic-cpu=1,fault=stopped-cpu-holds(l)");
        Assert.Contains(trace, s => s.Cpu == 0 && s.Change == "l: free → cpu0");
        Assert.Contains(trace, s => s.Change.StartsWith("cpu0: running → stopped", StringComparison.Ordinal));
    }

    /// <summary>
    /// A host reaction writes the guest's memory with set:, a per-CPU copy included, at the moment of its event: the
    /// wait that follows the event in the same callback already sees it.
    /// </summary>
    [Fact]
    public void A_host_reaction_writes_a_per_cpu_copy_at_the_moment_of_its_event()
    {
        const string yaml = """
            cpus: 2
            panic-cpu: [0, 1]
            state:
              page: { initial: false, per-cpu: true }
            callbacks:
              - name: ask
                chain: panic
                do:
                  - emit: request
                  - wait: page[0]
                  - wait: page
            host:
              - on: request
                set: page[0] = true
            invariants:
              - name: terminates
                terminates: true
            """;
        var (onZero, zeroTrace) = Model.Run(yaml, "panic-cpu=0");
        Assert.Contains(zeroTrace, s => s.Chain == "host" && s.Callback == "on request" && s.Action == "set page[0]" && s.Change == "page[0]: false → true");
        Assert.Equal(Boundary.EndOfPanic, onZero.Outcome);

        var (onOne, _) = Model.Run(yaml, "panic-cpu=1");
        Assert.Equal(Boundary.Hang, onOne.Outcome);
        Assert.Contains("waits forever for page", onOne.HangReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host:\n  - on: panic-entry\n    set: panic_timeout = 10", "test.yaml:5:10: expected a state the host writes in the guest's memory, not the knob 'panic_timeout'")]
    [InlineData("host:\n  - on: panic-entry\n    do: dump\n    set: s = true", "test.yaml:5:9: expected no 'do' with 'set': a reaction either writes the guest's memory or ends or dumps the VM")]
    [InlineData("host:\n  - on: end-of-panic\n    set: s = true", "test.yaml:5:10: expected only 'dump' on end-of-panic: the run has already ended there")]
    [InlineData("host:\n  - on: panic-entry\n    set: s[0] = true", "test.yaml:5:10: expected a per-CPU state before '[' (declared with per-cpu: true), not 's'")]
    public void A_host_reactions_set_is_refused_at_its_place(string body, string expected)
    {
        var error = Model.Error("state:\n  s: false\n" + body + "\n");
        Assert.Equal(expected, error.Message);
    }

    /// <summary>A computed CPU the machine does not have hangs the run at the read, naming it.</summary>
    [Fact]
    public void A_computed_cpu_index_out_of_range_hangs_the_run_naming_the_read()
    {
        const string yaml = """
            cpus: 2
            state:
              page: { initial: false, per-cpu: true }
              n: 5
            callbacks:
              - name: look
                chain: panic
                do:
                  - if: page[n]
                    do: [return]
            """;
        var (result, _) = Model.Run(yaml);
        Assert.Equal(Boundary.Hang, result.Outcome);
        Assert.Contains("reads page[5]: the machine has cpu0 to cpu1", result.HangReason, StringComparison.Ordinal);
    }

    /// <summary>panic-cpu belongs to the top file: an included file that says it is refused at its key.</summary>
    [Fact]
    public void Panic_cpu_in_an_included_file_is_refused_at_its_key()
    {
        using var folder = new ScenarioFolder();
        folder.Write("top.yaml", "cpus: 2\npanic-cpu: [0, 1]\ninclude: driver.yaml\n");
        folder.Write("driver.yaml", "state:\n  s: false\npanic-cpu: [1]\n");
        var error = folder.Error("top.yaml");
        Assert.Equal($"{folder.Path("driver.yaml")}:3:1: expected 'panic-cpu' only in the top file: which CPUs panic belongs to the configuration the top file explores", error.Message);
    }

    [Theory]
    [InlineData("panic-cpu: [2]", "test.yaml:2:13: expected a CPU from 0 to 1 (cpus: 2), a list of them, or any, not '2'")]
    [InlineData("panic-cpu: [0, 0]", "test.yaml:2:16: expected each CPU once; '0' is already listed for panic-cpu")]
    [InlineData("panic-cpu: -1", "test.yaml:2:12: expected a CPU from 0 to 1 (cpus: 2), a list of them, or any, not '-1'")]
    [InlineData("panic-cpu: []", "test.yaml:2:12: expected at least one CPU for panic-cpu (a CPU from 0 to 1), or any")]
    [InlineData("state:\n  page: { initial: false, per-cpu: true }\nafter-boot:\n  - if: page[2]\n    do: [return]", "test.yaml:5:14: expected a CPU from 0 to 1 in page[…] (cpus: 2), not 2")]
    [InlineData("state:\n  page: { initial: false, per-cpu: true }\nafter-boot:\n  - set: page[2] = true", "test.yaml:5:15: expected a CPU from 0 to 1 in page[…] (cpus: 2), not 2")]
    [InlineData("state:\n  page: { initial: false, per-cpu: true }\nafter-boot:\n  - if: page[true]\n    do: [return]", "test.yaml:5:14: expected a CPU number in page[…], not a condition")]
    [InlineData("state:\n  page: { initial: false, per-cpu: true }\nafter-boot:\n  - if: page[0\n    do: [return]", "test.yaml:5:15: expected ']' after the CPU of page")]
    [InlineData("state:\n  flag: false\nafter-boot:\n  - if: flag[0]\n    do: [return]", "test.yaml:5:9: expected a per-CPU state before '[' (declared with per-cpu: true), not 'flag'")]
    [InlineData("state:\n  flag: false\nafter-boot:\n  - set: flag[0] = true", "test.yaml:5:10: expected a per-CPU state before '[' (declared with per-cpu: true), not 'flag'")]
    [InlineData("state:\n  page: { initial: false, per-cpu: yes }", "test.yaml:3:36: expected per-cpu: true or false")]
    [InlineData("knobs:\n  panic_timeout: { per-cpu: true }", "test.yaml:3:20: expected a list of values to explore for panic_timeout, not per-cpu: a knob is one value for the whole machine; per-cpu belongs to state")]
    [InlineData("features:\n  f: { per-cpu: true }", "test.yaml:3:8: expected a list of values to explore for f, not per-cpu: a feature is one value for the whole machine; per-cpu belongs to state")]
    [InlineData("after-boot:\n  - if: cpu_online(2)\n    do: [return]", "test.yaml:3:20: expected a CPU from 0 to 1 in cpu_online() (cpus: 2), not 2")]
    [InlineData("after-boot:\n  - if: cpu_present(x86_64)\n    do: [return]", "test.yaml:3:21: expected a CPU number in cpu_present(), not a symbol")]
    [InlineData("after-boot:\n  - if: num_online_cpus > 1\n    do: [return]", "test.yaml:3:25: expected '()' after num_online_cpus")]
    [InlineData("after-boot:\n  - set: this_cpu = 1", "test.yaml:3:10: expected a state variable, a feature or a knob the running system may change (panic_timeout, panic_on_oops, panic_on_warn, panic_print, crash_kexec_post_notifiers, kexec_crash_loaded), not 'this_cpu'")]
    public void A_bad_cpu_or_per_cpu_use_is_refused_at_its_place(string body, string expected)
    {
        var error = Model.Error("cpus: 2\n" + body + "\n");
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("setup:\n  - wait: page[0]\n")]
    public void An_invariants_when_reads_this_cpu_on_the_panicking_cpu_however_early_the_run_ends(string setup)
    {
        var yaml = "cpus: 2\npanic-cpu: [1]\nstate:\n  page: { initial: false, per-cpu: true }\n" + setup + """
            invariants:
              - name: on-cpu1
                when: "!page[this_cpu - 1] && this_cpu == 1"
                at-least-once: host-dump
            """;
        var (result, _) = Model.Run(yaml, "panic-cpu=1");

        Assert.Equal(setup.Length == 0 ? Boundary.EndOfPanic : Boundary.Hang, result.Outcome);
        Assert.DoesNotContain("page[-1]", result.HangReason ?? string.Empty, StringComparison.Ordinal);
        Assert.True(Model.Violates(yaml, result, "on-cpu1"));
    }
}
